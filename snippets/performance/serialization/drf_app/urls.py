from django.urls import path

from performance.serialization.drf_app import views

urlpatterns = [
    path("orders", views.OrderList.as_view()),
    path("orders/42", views.OrderDetail.as_view()),
]
