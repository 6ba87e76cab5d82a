"""Exercise (project structure): a test cannot change the greeting. Read the setting per request."""

from functools import lru_cache

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_safe


@lru_cache
def greeting() -> str:
    return settings.GREETING  # read on first use, not at import


@require_safe
def hello(request):
    return JsonResponse({"message": greeting()})
