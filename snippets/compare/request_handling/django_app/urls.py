from django.urls import path

from . import views

urlpatterns = [
    path("search", views.search),
    path("subscribe", views.subscribe),
    path("items", views.create_item),
    path("whoami", views.whoami),
    path("webhook", views.webhook),
    path("upload", views.upload),
]
