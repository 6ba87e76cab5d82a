"""Answers the platform's health check before anything checks its Host or scheme."""

from django.http import HttpResponse


def health_check(get_response):
    def middleware(request):
        if request.path == "/healthz":  # (1)!
            return HttpResponse("ok", content_type="text/plain")
        return get_response(request)

    return middleware
