from django.urls import path

import views

urlpatterns = [path("where", views.where)]
