"""Why compare/deployment.md's outputs do not run in the browser (contributing/runnable-listings.md, "Runnable
listings"): each is what a real server did (Gunicorn, Uvicorn, Daphne, their workers and logs),
which tests/compare/test_deployment.py starts on loopback, or a manage.py command. Nothing here
runs on the page: no APPS, no OUTPUTS; only the reason the page gives under each output."""

SERVER = "a real server's answer, log or workers: needs a real server"
NOT_IN_BROWSER = {
    **{f"flask_{name}.txt": SERVER for name in ("gunicorn", "sync_workers", "threads", "access_log")},
    **{f"fastapi_{name}.txt": SERVER for name in ("uvicorn", "untrusted_proxy", "gunicorn_log")},
    **{f"django_{name}.txt": SERVER for name in ("gunicorn", "daphne", "http_redirect", "websocket")},
    "django_check_deploy.txt": "manage.py check --deploy: a command for a terminal",
}
