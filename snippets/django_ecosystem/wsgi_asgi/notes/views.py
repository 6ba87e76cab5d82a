import json

from asgiref.sync import sync_to_async
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import aget_object_or_404
from django.views.decorators.http import require_GET, require_POST

from .models import Note

MAX_LISTED = 100


@require_GET
async def note_list(request):
    total = await Note.objects.acount()  # (1)!
    todo = [note.text async for note in Note.objects.filter(done=False)[:MAX_LISTED]]  # (2)!
    return JsonResponse({"total": total, "todo": todo})


def note_text(body: bytes) -> str | None:
    """The text of a {"text": "..."} JSON body, or None for anything else."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # malformed, not UTF-8, or nested too deep
        return None
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str) or not 0 < len(text) <= 200 or "\x00" in text:  # PostgreSQL refuses NUL
        return None
    try:
        text.encode()  # a lone surrogate ("\ud800") is valid JSON but no UTF-8
    except UnicodeEncodeError:
        return None
    return text


@require_POST
async def note_create(request):
    text = note_text(request.body)
    if text is None:  # (3)!
        return JsonResponse({"error": 'Send JSON: {"text": "..."}, 1 to 200 characters.'}, status=400)
    note = await Note.objects.acreate(text=text)  # (4)!
    return JsonResponse({"id": note.pk, "text": note.text}, status=201)


def finish_all() -> int:  # (5)!
    with transaction.atomic():
        closed = Note.objects.filter(done=False).update(done=True)
        Note.objects.create(text=f"{closed} notes closed", done=True)
    return closed


@require_POST
async def note_finish_all(request):
    closed = await sync_to_async(finish_all)()  # (6)!
    return JsonResponse({"closed": closed})


@require_GET
async def note_detail(request, pk):
    note = await aget_object_or_404(Note, pk=pk)  # (7)!
    return JsonResponse({"id": note.pk, "text": note.text, "done": note.done})
