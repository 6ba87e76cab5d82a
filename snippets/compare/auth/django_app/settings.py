"""Settings to run the authentication example on its own (`migrate`, `check --deploy`)."""

import os

# --8<-- [start:auth]
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # (1)!

INSTALLED_APPS = [
    "django.contrib.auth",  # (2)!
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "compare.auth.django_app",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",  # (3)!
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

SESSION_COOKIE_NAME = "__Host-sessionid"  # (4)!
CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # (5)!
# SESSION_COOKIE_HTTPONLY = True and SESSION_COOKIE_SAMESITE = "Lax" are the defaults.
# --8<-- [end:auth]

DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "compare.auth.django_app.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("DATABASE_PATH", "auth.sqlite3"),
    }
}
