# --8<-- [start:setup]
import json
import os
import secrets
import threading

from flask import Flask, abort, request
from flask_sock import ConnectionClosed, Sock

app = Flask(__name__)
app.config["SOCK_SERVER_OPTIONS"] = {"ping_interval": 25, "max_message_size": 64 * 1024}  # (1)!
sock = Sock(app)

clients = set()  # (2)!
clients_lock = threading.Lock()
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
    with clients_lock:
        clients.add(ws)
    try:
        while True:
            data = ws.receive()  # (2)!
            if not isinstance(data, str):  # (3)!
                ws.close(reason=1003)  # unsupported data
                return
            broadcast(json.dumps({"message": data}))
    finally:
        with clients_lock:
            clients.discard(ws)


def broadcast(data: str) -> None:
    with clients_lock:
        targets = list(clients)
    for client in targets:
        try:
            client.send(data)
        except ConnectionClosed:  # (4)!
            with clients_lock:
                clients.discard(client)
# --8<-- [end:endpoint]


# --8<-- [start:http]
@app.get("/")
def index():
    with clients_lock:
        return {"connected": len(clients)}
# --8<-- [end:http]
