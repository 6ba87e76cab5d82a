"""Why django/servers.md's outputs do not run in the browser (contributing/runnable-listings.md, "Runnable
listings"): each is what a real server did (Daphne, runserver with Daphne, Uvicorn, Gunicorn with
its workers), started on loopback by tests/django_ecosystem/test_servers.py. A browser page has no
server to start. Nothing here runs on the page: no APPS, no OUTPUTS; only the reason the page
gives under each output."""

SERVER = "a real server's answer, log or workers: needs a real server"
NOT_IN_BROWSER = {
    **{f"{name}.txt": SERVER for name in ("daphne", "runserver", "runserver_startup", "uvicorn",
                                          "gunicorn_uvicorn", "gunicorn_wsgi", "gunicorn_asgi_wrong")},
}
