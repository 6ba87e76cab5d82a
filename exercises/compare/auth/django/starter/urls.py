from django.urls import path

import views

urlpatterns = [path("login", views.login), path("reports/new", views.new_report)]
