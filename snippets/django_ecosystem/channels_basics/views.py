from django.http import JsonResponse
from django.views.decorators.http import require_safe

from django_ecosystem.channels_basics.models import Room


@require_safe
def room_list(request):
    rooms = Room.objects.order_by("slug").values("slug", "title")
    return JsonResponse({"rooms": list(rooms)})
