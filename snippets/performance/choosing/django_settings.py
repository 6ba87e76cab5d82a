"""The existing Django project's settings (the parts this page needs); secrets from the environment."""

import os

# --8<-- [start:shared]
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # (1)!
DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["POSTGRES_DB"],
        "USER": os.environ["POSTGRES_USER"],
        "PASSWORD": os.environ.get("POSTGRES_PASSWORD", ""),
        "HOST": os.environ["POSTGRES_HOST"],
        "PORT": os.environ["POSTGRES_PORT"],
    }
}

SESSION_ENGINE = "django.contrib.sessions.backends.db"  # (2)!
SESSION_COOKIE_SECURE = True  # (3)!
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# --8<-- [end:shared]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
]
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
