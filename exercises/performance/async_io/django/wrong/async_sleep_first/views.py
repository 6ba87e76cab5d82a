"""Exercise (async): the async endpoint blocks the event loop while it waits. Stop blocking it."""

import asyncio
import time

from django.http import JsonResponse


def fetch_rate() -> float:
    """A blocking call, like requests.get() or a database driver without async support."""
    time.sleep(0.2)
    return 1.08


async def rate(request):
    await asyncio.sleep(0)  # yield to the event loop first
    return JsonResponse({"eur_usd": fetch_rate()})
