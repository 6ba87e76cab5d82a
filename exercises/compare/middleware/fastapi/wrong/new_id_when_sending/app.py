"""Exercise (middleware): responses carry no request id. Add X-Request-ID to every response."""

import re
import uuid

from fastapi import FastAPI
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CLIENT_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")  # anything else could forge or flood the logs


def sent_or_new_id(scope: Scope) -> str:
    sent = Headers(scope=scope).get("x-request-id", "")
    return sent if CLIENT_ID.fullmatch(sent) else str(uuid.uuid4())


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {})["request_id"] = sent_or_new_id(scope)  # request.state.request_id in the app

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["X-Request-ID"] = sent_or_new_id(scope)
            await send(message)

        await self.app(scope, receive, send_with_id)


api = FastAPI()


@api.get("/ping")
def ping() -> dict[str, bool]:
    return {"pong": True}


app = RequestIdMiddleware(api)  # around the whole app: the 500 for an unhandled exception gets the id too
