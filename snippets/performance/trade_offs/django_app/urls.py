from django.urls import path

from . import views

urlpatterns = [
    path("users/count", views.user_count),
    path("v2/users/count", views.user_count_fixed),
]
