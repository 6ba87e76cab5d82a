from django.urls import path

from . import views

urlpatterns = [
    path("api/products/<int:product_id>", views.get_product),
    path("api/products/<int:product_id>/orders", views.create_order),
    path("api/stock", views.stock_levels),
    path("api/reports/sales", views.get_sales_report),
]

handler400 = "compare.errors.django_app.errors.bad_request"  # (1)!
handler403 = "compare.errors.django_app.errors.permission_denied"
handler404 = "compare.errors.django_app.errors.page_not_found"
handler500 = "compare.errors.django_app.errors.server_error"
