"""Settings to run the Request handling example on its own."""

import os
from pathlib import Path

from django.core.management.utils import get_random_secret_key

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or get_random_secret_key()
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "compare.request_handling.django_app.urls"
WEBHOOK_SECRET = os.environ.get("WEBHOOK_SECRET", "")  # the webhook's sender signs with it (views.signed)
INSTALLED_APPS: list[str] = []

# --8<-- [start:limits]
MIDDLEWARE = [
    "compare.request_handling.django_app.middleware.limit_body_size",  # (1)!
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",  # (2)!
]

MAX_REQUEST_BODY_SIZE = 1024 * 1024  # (3)!
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024  # (4)!

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "uploads": {  # (5)!
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": Path(os.environ.get("UPLOAD_DIR", "uploads"))},
    },
}
# --8<-- [end:limits]
