from django.urls import path

from . import views

app_name = "bookshelf"
urlpatterns = [
    path("shelves/<str:name>", views.shelf, name="shelf"),
    path("search", views.search, name="search"),
    path("unsafe-search", views.unsafe_search, name="unsafe_search"),
]
