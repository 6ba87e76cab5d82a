# --8<-- [start:setup]
import asyncio
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

UPSTREAM_URL = os.environ.get("UPSTREAM_URL", "http://127.0.0.1:9000/")
TIMEOUT = httpx.Timeout(10.0, connect=2.0)  # (1)!


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    if os.environ.get("ASYNCIO_DEBUG") == "1":
        asyncio.get_running_loop().set_debug(True)  # (2)!
    async with httpx.AsyncClient(timeout=TIMEOUT) as client:  # (3)!
        app.state.upstream = client
        yield


app = FastAPI(lifespan=lifespan)


def fetch_blocking() -> str:
    """A blocking call, like requests.get() or a vendor SDK without async support."""
    response = httpx.get(UPSTREAM_URL, timeout=TIMEOUT)
    response.raise_for_status()
    return response.text


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}
# --8<-- [end:setup]


# --8<-- [start:blocking]
@app.get("/blocking")
async def blocking() -> dict[str, str]:
    return {"upstream": fetch_blocking()}  # (1)!
# --8<-- [end:blocking]


# --8<-- [start:async-client]
@app.get("/async-client")
async def async_client(request: Request) -> dict[str, str]:
    client: httpx.AsyncClient = request.app.state.upstream
    response = await client.get(UPSTREAM_URL)  # (1)!
    response.raise_for_status()
    return {"upstream": response.text}
# --8<-- [end:async-client]


# --8<-- [start:sync-def]
@app.get("/sync-def")
def sync_def() -> dict[str, str]:  # (1)!
    return {"upstream": fetch_blocking()}
# --8<-- [end:sync-def]


# --8<-- [start:offloaded]
@app.get("/offloaded")
async def offloaded() -> dict[str, str]:
    text = await anyio.to_thread.run_sync(fetch_blocking)  # (1)!
    return {"upstream": text}
# --8<-- [end:offloaded]


# --8<-- [start:upstream-errors]
logger = logging.getLogger(__name__)


@app.exception_handler(httpx.TimeoutException)  # (1)!
async def upstream_timed_out(request: Request, exc: httpx.TimeoutException) -> JSONResponse:
    logger.warning("%s: upstream timed out: %r", request.url.path, exc)
    return JSONResponse({"detail": "Upstream timed out"}, status_code=504)


@app.exception_handler(httpx.HTTPError)  # (2)!
async def upstream_failed(request: Request, exc: httpx.HTTPError) -> JSONResponse:
    logger.warning("%s: upstream failed: %r", request.url.path, exc)
    return JSONResponse({"detail": "Upstream failed"}, status_code=502)
# --8<-- [end:upstream-errors]
