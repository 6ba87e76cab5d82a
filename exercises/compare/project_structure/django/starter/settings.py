"""Settings of the project structure exercise (Django): one folder, no database."""

import os

# For this exercise only: it runs on your machine and signs nothing. A project you deploy reads
# its key from the environment and refuses to start without one (Project structure, settings.py).
SECRET_KEY = "exercise-only-not-a-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "urls"
INSTALLED_APPS: list[str] = []
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]

GREETING = os.environ.get("GREETING", "Hello")
