"""Exercise (middleware): responses carry no request id. Add X-Request-ID to every response."""

import re
import uuid

from flask import Flask, Response, request

app = Flask(__name__)
CLIENT_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")  # anything else could forge or flood the logs


@app.after_request
def add_request_id(response: Response) -> Response:
    # after_request runs for 404s and other errors too, and after an earlier before_request that answered
    # before take_request_id ran: then g has no request_id
    sent = request.headers.get("X-Request-ID", "")
    response.headers["X-Request-ID"] = sent if CLIENT_ID.fullmatch(sent) else str(uuid.uuid4())
    return response


@app.get("/ping")
def ping():
    return {"pong": True}
