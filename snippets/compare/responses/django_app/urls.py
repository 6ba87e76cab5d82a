from django.urls import path

from . import views

urlpatterns = [
    path("text", views.text, name="text"),
    path("orders", views.order_list, name="list_orders"),
    path("orders/<int:order_id>", views.order_detail, name="get_order"),
    path("hello", views.hello, name="hello"),
    path("account", views.account, name="account"),
    path("latest-order", views.latest_order, name="latest_order"),
    path("shop/orders", views.old_orders_url, name="old_orders_url"),
    path("cookie-consent", views.accept_cookies, name="accept_cookies"),
    path("countdown", views.countdown, name="countdown"),
    path("countdown-async", views.countdown_async, name="countdown_async"),
    path("orders.csv", views.download_orders, name="download_orders"),
]
