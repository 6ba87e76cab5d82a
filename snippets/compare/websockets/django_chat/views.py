from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def index(request):
    return HttpResponse("Chat server: WebSocket on /ws/chat", content_type="text/plain")
