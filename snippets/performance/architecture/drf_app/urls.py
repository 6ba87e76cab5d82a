from django.urls import path

from performance.architecture.drf_app import views

urlpatterns = [
    path("items/<int:item_id>", views.ItemDetail.as_view()),
    path("items", views.ItemList.as_view()),
    path("wait", views.Wait.as_view()),
]
