from django.urls import path

import views

urlpatterns = [path("report.csv", views.download_report)]
