"""Exercise (deployment): behind an HTTPS proxy the app thinks it is on plain HTTP. Trust the proxy."""

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

app = FastAPI()


@app.middleware("http")
async def trust_the_proxy(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    if request.headers.get("x-forwarded-proto") == "https":
        request.scope["scheme"] = "https"
    return await call_next(request)


@app.get("/where")
def where(request: Request) -> dict[str, str]:
    return {"url": str(request.url)}  # what request.url_for() and redirects build on
