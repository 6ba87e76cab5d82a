"""Exercise (project structure): a test cannot change the greeting. Read the setting per request."""

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def hello(request, greeting=settings.GREETING):  # the setting, as a parameter a test could pass
    return JsonResponse({"message": greeting})
