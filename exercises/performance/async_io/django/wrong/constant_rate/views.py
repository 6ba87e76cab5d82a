"""Exercise (async): the async endpoint blocks the event loop while it waits. Stop blocking it."""

import time

from django.http import JsonResponse


def fetch_rate() -> float:
    """A blocking call, like requests.get() or a database driver without async support."""
    time.sleep(0.2)
    return 1.08


async def rate(request):
    return JsonResponse({"eur_usd": 1.08})  # no blocking call at all
