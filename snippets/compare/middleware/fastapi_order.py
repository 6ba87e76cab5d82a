# --8<-- [start:asgi]
from fastapi import BackgroundTasks, FastAPI, Request
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class PureASGIMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # (1)!
            await self.app(scope, receive, send)
            return
        print("pure ASGI middleware: enter")

        async def send_logged(message: Message) -> None:
            if message["type"] == "http.response.start":  # (2)!
                print(f"pure ASGI middleware: response starts ({message['status']})")
            await send(message)

        try:
            await self.app(scope, receive, send_logged)
        finally:
            print("pure ASGI middleware: exit")
# --8<-- [end:asgi]


# --8<-- [start:base]
class DispatchMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        print("BaseHTTPMiddleware: enter")
        response = await call_next(request)  # (1)!
        print(f"BaseHTTPMiddleware: got the response ({response.status_code})")
        return response
# --8<-- [end:base]


# --8<-- [start:app]
app = FastAPI()
app.add_middleware(DispatchMiddleware)
app.add_middleware(PureASGIMiddleware)  # (1)!


@app.get("/hello")
async def hello(background_tasks: BackgroundTasks):
    print("endpoint")
    background_tasks.add_task(print, "background task")  # (2)!
    return {"message": "Hello"}


@app.get("/boom")
async def boom():
    print("endpoint raises")
    raise RuntimeError("boom")
# --8<-- [end:app]
