from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "django_ecosystem.drf_architecture.api"
    label = "drf_architecture_api"
    default_auto_field = "django.db.models.BigAutoField"
