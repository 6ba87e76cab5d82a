# --8<-- [start:request-id]
import re
import time
import uuid

from flask import Flask, g, request

app = Flask(__name__)

VALID_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")  # (1)!


@app.before_request
def start_request():
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if VALID_ID.fullmatch(incoming) else str(uuid.uuid4())
    g.started = time.perf_counter()  # (2)!


@app.after_request
def stamp_response(response):
    response.headers["X-Request-ID"] = g.get("request_id") or str(uuid.uuid4())  # (3)!
    if "started" in g:
        elapsed_ms = (time.perf_counter() - g.started) * 1000
        response.headers["Server-Timing"] = f"app;dur={elapsed_ms:.1f}"  # (4)!
    return response
# --8<-- [end:request-id]


# --8<-- [start:views]
@app.get("/whoami")
def whoami():
    return {"request_id": g.request_id}  # (1)!


@app.get("/boom")
def boom():
    raise RuntimeError("boom")
# --8<-- [end:views]
