import json

from channels.generic.websocket import AsyncWebsocketConsumer


class ChatConsumer(AsyncWebsocketConsumer):
    groups = ["chat"]  # (1)!

    async def connect(self) -> None:
        user = self.scope["user"]  # (2)!
        if not user.is_authenticated:
            await self.close(code=1008)  # (3)!
            return
        await self.accept()

    async def receive(self, text_data=None, bytes_data=None) -> None:
        if text_data is None:  # (4)!
            await self.close(code=4003)  # 1003 would reach a client of Daphne as 1011
            return
        await self.channel_layer.group_send(  # (5)!
            "chat",
            {"type": "chat.message", "user": self.scope["user"].username, "text": text_data},
        )

    async def chat_message(self, event: dict) -> None:  # (6)!
        await self.send(text_data=json.dumps({"user": event["user"], "message": event["text"]}))
