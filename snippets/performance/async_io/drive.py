"""Why performance/async_io.md's outputs do not run in the browser (CONTRIBUTING.md, "Runnable
listings"): most are what a real server did under concurrent requests, which
tests/performance/test_async_io.py starts on loopback; the Django ones go through Django's
AsyncClient, with notes the test adds to the database, which the drivers do not declare yet."""

NOT_IN_BROWSER = {
    "concurrency.txt": "five requests at once to Uvicorn and a slow upstream, timed: needs a real server and sockets",
    "asyncio_debug.txt": "Uvicorn's log in asyncio debug mode: needs a real server",
    "django_wsgi_two_calls.txt": "two calls to an upstream server on loopback, from the thread Django gives "
                                 "an async view: needs a real server and sockets",
    "django_async_view.txt": "not declared yet: a request through Django's AsyncClient, and notes the test adds "
                             "to the database",
    "drf_async_method.txt": "not declared yet: a request through Django's AsyncClient, and the exception the "
                            "test reads from the response (Django would log it)",
}
