from django.http import JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def ping(request):
    return JsonResponse({"pong": True})
