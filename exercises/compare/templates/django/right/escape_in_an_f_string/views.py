"""Exercise (templates): GET /hello?name=... puts the name into HTML as it is. Escape it."""

from django.http import HttpResponse
from django.utils.html import escape
from django.views.decorators.http import require_safe


@require_safe
def hello(request):
    name = request.GET.get("name", "world")
    return HttpResponse(f"<p>Hello, {escape(name)}!</p>")  # escape() turns <, >, &, quotes into entities
