"""Why django/wsgi_asgi.md's outputs do not run in the browser (CONTRIBUTING.md, "Runnable
listings"): the timings and the async views' answers are real servers' (Gunicorn, Uvicorn) on
loopback, and the notes app's async views reach the ORM through asgiref's sync_to_async, which runs
each query in a thread, which a browser page cannot start (tests/django_ecosystem/test_wsgi_asgi.py
runs them). Nothing here runs on the page: no APPS, no OUTPUTS; only the reason the page gives."""

NOT_IN_BROWSER = {
    "timings.txt": "four requests at once to real servers, timed: needs a real server",
    **{f"{name}_async.txt": "a real server's answer (Gunicorn or Uvicorn): needs a real server" for name in ("wsgi", "asgi")},
    **{f"notes_{name}.txt": "the async ORM runs each query in a worker thread (sync_to_async): starts processes or threads"
       for name in ("list", "finish")},
}
