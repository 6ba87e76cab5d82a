from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("pages.urls")),  # (1)!
    path("blog/", include("blog.urls")),
    path("admin/", admin.site.urls),
]
