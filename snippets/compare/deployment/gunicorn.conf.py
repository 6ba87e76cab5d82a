"""Gunicorn settings, read with `gunicorn --config gunicorn.conf.py ...`."""

import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"  # (1)!
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))  # (2)!
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
accesslog = "-"  # (3)!
