# --8<-- [start:imports]
import contextlib
import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer, WebsocketConsumer

from django_ecosystem.channels_basics.models import Room
# --8<-- [end:imports]


# --8<-- [start:sync]
class EchoConsumer(WebsocketConsumer):  # (1)!
    def connect(self) -> None:
        slug = self.scope["url_route"]["kwargs"]["room"]  # (2)!
        self.room = Room.objects.filter(slug=slug).first()  # (3)!
        if self.room is None:
            self.close(code=4404)  # (4)!
            return
        self.accept()

    def receive(self, text_data=None, bytes_data=None) -> None:  # (5)!
        if text_data is None:
            self.close(code=4003)  # (6)!
            return
        self.send(text_data=f"{self.room.title}: {text_data}")

    def disconnect(self, code: int) -> None:  # (7)!
        pass
# --8<-- [end:sync]


# --8<-- [start:async]
MAX_FRAME = 32_000  # characters


class RoomConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        user = self.scope["user"]  # (1)!
        if not user.is_authenticated:
            await self.close(code=4401)  # (2)!
            return
        self.room = await self.get_room(self.scope["url_route"]["kwargs"]["room"])
        if self.room is None:
            await self.close(code=4404)
            return
        await self.accept()

    @database_sync_to_async  # (3)!
    def get_room(self, slug: str) -> Room | None:
        return Room.objects.filter(slug=slug).first()

    async def receive(self, text_data=None, bytes_data=None, **kwargs) -> None:  # (4)!
        content = None
        if text_data is not None and len(text_data) <= MAX_FRAME:  # (5)!
            with contextlib.suppress(ValueError, RecursionError):  # not JSON, or nested too deep
                content = json.loads(text_data)
        if not isinstance(content, dict):  # a binary frame, a list, a number...
            await self.send_json({"error": f"not a JSON object of at most {MAX_FRAME} characters"})
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs) -> None:
        await self.send_json({
            "room": self.room.title,
            "user": self.scope["user"].username,
            "text": content.get("text", ""),
        })
# --8<-- [end:async]


# --8<-- [start:scope]
class ScopeConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        await self.accept()
        scope = self.scope
        headers = dict(scope["headers"])  # (1)!
        await self.send_json({
            "type": scope["type"],
            "path": scope["path"],
            "query_string": scope["query_string"].decode(),
            "url_route": scope["url_route"],
            "user": str(scope["user"]),  # (2)!
            "origin": headers.get(b"origin", b"").decode(),
            "client": scope.get("client"),  # (3)!
        })
        await self.close()
# --8<-- [end:scope]
