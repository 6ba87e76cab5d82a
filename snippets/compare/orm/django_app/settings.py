"""Settings to run the ORM example on its own (`migrate`, `runserver`)."""

import os

from django.core.management.utils import get_random_secret_key

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or get_random_secret_key()
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "compare.orm.django_app.urls"
INSTALLED_APPS = ["compare.orm.django_app"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]

# --8<-- [start:databases]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("DATABASE_PATH", "library.sqlite3"),  # (1)!
    }
}
if os.environ.get("DATABASE_HOST"):  # (2)!
    DATABASES["default"] = {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": os.environ["DATABASE_HOST"],
        "PORT": os.environ.get("DATABASE_PORT", "5432"),
        "NAME": os.environ.get("DATABASE_NAME", "library"),
        "USER": os.environ.get("DATABASE_USER", "app"),
        "OPTIONS": {"connect_timeout": 5},  # (3)!
    }
# --8<-- [end:databases]
