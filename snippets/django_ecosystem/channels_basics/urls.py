from django.urls import path

from django_ecosystem.channels_basics import views

urlpatterns = [
    path("rooms/", views.room_list),
]
