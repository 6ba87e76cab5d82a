"""Exercise (static files): a fingerprinted file is not cached. Cache it for a year, and only it."""

import re
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response

FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.\w+$")  # app.3f2a1b9c.css: the name changes with the content


app = FastAPI()
app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")


@app.middleware("http")
async def cache_fingerprinted(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    if response.status_code == 200 and FINGERPRINTED.search(request.url.path):  # not a 404 for a missing file
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
