"""Exercise (async): the async endpoint blocks the event loop while it waits. Stop blocking it."""

import time

from asgiref.sync import sync_to_async
from django.http import JsonResponse


def fetch_rate() -> float:
    """A blocking call, like requests.get() or a database driver without async support."""
    time.sleep(0.2)
    return 1.08


async def rate(request):
    return JsonResponse({"eur_usd": await sync_to_async(fetch_rate)()})  # the loop serves others meanwhile
