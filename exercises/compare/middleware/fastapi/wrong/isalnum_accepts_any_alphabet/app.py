"""Exercise (middleware): responses carry no request id. Add X-Request-ID to every response."""

import re
import uuid

from fastapi import FastAPI, Request

app = FastAPI()


@app.middleware("http")
async def request_id(request: Request, call_next):
    sent = request.headers.get("x-request-id", "")
    rid = sent if 0 < len(sent) <= 64 and sent.replace("-", "").replace(".", "").replace("_", "").isalnum() else str(uuid.uuid4())
    request.state.request_id = rid
    response = await call_next(request)
    response.headers["X-Request-ID"] = rid
    return response


@app.get("/ping")
def ping() -> dict[str, bool]:
    return {"pong": True}
