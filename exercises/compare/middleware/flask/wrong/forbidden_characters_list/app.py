"""Exercise (middleware): responses carry no request id. Add X-Request-ID to every response."""

import re
import uuid

from flask import Flask, Response, g, request

app = Flask(__name__)
FORBIDDEN = re.compile(r"[ ;]")  # spaces and semicolons would break the log line


@app.before_request
def take_request_id() -> None:
    sent = request.headers.get("X-Request-ID", "")
    g.request_id = sent if sent and len(sent) <= 64 and not FORBIDDEN.search(sent) else str(uuid.uuid4())


@app.after_request
def add_request_id(response: Response) -> Response:
    response.headers["X-Request-ID"] = g.request_id  # after_request runs for 404s and other HTTP errors too
    return response


@app.get("/ping")
def ping():
    return {"pong": True}
