"""Settings to run the REST API example on its own (`migrate`, `runserver`, the tests)."""

import os

from django.core.management.utils import get_random_secret_key

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or get_random_secret_key()
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "compare.rest_apis.django_app.urls"
INSTALLED_APPS = [
    "django.contrib.auth",  # DRF's anonymous user and its default authentication use it
    "django.contrib.contenttypes",
    "rest_framework",
    "compare.rest_apis.django_app",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("DATABASE_PATH", "tasks.sqlite3"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --8<-- [start:rest-framework]
REST_FRAMEWORK = {
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",  # (1)!
    "PAGE_SIZE": 20,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],  # (2)!
    "DEFAULT_PARSER_CLASSES": ["compare.rest_apis.django_app.parsers.JSONParser"],  # (3)!
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],  # (4)!
    "EXCEPTION_HANDLER": "compare.rest_apis.django_app.errors.json_errors",  # (5)!
}
# --8<-- [end:rest-framework]
