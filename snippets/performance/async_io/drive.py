"""What produces performance/async_io.md's outputs (out/*.txt), and why most cannot run in a browser
(contributing/runnable-listings.md, "Runnable listings"): most are what a real server did under concurrent requests,
which tests/performance/test_async_io.py starts on loopback. The Django ones go through Django's
async request path (CLIENT "async": django.test.AsyncClient, as under ASGI) on the notes `notes()`
makes (SETUP); the page's Run sends the same requests in the browser (guide_tools/runtime/drive.py)."""

APPS = {
    "django": {"ROOT_URLCONF": "performance.async_io.django_app.urls",
               "INSTALLED_APPS": ["django.contrib.contenttypes", "django.contrib.auth", "performance.async_io.django_app"]},
}
OUTPUTS = {
    "django_async_view.txt": ("django", "GET /notes/published"),
    # DRF's dispatch() never awaits an async handler: a 500, and what reached the log (SHOW_CONSOLE
    # "logged"): Django's record of the exception, then the RuntimeWarning of the coroutine
    "drf_async_method.txt": ("django", "GET /drf/notes/count-async"),
}
CLIENT = {output: "async" for output in OUTPUTS}
SETUP = {output: "notes" for output in OUTPUTS}
SHOW_CONSOLE = {"drf_async_method.txt": "logged"}
NOT_IN_BROWSER = {
    "concurrency.txt": "five requests at once to Uvicorn and a slow upstream, timed: needs a real server and sockets",
    "asyncio_debug.txt": "Uvicorn's log in asyncio debug mode: needs a real server",
    "django_wsgi_two_calls.txt": "two calls to an upstream server on loopback, from the thread Django gives "
                                 "an async view: needs a real server and sockets",
}
EDITABLE = {
    "django_async_view.txt": ["performance/async_io/django_app/views.py", "performance/async_io/django_app/urls.py",
                              "performance/async_io/django_app/models.py"],
    "drf_async_method.txt": ["performance/async_io/django_app/drf_views.py", "performance/async_io/django_app/urls.py",
                             "performance/async_io/django_app/models.py"],
}


def notes():
    """Two published notes and a draft: what the views count and list."""
    from performance.async_io.django_app.models import Note

    Note.objects.bulk_create([Note(title="ASGI", published=True), Note(title="WSGI", published=True),
                              Note(title="draft")])
