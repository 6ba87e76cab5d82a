from django.urls import include, path

urlpatterns = [
    path("books/", include("django_ecosystem.mvt.shelf.urls")),
]
