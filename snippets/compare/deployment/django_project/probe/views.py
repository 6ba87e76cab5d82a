import os
import threading

from django.http import JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def whoami(request):
    return JsonResponse({
        "framework": "django",
        "pid": os.getpid(),
        "thread": threading.current_thread().name,
        "scheme": request.scheme,  # (1)!
        "client": request.META["REMOTE_ADDR"],
    })
