from django.http import JsonResponse


def whoami(request):
    return JsonResponse({"request_id": request.request_id})  # (1)!


def boom(request):
    raise RuntimeError("boom")
