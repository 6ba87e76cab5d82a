from django.urls import path

from compare.websockets.django_chat import views

urlpatterns = [
    path("", views.index),
]
