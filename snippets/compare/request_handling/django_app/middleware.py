from django.conf import settings
from django.http import JsonResponse


def limit_body_size(get_response):
    """Answer 413 before anything reads a body larger than MAX_REQUEST_BODY_SIZE."""

    def middleware(request):
        declared = request.META.get("CONTENT_LENGTH", "")  # (1)!
        if declared.isdecimal() and int(declared) > settings.MAX_REQUEST_BODY_SIZE:
            return JsonResponse({"error": "request body too large"}, status=413)
        if not declared and "transfer-encoding" in request.headers:  # (2)!
            return JsonResponse({"error": "send the body with a Content-Length"}, status=411)
        return get_response(request)

    return middleware
