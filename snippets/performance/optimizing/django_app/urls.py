from django.urls import path

from . import views

urlpatterns = [
    path("products/", views.ProductList.as_view()),
    path("cached/products/", views.CachedProductList.as_view()),
    path("me-wrong/", views.WhoAmIWrong.as_view()),
    path("me/", views.WhoAmI.as_view()),
    path("products/summary/", views.ProductSummary.as_view()),
]
