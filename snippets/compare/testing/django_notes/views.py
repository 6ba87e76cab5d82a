from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from compare.testing.django_notes.models import Note


@require_safe
def health(request):
    return JsonResponse({"status": "ok"})


@require_safe
def list_notes(request):
    notes = Note.objects.order_by("id").values("id", "text")[: settings.NOTES_PAGE_SIZE]  # (1)!
    return JsonResponse(list(notes), safe=False)
