"""Exercise (templates): GET /hello?name=... puts the name into HTML as it is. Escape it."""

from django.http import HttpResponse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe


@require_safe
def hello(request):
    name = request.GET.get("name", "world")
    return HttpResponse(mark_safe(f"<p>Hello, {name}!</p>"))  # the <p> must not be escaped
