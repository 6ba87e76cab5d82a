from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.index, name="index"),
    path("users/<str:username>", views.show_user, name="show_user"),  # (1)!
    path("files/<path:subpath>", views.show_file, name="show_file"),  # (2)!
    path("search", views.search, name="search"),
    path("items", views.items, name="items"),
    path("about", views.about, name="about"),  # (3)!
    path("about-us", views.about, name="about-us"),
    path("guide/", views.guide, name="guide"),  # (4)!
    path("blog/", include("compare.routing.django_app.blog.urls")),  # (5)!
]
