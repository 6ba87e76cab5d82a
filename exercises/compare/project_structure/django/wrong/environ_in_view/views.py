"""Exercise (project structure): a test cannot change the greeting. Read the setting per request."""

import os

from django.http import JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def hello(request):
    return JsonResponse({"message": os.environ.get("GREETING", "Hello")})  # read at each request
