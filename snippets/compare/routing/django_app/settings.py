"""Settings to run the Routing example on its own (`runserver`)."""

import os

from django.core.management.utils import get_random_secret_key

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or get_random_secret_key()  # (1)!
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"  # (2)!
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "compare.routing.django_app.urls"
INSTALLED_APPS: list[str] = []
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",  # (3)!
    "django.middleware.csrf.CsrfViewMiddleware",
]
