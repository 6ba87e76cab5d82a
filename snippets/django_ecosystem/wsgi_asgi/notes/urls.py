from django.urls import path

from . import views

urlpatterns = [
    path("notes/", views.note_list),
    path("notes/new", views.note_create),
    path("notes/finish-all", views.note_finish_all),
    path("notes/<int:pk>", views.note_detail),
]
