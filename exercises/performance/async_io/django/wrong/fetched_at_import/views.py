"""Exercise (async): the async endpoint blocks the event loop while it waits. Stop blocking it."""

import time

from django.http import JsonResponse


def fetch_rate() -> float:
    """A blocking call, like requests.get() or a database driver without async support."""
    time.sleep(0.2)
    return 1.08


RATE = fetch_rate()  # once, when the module loads: no request waits for it


async def rate(request):
    return JsonResponse({"eur_usd": RATE})
