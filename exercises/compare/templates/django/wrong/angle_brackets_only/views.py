"""Exercise (templates): GET /hello?name=... puts the name into HTML as it is. Escape it."""

from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def hello(request):
    name = request.GET.get("name", "world")
    name = name.replace("<", "&lt;").replace(">", "&gt;")  # no tags
    return HttpResponse(f"<p>Hello, {name}!</p>")
