"""The Routing chapter's apps, called through WSGI and ASGI by standards.py."""

# --8<-- [start:apps]
import os

from compare.routing.fastapi_app import app as fastapi_app  # ASGI
from compare.routing.flask_app import app as flask_app  # WSGI

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "compare.routing.django_app.settings")

from django.core.asgi import get_asgi_application  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

django_wsgi = get_wsgi_application()  # (1)!
django_asgi = get_asgi_application()
# --8<-- [end:apps]
