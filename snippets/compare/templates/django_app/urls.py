from django.urls import include, path

urlpatterns = [
    path("", include("compare.templates.django_app.bookshelf.urls")),
]
