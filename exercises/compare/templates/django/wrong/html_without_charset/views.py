"""Exercise (templates): GET /hello?name=... puts the name into HTML as it is. Escape it."""

from django.http import HttpResponse
from django.utils.html import format_html
from django.views.decorators.http import require_safe


@require_safe
def hello(request):
    name = request.GET.get("name", "world")
    return HttpResponse(format_html("<p>Hello, {}!</p>", name), content_type="text/html")
