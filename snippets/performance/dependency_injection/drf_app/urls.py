from django.urls import path

from performance.dependency_injection.drf_app import views

urlpatterns = [path("profile", views.Profile.as_view())]
