from django.urls import path

import views

urlpatterns = [path("buy/<str:item>", views.buy)]
