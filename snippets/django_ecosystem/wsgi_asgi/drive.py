"""The requests behind django/wsgi_asgi.md's two outputs of the async ORM, and why the others do not
run in the browser (contributing/runnable-listings.md, "Runnable listings"): the timings and the async views' answers
are real servers' (Gunicorn, Uvicorn) on loopback. The notes app's views go through Django's async
request path (CLIENT "async": django.test.AsyncClient, as the test sends them), after the two notes
the page says were posted first (BEFORE); tests/django_ecosystem/test_wsgi_asgi.py sends the same
requests, and the page's Run sends them in the browser, where sync_to_async runs the ORM's queries
in the event loop rather than a thread (the page says so)."""

APPS = {"django": {"ROOT_URLCONF": "django_ecosystem.wsgi_asgi.notes.urls",
                   "INSTALLED_APPS": ["django_ecosystem.wsgi_asgi.notes"]}}
NEW_NOTE = 'POST /notes/new\nContent-Type: application/json\n\n{{"text": "{text}"}}'
TWO_NOTES = [NEW_NOTE.format(text=text) for text in ("write the page", "run the tests")]
OUTPUTS = {
    "notes_list.txt": ("django", "GET /notes/"),
    "notes_finish.txt": ("django", "POST /notes/finish-all"),
}
BEFORE = {output: TWO_NOTES for output in OUTPUTS}
CLIENT = {output: "async" for output in OUTPUTS}
NOT_IN_BROWSER = {
    "timings.txt": "four requests at once to real servers, timed: needs a real server",
    **{f"{name}_async.txt": "a real server's answer (Gunicorn or Uvicorn): needs a real server" for name in ("wsgi", "asgi")},
}
EDITABLE = {"django": ["django_ecosystem/wsgi_asgi/notes/views.py", "django_ecosystem/wsgi_asgi/notes/urls.py",
                       "django_ecosystem/wsgi_asgi/notes/models.py"]}
