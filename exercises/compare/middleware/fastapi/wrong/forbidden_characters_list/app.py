"""Exercise (middleware): responses carry no request id. Add X-Request-ID to every response."""

import re
import uuid
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

app = FastAPI()
FORBIDDEN = re.compile(r"[ ;]")  # spaces and semicolons would break the log line


@app.middleware("http")
async def request_id(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    sent = request.headers.get("x-request-id", "")
    request.state.request_id = sent if sent and len(sent) <= 64 and not FORBIDDEN.search(sent) else str(uuid.uuid4())
    response = await call_next(request)
    response.headers["X-Request-ID"] = request.state.request_id
    return response


@app.get("/ping")
def ping() -> dict[str, bool]:
    return {"pong": True}
