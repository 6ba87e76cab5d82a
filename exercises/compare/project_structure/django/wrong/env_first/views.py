"""Exercise (project structure): a test cannot change the greeting. Read the setting per request."""

import os

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def hello(request):
    return JsonResponse({"message": os.environ.get("GREETING") or settings.GREETING})  # read at each request
