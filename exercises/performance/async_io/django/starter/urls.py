from django.urls import path

import views

urlpatterns = [path("rate", views.rate)]
