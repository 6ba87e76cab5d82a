# --8<-- [start:request-id]
import re
import time
import uuid

from fastapi import FastAPI, Request
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

VALID_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")  # (1)!


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = Headers(scope=scope).get("X-Request-ID", "")
        request_id = incoming if VALID_ID.fullmatch(incoming) else str(uuid.uuid4())
        scope.setdefault("state", {})["request_id"] = request_id  # (2)!
        started = time.perf_counter()

        async def send_stamped(message: Message) -> None:
            if message["type"] == "http.response.start":  # (3)!
                elapsed_ms = (time.perf_counter() - started) * 1000
                headers = MutableHeaders(scope=message)
                headers["X-Request-ID"] = request_id
                headers["Server-Timing"] = f"app;dur={elapsed_ms:.1f}"
            await send(message)

        await self.app(scope, receive, send_stamped)


app = FastAPI()
app.add_middleware(RequestIdMiddleware)
# --8<-- [end:request-id]


# --8<-- [start:views]
@app.get("/whoami")
async def whoami(request: Request):
    return {"request_id": request.state.request_id}  # (1)!


@app.get("/boom")
async def boom():
    raise RuntimeError("boom")
# --8<-- [end:views]
