from django.urls import path

from . import drf_views, views

urlpatterns = [
    path("notes/published", views.published_notes),
    path("notes/publish", views.publish_all),
    path("two-upstream-calls", views.two_upstream_calls),
    path("drf/notes/count", drf_views.NoteCount.as_view()),
    path("drf/notes/count-async", drf_views.AsyncNoteCount.as_view()),
]
