from django.urls import path

from probe import views

urlpatterns = [
    path("", views.whoami),
]
