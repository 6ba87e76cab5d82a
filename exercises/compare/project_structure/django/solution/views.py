"""Exercise (project structure): a test cannot change the greeting. Read the setting per request."""

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def hello(request):
    return JsonResponse({"message": settings.GREETING})  # the current value, overrides included
