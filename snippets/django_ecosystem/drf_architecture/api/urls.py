from django.urls import path

from django_ecosystem.drf_architecture.api import views

urlpatterns = [
    path("notes/", views.NoteList.as_view(), name="note-list"),
    path("browser/notes/", views.BrowserNoteList.as_view(), name="browser-note-list"),
]
