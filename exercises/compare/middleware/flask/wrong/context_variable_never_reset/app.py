"""Exercise (middleware): responses carry no request id. Add X-Request-ID to every response."""

import re
import uuid
from contextvars import ContextVar

from flask import Flask, Response, request

app = Flask(__name__)
CLIENT_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")  # anything else could forge or flood the logs
request_id: ContextVar[str] = ContextVar("request_id", default="")  # one value per thread or task


@app.before_request
def take_request_id() -> None:
    sent = request.headers.get("X-Request-ID", "")
    request_id.set(sent if CLIENT_ID.fullmatch(sent) else str(uuid.uuid4()))


@app.after_request
def add_request_id(response: Response) -> Response:
    # "" when a before_request registered earlier answered before take_request_id ran
    response.headers["X-Request-ID"] = request_id.get() or str(uuid.uuid4())
    return response


@app.get("/ping")
def ping():
    return {"pong": True}
