"""Exercise (project structure): a test cannot change the greeting. Read the setting per request."""

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_safe

GREETING = settings.GREETING


@require_safe
def hello(request):
    return JsonResponse({"message": GREETING})
