"""Settings of the deployment exercise (Django): one folder, no database, behind an HTTPS proxy."""

import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # no fallback: without the key the site refuses to start
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "urls"
INSTALLED_APPS: list[str] = []
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.middleware.common.CommonMiddleware"]
