from channels.generic.websocket import AsyncWebsocketConsumer


class EchoConsumer(AsyncWebsocketConsumer):
    async def receive(self, text_data=None, bytes_data=None):
        if text_data is None:  # a binary frame: echoed as it came, not as "echo: None"
            await self.send(bytes_data=bytes_data)
            return
        await self.send(text_data=f"echo: {text_data}")
