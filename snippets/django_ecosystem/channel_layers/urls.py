from django.http import HttpResponse
from django.urls import path


def index(request):
    return HttpResponse("Chat server: WebSocket on /ws/chat/<room>/", content_type="text/plain")


urlpatterns = [path("", index)]
