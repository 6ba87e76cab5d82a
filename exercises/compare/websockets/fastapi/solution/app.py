"""Exercise (WebSockets): the echo takes text messages of any size. Close with 1009 above 200 characters."""

from fastapi import FastAPI, WebSocket, status

MAX_LENGTH = 200
app = FastAPI()


@app.websocket("/ws/echo")
async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    while True:
        message = await websocket.receive()  # receive_text() would fail on a binary frame
        if message["type"] == "websocket.disconnect":
            return  # the client left
        text = message.get("text")
        if text is None:  # a binary frame
            await websocket.close(code=status.WS_1003_UNSUPPORTED_DATA)
            return
        if len(text) > MAX_LENGTH:
            await websocket.close(code=1009)  # "message too big", from RFC 6455
            return
        await websocket.send_text(text.upper())
