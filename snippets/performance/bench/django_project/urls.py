from django.urls import path

from . import api, views

urlpatterns = [
    path("hello", views.hello),
    path("orders", views.list_orders),
    path("upstream", views.upstream),
    path("products", views.list_products),
    path("async/hello", views.hello_async),
    path("async/orders", views.list_orders_async),
    path("async/upstream", views.upstream_async),
    path("async/products", views.list_products_async),
    path("drf/hello", api.HelloView.as_view()),
    path("drf/orders", api.OrdersView.as_view()),
    path("drf/upstream", api.UpstreamView.as_view()),
    path("drf/products", api.ProductsView.as_view()),
]
