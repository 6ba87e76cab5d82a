from django.urls import path

from compare.middleware.django_order import views

urlpatterns = [
    path("hello", views.hello),
    path("boom", views.boom),
]
