from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def home(request):
    return JsonResponse({"site": settings.SITE_NAME})
