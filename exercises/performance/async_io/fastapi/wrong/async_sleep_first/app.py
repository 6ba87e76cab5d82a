"""Exercise (async): the async endpoint blocks the event loop while it waits. Stop blocking it."""

import asyncio
import time

from fastapi import FastAPI

app = FastAPI()


def fetch_rate() -> float:
    """A blocking call, like requests.get() or a database driver without async support."""
    time.sleep(0.2)
    return 1.08


@app.get("/rate")
async def rate() -> dict[str, float]:
    await asyncio.sleep(0)  # yield to the event loop first
    return {"eur_usd": fetch_rate()}
