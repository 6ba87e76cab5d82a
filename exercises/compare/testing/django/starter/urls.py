from django.urls import path

import views

urlpatterns = [
    path("notes", views.list_notes, name="note-list"),
]
