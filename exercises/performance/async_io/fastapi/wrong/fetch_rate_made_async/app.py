"""Exercise (async): the async endpoint blocks the event loop while it waits. Stop blocking it."""

import time

from fastapi import FastAPI

app = FastAPI()


async def fetch_rate() -> float:
    """A blocking call, like requests.get() or a database driver without async support."""
    time.sleep(0.2)
    return 1.08


@app.get("/rate")
async def rate() -> dict[str, float]:
    return {"eur_usd": await fetch_rate()}  # the loop serves others meanwhile
