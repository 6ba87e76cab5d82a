"""Settings of the Django benchmark project: plain views and DRF, PostgreSQL through psycopg 3."""

import os
from urllib.parse import unquote, urlsplit

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "performance.bench.django_project.urls"
WSGI_APPLICATION = "performance.bench.django_project.wsgi.application"
USE_TZ = True

INSTALLED_APPS = ["rest_framework", "performance.bench.django_project.shop"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]

_db = urlsplit(os.environ["BENCH_DATABASE_URL"])
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": _db.path.lstrip("/"),
        "USER": unquote(_db.username or ""),
        "PASSWORD": unquote(_db.password or ""),
        "HOST": _db.hostname,
        "PORT": _db.port or 5432,
        "OPTIONS": {"pool": {"min_size": 2, "max_size": 10}},  # Django 5.1+: psycopg's pool, per process
    }
}

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
}
