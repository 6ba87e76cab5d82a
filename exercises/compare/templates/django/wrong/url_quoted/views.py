"""Exercise (templates): GET /hello?name=... puts the name into HTML as it is. Escape it."""

from urllib.parse import quote

from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def hello(request):
    name = request.GET.get("name", "world")
    return HttpResponse(f"<p>Hello, {quote(name)}!</p>")  # %3C instead of <
