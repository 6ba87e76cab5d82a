import asyncio
import threading
import time

from django.http import JsonResponse

DELAY = 1.0  # seconds: stands for a slow database query or API call


def where(view: str) -> JsonResponse:
    """Which view answered, in which thread, and whether an event loop runs there."""
    try:
        asyncio.get_running_loop()
        loop = "running"
    except RuntimeError:
        loop = "none"
    return JsonResponse({"view": view, "thread": threading.current_thread().name, "event_loop": loop})


def sync_wait(request):
    time.sleep(DELAY)  # (1)!
    return where("sync")


async def async_wait(request):  # (2)!
    await asyncio.sleep(DELAY)  # (3)!
    return where("async")
