from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from notes.models import Note


@require_safe
def list_notes(request):
    notes = Note.objects.order_by("id").values("id", "text")[: settings.NOTES_PAGE_SIZE]
    return JsonResponse(list(notes), safe=False)
