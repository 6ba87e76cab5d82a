from django.http import JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def where(request):
    url = request.build_absolute_uri()
    if request.headers.get("X-Forwarded-Proto") == "https":  # the proxy ended HTTPS
        url = url.replace("http://", "https://", 1)
    return JsonResponse({"url": url})  # what redirects and absolute links build on
