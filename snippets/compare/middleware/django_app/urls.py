from django.urls import path

from compare.middleware.django_app import views

urlpatterns = [
    path("whoami", views.whoami),
    path("boom", views.boom),
]
