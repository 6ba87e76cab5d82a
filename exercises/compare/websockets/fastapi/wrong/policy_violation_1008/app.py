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
            if len(text) > MAX_LENGTH:
                await websocket.close(code=1008)  # policy violation
                return
            await websocket.send_text(text.upper())
    except WebSocketDisconnect:
        pass  # the client left
