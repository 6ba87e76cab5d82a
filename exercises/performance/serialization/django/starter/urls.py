from django.urls import path

import views

urlpatterns = [path("users", views.create_user)]
