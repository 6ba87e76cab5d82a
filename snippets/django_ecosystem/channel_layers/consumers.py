# --8<-- [start:imports]
import asyncio
import json
import logging

from asgiref.sync import async_to_sync
from channels.generic.websocket import AsyncJsonWebsocketConsumer, JsonWebsocketConsumer
from channels.layers import get_channel_layer

log = logging.getLogger(__name__)
# --8<-- [end:imports]


# --8<-- [start:chat]
MAX_ROOM_LENGTH = 64
MAX_TEXT = 2000
MAX_FRAME = 32_000  # characters: MAX_TEXT of them fit even if each one is escaped
REJOIN_EVERY = 300  # seconds, well under group_expiry
LAYER_TIMEOUT = 5  # seconds for one call to the layer, less than socket_timeout in settings.py
BAD_FRAME = {"error": f"not a JSON object of at most {MAX_FRAME} characters"}
BAD_TEXT = {"error": f"text: a string of at most {MAX_TEXT} characters"}


def group_name(room: str) -> str | None:
    if len(room) > MAX_ROOM_LENGTH:
        return None
    return f"chat.{room}"  # (1)!


def json_object(text_data: str | None) -> dict | None:  # (2)!
    if text_data is None or len(text_data) > MAX_FRAME:  # measured before anything is parsed
        return None
    try:
        content = json.loads(text_data)
    except (ValueError, RecursionError):  # not JSON, or nested too deep
        return None
    return content if isinstance(content, dict) else None


def chat_text(content: dict) -> str | None:
    text = content.get("text", "")
    return text if isinstance(text, str) and len(text) <= MAX_TEXT else None


class ChatConsumer(AsyncJsonWebsocketConsumer):
    group = None
    membership = None

    async def connect(self) -> None:
        self.group = group_name(self.scope["url_route"]["kwargs"]["room"])
        if self.group is None:
            await self.close(code=4400)  # (3)!
            return
        async with asyncio.timeout(LAYER_TIMEOUT):
            await self.channel_layer.group_add(self.group, self.channel_name)  # (4)!
        await self.accept()
        self.membership = asyncio.create_task(self.keep_membership())

    async def keep_membership(self) -> None:
        while True:  # renews group_expiry, and joins again if Redis lost the group
            await asyncio.sleep(REJOIN_EVERY)
            try:
                async with asyncio.timeout(LAYER_TIMEOUT):
                    await self.channel_layer.group_add(self.group, self.channel_name)
            except Exception:
                log.warning("could not rejoin %s", self.group, exc_info=True)

    async def disconnect(self, code: int) -> None:
        if self.membership is not None:
            self.membership.cancel()
        if self.group is not None:
            async with asyncio.timeout(LAYER_TIMEOUT):
                await self.channel_layer.group_discard(self.group, self.channel_name)  # (5)!

    async def receive(self, text_data=None, bytes_data=None, **kwargs) -> None:
        content = json_object(text_data)
        if content is None:
            await self.send_json(BAD_FRAME)  # (6)!
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs) -> None:
        text = chat_text(content)
        if text is None:
            await self.send_json(BAD_TEXT)  # (7)!
            return
        async with asyncio.timeout(LAYER_TIMEOUT):
            await self.channel_layer.group_send(self.group, {  # (8)!
                "type": "chat.message",
                "text": text,
            })

    async def chat_message(self, event: dict) -> None:  # (9)!
        await self.send_json({"room": self.group, "text": event["text"]})
# --8<-- [end:chat]


# --8<-- [start:sync]
async def bounded(call, *args):  # (1)!
    async with asyncio.timeout(LAYER_TIMEOUT):
        return await call(*args)


class SyncChatConsumer(JsonWebsocketConsumer):
    group = None

    def connect(self) -> None:
        self.group = group_name(self.scope["url_route"]["kwargs"]["room"])
        if self.group is None:
            self.close(code=4400)
            return
        async_to_sync(bounded)(self.channel_layer.group_add, self.group, self.channel_name)  # (2)!
        self.accept()

    def disconnect(self, code: int) -> None:
        if self.group is not None:
            async_to_sync(bounded)(self.channel_layer.group_discard, self.group, self.channel_name)

    def receive(self, text_data=None, bytes_data=None, **kwargs) -> None:
        content = json_object(text_data)
        if content is None:
            self.send_json(BAD_FRAME)
            return
        self.receive_json(content)

    def receive_json(self, content, **kwargs) -> None:
        text = chat_text(content)
        if text is None:
            self.send_json(BAD_TEXT)
            return
        async_to_sync(bounded)(self.channel_layer.group_send, self.group, {
            "type": "chat.message",
            "text": text,
        })

    def chat_message(self, event: dict) -> None:  # (3)!
        self.send_json({"room": self.group, "text": event["text"]})
# --8<-- [end:sync]


# --8<-- [start:announce]
def announce(room: str, text: str) -> None:
    """Send to everyone in a room from sync code: a view, a management command, a task."""
    async_to_sync(bounded)(get_channel_layer().group_send, group_name(room), {  # (1)!
        "type": "chat.message",
        "text": text,
    })
# --8<-- [end:announce]
