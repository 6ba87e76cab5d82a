from django.http import JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def hello(request):
    return JsonResponse({"handler": type(request).__name__})  # (1)!
