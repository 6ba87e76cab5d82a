"""Settings of the forms exercise (Django): one folder, no database."""

import os

from django.core.management.utils import get_random_secret_key

SECRET_KEY = "django-insecure-3x@mple-k3y-from-the-tutorial"  # sessions survive restarts
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "urls"
INSTALLED_APPS: list[str] = []
MIDDLEWARE = ["django.middleware.common.CommonMiddleware", "django.middleware.csrf.CsrfViewMiddleware"]
