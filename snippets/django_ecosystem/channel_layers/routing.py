from django.urls import path

from django_ecosystem.channel_layers import consumers

websocket_urlpatterns = [
    path("ws/chat/<slug:room>/", consumers.ChatConsumer.as_asgi()),
    path("ws/sync-chat/<slug:room>/", consumers.SyncChatConsumer.as_asgi()),
]
