# --8<-- [start:setup]
import contextlib
import json
import os
import queue
import secrets
import socket
import threading

from flask import Flask, abort, request
from flask_sock import ConnectionClosed, Sock

app = Flask(__name__)
app.config["SOCK_SERVER_OPTIONS"] = {"ping_interval": 25, "max_message_size": 64 * 1024}  # (1)!
sock = Sock(app)
OUTBOX_SIZE = 32  # messages a client may fall behind before it is cut off

outboxes = {}  # (2)!
outboxes_lock = threading.Lock()
# --8<-- [end:setup]


# --8<-- [start:auth]
@app.before_request
def require_token() -> None:
    if request.endpoint != "chat":  # (1)!
        return
    expected = os.environ.get("CHAT_TOKEN", "")
    token = request.args.get("token", "")
    if not expected or not secrets.compare_digest(token.encode(), expected.encode()):
        abort(403)  # (2)!
# --8<-- [end:auth]


# --8<-- [start:endpoint]
@sock.route("/ws/chat")
def chat(ws):  # (1)!
    outbox = queue.Queue(OUTBOX_SIZE)
    with outboxes_lock:
        outboxes[ws] = outbox
    threading.Thread(target=send_all, args=(ws, outbox), daemon=True).start()  # (2)!
    try:
        while True:
            data = ws.receive()  # (3)!
            if not isinstance(data, str):  # (4)!
                ws.close(reason=1003)  # unsupported data
                return
            broadcast(json.dumps({"message": data}))
    finally:
        with outboxes_lock:
            outboxes.pop(ws, None)
        with contextlib.suppress(queue.Full):  # a full outbox: the next send fails instead
            outbox.put_nowait(None)  # the sender's signal to stop


def send_all(ws, outbox: queue.Queue) -> None:
    try:
        while (data := outbox.get()) is not None:
            ws.send(data)
    except (ConnectionClosed, OSError):  # (5)!
        pass


def broadcast(data: str) -> None:  # (6)!
    with outboxes_lock:
        members = list(outboxes.items())
    for ws, outbox in members:
        try:
            outbox.put_nowait(data)
        except queue.Full:  # (7)!
            with outboxes_lock:
                outboxes.pop(ws, None)
            with contextlib.suppress(OSError):  # already closed
                ws.sock.shutdown(socket.SHUT_RDWR)
# --8<-- [end:endpoint]


# --8<-- [start:http]
@app.get("/")
def index():
    with outboxes_lock:
        return {"connected": len(outboxes)}
# --8<-- [end:http]
