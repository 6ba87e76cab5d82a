# --8<-- [start:setup]
import os
import secrets

from flask import Flask
from flask_socketio import ConnectionRefusedError, SocketIO, emit, join_room, rooms

app = Flask(__name__)
socketio = SocketIO(
    app,
    async_mode="threading",  # (1)!
    message_queue=os.environ.get("SOCKETIO_MESSAGE_QUEUE"),  # (2)!
)
# --8<-- [end:setup]


# --8<-- [start:events]
@socketio.on("connect")
def connect(auth):  # (1)!
    expected = os.environ.get("CHAT_TOKEN", "")
    token = auth.get("token", "") if isinstance(auth, dict) else ""
    if not expected or not secrets.compare_digest(str(token).encode(), expected.encode()):
        raise ConnectionRefusedError("unauthorized")  # (2)!


@socketio.on("join")
def join(room):
    if not isinstance(room, str) or not room:
        return {"error": "a room is a non-empty string"}  # (3)!
    join_room(room)
    return {"joined": room}


@socketio.on("say")
def say(data):
    room, text = (data.get("room"), data.get("text")) if isinstance(data, dict) else (None, None)
    if room not in rooms() or not isinstance(text, str):  # (4)!
        return {"error": "join the room first, then send text"}
    emit("message", {"room": room, "message": text}, to=room)  # (5)!
    return {"sent": True}
# --8<-- [end:events]
