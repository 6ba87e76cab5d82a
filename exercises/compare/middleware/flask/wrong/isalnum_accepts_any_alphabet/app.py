"""Exercise (middleware): responses carry no request id. Add X-Request-ID to every response."""

import re
import uuid

from flask import Flask, g, request

app = Flask(__name__)


@app.before_request
def assign_request_id():
    sent = request.headers.get("X-Request-ID", "")
    ok = 0 < len(sent) <= 64 and sent.replace("-", "").replace(".", "").replace("_", "").isalnum()
    g.request_id = sent if ok else str(uuid.uuid4())


@app.after_request
def add_request_id(response):
    response.headers["X-Request-ID"] = g.request_id
    return response


@app.get("/ping")
def ping():
    return {"pong": True}
