"""Exercise (WebSockets): the echo takes text messages of any size. Close with 1009 above 200 characters."""

from channels.generic.websocket import AsyncWebsocketConsumer
from channels.routing import URLRouter
from django.urls import path

MAX_LENGTH = 200


class EchoConsumer(AsyncWebsocketConsumer):
    async def receive(self, text_data=None, bytes_data=None):
        if text_data is None:  # a binary frame
            await self.close(code=1003)  # "unsupported data", from RFC 6455
            return
        await self.send(text_data=text_data.upper())


application = URLRouter([path("ws/echo", EchoConsumer.as_asgi())])
