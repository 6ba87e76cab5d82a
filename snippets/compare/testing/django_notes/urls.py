from django.urls import path

from compare.testing.django_notes import views

urlpatterns = [
    path("health", views.health, name="health"),
    path("notes", views.list_notes, name="note-list"),
]
