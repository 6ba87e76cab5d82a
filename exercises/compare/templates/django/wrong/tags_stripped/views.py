"""Exercise (templates): GET /hello?name=... puts the name into HTML as it is. Escape it."""

from django.http import HttpResponse
from django.utils.html import strip_tags
from django.views.decorators.http import require_safe


@require_safe
def hello(request):
    name = request.GET.get("name", "world")
    return HttpResponse(f"<p>Hello, {strip_tags(name)}!</p>")  # no tags, no script
