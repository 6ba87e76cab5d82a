from django.urls import path

from django_ecosystem.channels_basics import consumers

websocket_urlpatterns = [
    path("ws/echo/<slug:room>/", consumers.EchoConsumer.as_asgi()),  # (1)!
    path("ws/rooms/<slug:room>/", consumers.RoomConsumer.as_asgi()),
    path("ws/scope/<slug:room>/", consumers.ScopeConsumer.as_asgi()),
]
