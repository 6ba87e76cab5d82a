from django.urls import include, path

from . import views

urlpatterns = [
    # --8<-- [start:static]
    path("", views.index, name="index"),
    # --8<-- [end:static]
    # --8<-- [start:converters]
    path("users/<str:username>", views.show_user, name="show_user"),
    path("files/<path:subpath>", views.show_file, name="show_file"),
    # --8<-- [end:converters]
    # --8<-- [start:query]
    path("search", views.search, name="search"),
    # --8<-- [end:query]
    # --8<-- [start:methods]
    path("items", views.items, name="items"),
    # --8<-- [end:methods]
    # --8<-- [start:many-urls]
    path("about", views.about, name="about"),
    path("about-us", views.about, name="about-us"),
    # --8<-- [end:many-urls]
    # --8<-- [start:slash]
    path("guide/", views.guide, name="guide"),
    # --8<-- [end:slash]
    # --8<-- [start:include]
    path("blog/", include("compare.routing.django_app.blog.urls")),
    # --8<-- [end:include]
]
