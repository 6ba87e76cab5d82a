import asyncio
import os
import threading

from fastapi import FastAPI, Request

app = FastAPI()


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
    return report(request)  # (1)!


@app.get("/sync")
def whoami_sync(request: Request) -> dict[str, str | int | None]:
    return report(request)  # (2)!


@app.get("/slow")
async def slow(request: Request) -> dict[str, str | int | None]:
    await asyncio.sleep(0.5)  # (3)!
    return report(request)
