# --8<-- [start:async-view]
import asyncio
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
    titles = [note.title async for note in notes]  # (3)!
    return JsonResponse({"count": count, "titles": titles})
# --8<-- [end:async-view]


# --8<-- [start:two-calls]
UPSTREAM_URL = os.environ.get("UPSTREAM_URL", "http://127.0.0.1:9000/")
SSL_CONTEXT = httpx.create_ssl_context()  # (1)!


@require_GET
async def two_upstream_calls(request: HttpRequest) -> JsonResponse:
    async with httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=2.0), verify=SSL_CONTEXT) as client:
        first, second = await asyncio.gather(  # (2)!
            client.get(UPSTREAM_URL, params={"part": "a"}),
            client.get(UPSTREAM_URL, params={"part": "b"}),
        )
    for response in (first, second):
        response.raise_for_status()
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
