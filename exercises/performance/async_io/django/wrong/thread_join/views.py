"""Exercise (async): the async endpoint blocks the event loop while it waits. Stop blocking it."""

import threading
import time

from django.http import JsonResponse


def fetch_rate() -> float:
    """A blocking call, like requests.get() or a database driver without async support."""
    time.sleep(0.2)
    return 1.08


async def rate(request):
    result = {}
    thread = threading.Thread(target=lambda: result.update(eur_usd=fetch_rate()))  # off the loop's thread
    thread.start()
    thread.join()
    return JsonResponse(result)
