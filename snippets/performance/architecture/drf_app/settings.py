"""Settings to serve the DRF example with Gunicorn (see run.sh)."""

import os

from django.core.management.utils import get_random_secret_key

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or get_random_secret_key()  # (1)!
DEBUG = False
ALLOWED_HOSTS = [
    host.strip() for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if host.strip()
]
ROOT_URLCONF = "performance.architecture.drf_app.urls"
INSTALLED_APPS = [
    "django.contrib.auth",  # DRF's AnonymousUser lives here
    "django.contrib.contenttypes",
    "rest_framework",
]
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
DATABASES: dict = {}  # (2)!
