from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "performance.optimizing.django_app"
    label = "optimizing_shop"
    default_auto_field = "django.db.models.BigAutoField"
