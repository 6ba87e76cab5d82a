from contextvars import ContextVar

from fastapi import APIRouter, FastAPI, Request
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

current_user: ContextVar[str] = ContextVar("current_user", default="anonymous")

router = APIRouter()


@router.get("/me")
async def me():
    current_user.set("ada")  # (1)!
    return {"user": current_user.get()}


@router.get("/me-sync")
def me_sync():
    current_user.set("ada")  # (2)!
    return {"user": current_user.get()}


class AccessLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)
        if scope["type"] == "http":
            print(f"pure ASGI access log: {scope['path']} by {current_user.get()}")  # (3)!


class AccessLogHTTP(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        response = await call_next(request)
        print(f"BaseHTTPMiddleware access log: {request.url.path} by {current_user.get()}")  # (4)!
        return response


pure_app = FastAPI()
pure_app.include_router(router)
pure_app.add_middleware(AccessLog)

base_app = FastAPI()
base_app.include_router(router)
base_app.add_middleware(AccessLogHTTP)
