"""Exercise (WebSockets): the echo takes messages of any size. Close with 1009 above 200 characters."""

from channels.generic.websocket import AsyncWebsocketConsumer
from channels.routing import URLRouter
from django.urls import path

MAX_LENGTH = 200


class EchoConsumer(AsyncWebsocketConsumer):
    async def receive(self, text_data=None, bytes_data=None):
        if len(text_data or "") > MAX_LENGTH:
            await self.send(text_data="error: message too big (1009)")
            return
        await self.send(text_data=text_data.upper())


application = URLRouter([path("ws/echo", EchoConsumer.as_asgi())])
