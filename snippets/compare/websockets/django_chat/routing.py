from django.urls import path

from compare.websockets.django_chat.consumers import ChatConsumer

websocket_urlpatterns = [
    path("ws/chat", ChatConsumer.as_asgi()),  # (1)!
]
