"""Exercise (WebSockets): the echo takes text messages of any size. Close with 4009 above 200 characters.

Daphne delivers a close code sent after accept() only if it is 1000 or in 3000-4999 (any other
arrives as 1011), so this consumer uses application codes: RFC 6455's code plus 3000."""

from channels.generic.websocket import AsyncWebsocketConsumer
from channels.routing import URLRouter
from django.urls import path

MAX_LENGTH = 200


class EchoConsumer(AsyncWebsocketConsumer):
    async def receive(self, text_data=None, bytes_data=None):
        if text_data is None:  # a binary frame
            await self.close(code=4003)  # "unsupported data", RFC 6455's 1003 + 3000
            return
        if len(text_data) > MAX_LENGTH:
            await self.close(code=4009)  # "message too big", RFC 6455's 1009 + 3000
            return
        await self.send(text_data=text_data.upper())


application = URLRouter([path("ws/echo", EchoConsumer.as_asgi())])
