# --8<-- [start:setup]
import os
import secrets
from typing import Annotated, Any

from fastapi import (
    Depends,
    FastAPI,
    Query,
    WebSocket,
    WebSocketDisconnect,
    WebSocketException,
    status,
)
from starlette.websockets import WebSocketDisconnected

app = FastAPI()


class Room:  # (1)!
    def __init__(self) -> None:
        self.sockets: set[WebSocket] = set()

    async def broadcast(self, message: dict[str, Any]) -> None:
        for socket in list(self.sockets):  # (2)!
            try:
                await socket.send_json(message)
            except (WebSocketDisconnect, WebSocketDisconnected):  # (3)!
                self.sockets.discard(socket)


room = Room()
# --8<-- [end:setup]


# --8<-- [start:auth]
def require_token(token: Annotated[str, Query()]) -> None:  # (1)!
    expected = os.environ.get("CHAT_TOKEN", "")  # (2)!
    if not expected or not secrets.compare_digest(token.encode(), expected.encode()):
        raise WebSocketException(code=status.WS_1008_POLICY_VIOLATION)  # (3)!
# --8<-- [end:auth]


# --8<-- [start:endpoint]
@app.websocket("/ws/chat", dependencies=[Depends(require_token)])
async def chat(websocket: WebSocket) -> None:
    await websocket.accept()  # (1)!
    room.sockets.add(websocket)
    try:
        while True:
            message = await websocket.receive()  # (2)!
            if message["type"] == "websocket.disconnect":  # (3)!
                return
            text = message.get("text")
            if text is None:  # (4)!
                await websocket.close(code=status.WS_1003_UNSUPPORTED_DATA)
                return
            if len(text) > 64 * 1024:  # (5)!
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                return
            await room.broadcast({"message": text})
    finally:
        room.sockets.discard(websocket)
# --8<-- [end:endpoint]


# --8<-- [start:http]
@app.get("/")
async def index() -> dict[str, int]:
    return {"connected": len(room.sockets)}
# --8<-- [end:http]
