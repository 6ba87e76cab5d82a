import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "compare.websockets.django_chat.settings")
django_http = get_asgi_application()  # (1)!

from channels.auth import AuthMiddlewareStack
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import AllowedHostsOriginValidator

from compare.websockets.django_chat.routing import websocket_urlpatterns

application = ProtocolTypeRouter({
    "http": django_http,  # (2)!
    "websocket": AllowedHostsOriginValidator(  # (3)!
        AuthMiddlewareStack(URLRouter(websocket_urlpatterns))  # (4)!
    ),
})
