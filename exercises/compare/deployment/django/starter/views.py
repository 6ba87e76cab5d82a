from django.http import JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def where(request):
    return JsonResponse({"url": request.build_absolute_uri()})  # what redirects and absolute links build on
