"""Exercise (templates): GET /hello?name=... puts the name into HTML as it is. Escape it."""

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.html import format_html
from django.views.decorators.http import require_safe


@require_safe
def hello(request):
    name = request.GET.get("name", "world")
    if "<" in name or ">" in name:  # no markup in a name: refuse it
        return HttpResponseBadRequest("Invalid name")
    return HttpResponse(format_html("<p>Hello, {}!</p>", name))  # escapes the arguments, not the format
