"""Settings to run the request-id example on its own."""

import os

from django.core.management.utils import get_random_secret_key

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or get_random_secret_key()
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "compare.middleware.django_app.urls"
INSTALLED_APPS: list[str] = []

# --8<-- [start:middleware]
MIDDLEWARE = [
    "compare.middleware.django_app.middleware.RequestIdMiddleware",  # (1)!
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]
# --8<-- [end:middleware]
