"""Exercise (middleware): responses carry no request id. Add X-Request-ID to every response."""

import re
import uuid
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

app = FastAPI()
CLIENT_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")  # anything else could forge or flood the logs


@app.middleware("http")
async def request_id(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    sent = request.headers.get("x-request-id", "")
    request.state.request_id = sent if CLIENT_ID.fullmatch(sent) else str(uuid.uuid4())
    response = await call_next(request)
    response.headers["X-Request-ID"] = request.state.request_id
    return response


@app.get("/ping")
def ping() -> dict[str, bool]:
    return {"pong": True}
