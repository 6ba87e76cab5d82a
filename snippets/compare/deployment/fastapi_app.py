import asyncio
import os
import threading

from fastapi import FastAPI, Request
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from fastapi.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

app = FastAPI()
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["www.example.com"])  # (1)!


def health_check(asgi_app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/healthz":  # (2)!
            await PlainTextResponse("ok")(scope, receive, send)
        else:
            await asgi_app(scope, receive, send)

    return middleware


app.add_middleware(health_check)  # (3)!


def report(request: Request) -> dict[str, str | int | None]:
    return {
        "framework": "fastapi",
        "pid": os.getpid(),
        "thread": threading.current_thread().name,
        "scheme": request.url.scheme,
        "client": request.client.host if request.client else None,
    }


@app.get("/")
async def whoami(request: Request) -> dict[str, str | int | None]:
    return report(request)  # (4)!


@app.get("/sync")
def whoami_sync(request: Request) -> dict[str, str | int | None]:
    return report(request)  # (5)!


@app.get("/slow")
async def slow(request: Request) -> dict[str, str | int | None]:
    await asyncio.sleep(0.5)  # (6)!
    return report(request)
