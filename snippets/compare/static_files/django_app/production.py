"""The same project behind WhiteNoise, as it runs in production."""

import os

from compare.static_files.django_app.settings import *  # (1)!

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # (2)!
DEBUG = False
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # (3)!
    "django.middleware.common.CommonMiddleware",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",  # (4)!
    },
}
