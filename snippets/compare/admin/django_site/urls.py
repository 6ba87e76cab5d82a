from django.conf import settings
from django.contrib import admin
from django.urls import path

admin.site.site_header = "Bookshop administration"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),  # (1)!
]
