import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import OriginValidator
from django.urls import path

from probe.consumers import EchoConsumer

# Whole origins: scheme, host and port (443 for https) must all match.
WEBSOCKET_ORIGINS = ["https://www.example.com"]  # (1)!

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": OriginValidator(  # (2)!
            URLRouter([path("ws/echo/", EchoConsumer.as_asgi())]), WEBSOCKET_ORIGINS
        ),
    }
)
