import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "django_ecosystem.channels_basics.settings")
django_http = get_asgi_application()  # (1)!

from channels.auth import AuthMiddlewareStack  # (2)!
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import AllowedHostsOriginValidator

from django_ecosystem.channels_basics.routing import websocket_urlpatterns

application = ProtocolTypeRouter({
    "http": django_http,  # (3)!
    "websocket": AllowedHostsOriginValidator(  # (4)!
        AuthMiddlewareStack(  # (5)!
            URLRouter(websocket_urlpatterns)  # (6)!
        )
    ),
})
