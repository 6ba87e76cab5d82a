from django.urls import path
from waits import views

urlpatterns = [
    path("sync", views.sync_wait),
    path("async", views.async_wait),
]
