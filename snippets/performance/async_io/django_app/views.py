# --8<-- [start:async-view]
import asyncio
import logging
import os

import httpx
from asgiref.sync import sync_to_async
from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from .models import Note


@require_GET
async def published_notes(request: HttpRequest) -> JsonResponse:  # (1)!
    notes = Note.objects.filter(published=True).order_by("id")
    count = await notes.acount()  # (2)!
    titles = [note.title async for note in notes[:100]]  # (3)!
    return JsonResponse({"count": count, "titles": titles})
# --8<-- [end:async-view]


# --8<-- [start:two-calls]
UPSTREAM_URL = os.environ.get("UPSTREAM_URL", "http://127.0.0.1:9000/")
TIMEOUT = httpx.Timeout(10.0, connect=2.0)
SSL_CONTEXT = httpx.create_ssl_context()  # (1)!
logger = logging.getLogger(__name__)


@require_GET
async def two_upstream_calls(request: HttpRequest) -> JsonResponse:
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT, verify=SSL_CONTEXT) as client:
            first, second = await asyncio.gather(  # (2)!
                client.get(UPSTREAM_URL, params={"part": "a"}),
                client.get(UPSTREAM_URL, params={"part": "b"}),
            )
        for response in (first, second):
            response.raise_for_status()
    except httpx.TimeoutException as exc:  # (3)!
        logger.warning("%s: upstream timed out: %r", request.path, exc)
        return JsonResponse({"detail": "Upstream timed out"}, status=504)
    except httpx.HTTPError as exc:
        logger.warning("%s: upstream failed: %r", request.path, exc)
        return JsonResponse({"detail": "Upstream failed"}, status=502)
    return JsonResponse({"parts": [first.text, second.text]})
# --8<-- [end:two-calls]


# --8<-- [start:transaction]
def publish_all_sync() -> int:
    with transaction.atomic():  # (1)!
        changed = Note.objects.filter(published=False).update(published=True)
        Note.objects.create(title=f"{changed} notes published", published=True)
    return changed


@require_POST
async def publish_all(request: HttpRequest) -> JsonResponse:
    changed = await sync_to_async(publish_all_sync)()  # (2)!
    return JsonResponse({"published": changed})
# --8<-- [end:transaction]
