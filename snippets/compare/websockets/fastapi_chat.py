# --8<-- [start:setup]
import asyncio
import os
import secrets
from typing import Annotated, Any

import anyio
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
OUTBOX_SIZE = 32  # messages a client may fall behind before the room drops it


class Member:  # (1)!
    def __init__(self, websocket: WebSocket, connection: anyio.CancelScope) -> None:
        self.websocket = websocket
        self.connection = connection
        self.outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue(OUTBOX_SIZE)

    async def send_all(self) -> None:  # (2)!
        try:
            while True:
                await self.websocket.send_json(await self.outbox.get())
        except (WebSocketDisconnect, WebSocketDisconnected):  # (3)!
            return


class Room:
    def __init__(self) -> None:
        self.members: set[Member] = set()

    def broadcast(self, message: dict[str, Any]) -> None:  # (4)!
        for member in list(self.members):
            try:
                member.outbox.put_nowait(message)
            except asyncio.QueueFull:  # (5)!
                self.members.discard(member)
                member.connection.cancel()


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
    async with anyio.create_task_group() as tasks:  # (2)!
        member = Member(websocket, tasks.cancel_scope)
        room.members.add(member)
        tasks.start_soon(member.send_all)
        try:
            while True:
                message = await websocket.receive()  # (3)!
                if message["type"] == "websocket.disconnect":  # (4)!
                    return
                text = message.get("text")
                if text is None:  # (5)!
                    await websocket.close(code=status.WS_1003_UNSUPPORTED_DATA)
                    return
                if len(text) > 64 * 1024:  # (6)!
                    await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                    return
                room.broadcast({"message": text})
        finally:
            room.members.discard(member)
            tasks.cancel_scope.cancel()  # the sender as well
# --8<-- [end:endpoint]


# --8<-- [start:http]
@app.get("/")
async def index() -> dict[str, int]:
    return {"connected": len(room.members)}
# --8<-- [end:http]
