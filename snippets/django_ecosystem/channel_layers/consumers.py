# --8<-- [start:imports]
from asgiref.sync import async_to_sync
from channels.generic.websocket import AsyncJsonWebsocketConsumer, JsonWebsocketConsumer
from channels.layers import get_channel_layer
# --8<-- [end:imports]


# --8<-- [start:chat]
def group_name(room: str) -> str:
    return f"chat.{room}"  # (1)!


class ChatConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        self.group = group_name(self.scope["url_route"]["kwargs"]["room"])
        await self.channel_layer.group_add(self.group, self.channel_name)  # (2)!
        await self.accept()

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(self.group, self.channel_name)  # (3)!

    async def receive_json(self, content, **kwargs) -> None:
        await self.channel_layer.group_send(self.group, {  # (4)!
            "type": "chat.message",
            "text": content.get("text", ""),
        })

    async def chat_message(self, event: dict) -> None:  # (5)!
        await self.send_json({"room": self.group, "text": event["text"]})
# --8<-- [end:chat]


# --8<-- [start:sync]
class SyncChatConsumer(JsonWebsocketConsumer):
    def connect(self) -> None:
        self.group = group_name(self.scope["url_route"]["kwargs"]["room"])
        async_to_sync(self.channel_layer.group_add)(self.group, self.channel_name)  # (1)!
        self.accept()

    def disconnect(self, code: int) -> None:
        async_to_sync(self.channel_layer.group_discard)(self.group, self.channel_name)

    def receive_json(self, content, **kwargs) -> None:
        async_to_sync(self.channel_layer.group_send)(self.group, {
            "type": "chat.message",
            "text": content.get("text", ""),
        })

    def chat_message(self, event: dict) -> None:  # (2)!
        self.send_json({"room": self.group, "text": event["text"]})
# --8<-- [end:sync]


# --8<-- [start:announce]
def announce(room: str, text: str) -> None:
    """Send to everyone in a room from sync code: a view, a management command, a task."""
    async_to_sync(get_channel_layer().group_send)(group_name(room), {  # (1)!
        "type": "chat.message",
        "text": text,
    })
# --8<-- [end:announce]
