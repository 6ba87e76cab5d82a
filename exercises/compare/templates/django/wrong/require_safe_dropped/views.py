"""Exercise (templates): GET /hello?name=... puts the name into HTML as it is. Escape it."""

from django.http import HttpResponse
from django.utils.html import format_html


def hello(request):
    name = request.GET.get("name", "world")
    return HttpResponse(format_html("<p>Hello, {}!</p>", name))  # escapes the arguments, not the format
