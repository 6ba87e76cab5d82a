"""Exercise (middleware): responses carry no request id. Add X-Request-ID to every response."""

import re
import uuid

from fastapi import FastAPI, Request

app = FastAPI()


@app.middleware("http")
async def request_id(request: Request, call_next):
    sent = request.headers.get("x-request-id", "")[:64]
    rid = sent if re.fullmatch(r"[A-Za-z0-9._-]{1,64}", sent) else str(uuid.uuid4())
    request.state.request_id = rid
    response = await call_next(request)
    response.headers["X-Request-ID"] = rid
    return response


@app.get("/ping")
def ping() -> dict[str, bool]:
    return {"pong": True}
