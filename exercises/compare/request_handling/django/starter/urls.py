from django.urls import path

import views

urlpatterns = [path("orders", views.create_order)]
