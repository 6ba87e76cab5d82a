from django.urls import path

from compare.static_files.django_app.storefront import views

urlpatterns = [
    path("", views.home, name="home"),
]
