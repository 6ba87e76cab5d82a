"""Settings for the speed-related parts of a Django project; every secret comes from the environment."""

import os

from redis.backoff import NoBackoff
from redis.retry import Retry

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = [
    host.strip() for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",") if host.strip()
]
ROOT_URLCONF = "performance.optimizing.django_app.urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "performance.optimizing.django_app",
]
USE_TZ = True

# --8<-- [start:database]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["POSTGRES_DB"],
        "USER": os.environ["POSTGRES_USER"],
        "PASSWORD": os.environ.get("POSTGRES_PASSWORD", ""),
        "HOST": os.environ["POSTGRES_HOST"],
        "PORT": os.environ["POSTGRES_PORT"],
        "CONN_MAX_AGE": 0,  # (1)!
        "OPTIONS": {
            "pool": {"min_size": 2, "max_size": 4, "timeout": 5},  # (2)!
            "options": "-c statement_timeout=5s -c lock_timeout=2s",
        },
        "CONN_HEALTH_CHECKS": True,  # (3)!
    }
}
# --8<-- [end:database]

# --8<-- [start:cache]
CACHES = {
    "default": {
        "BACKEND": "performance.optimizing.django_app.cache.FailSoftRedisCache",  # (1)!
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": "shop",
        "OPTIONS": {  # (2)!
            "socket_connect_timeout": 0.25,
            "socket_timeout": 0.25,
            "retry": Retry(NoBackoff(), retries=1),
        },
    }
}
# --8<-- [end:cache]

# --8<-- [start:rest_framework]
REST_FRAMEWORK = {
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",  # (1)!
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "performance.optimizing.django_app.errors.database_busy",  # (2)!
}
# --8<-- [end:rest_framework]
