from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "django_ecosystem.drf_viewsets.catalog"
    label = "drf_viewsets_catalog"
    default_auto_field = "django.db.models.BigAutoField"
