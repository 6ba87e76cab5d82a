"""Settings of the static files exercise (Django): WhiteNoise serves static/ without collectstatic."""

import os
from pathlib import Path

from django.core.management.utils import get_random_secret_key

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or get_random_secret_key()
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "urls"
INSTALLED_APPS = ["django.contrib.staticfiles"]
MIDDLEWARE = ["cache_headers.CacheFingerprintedMiddleware", "whitenoise.middleware.WhiteNoiseMiddleware",
              "django.middleware.common.CommonMiddleware"]
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True  # serve from STATICFILES_DIRS directly (a real deployment runs collectstatic)
