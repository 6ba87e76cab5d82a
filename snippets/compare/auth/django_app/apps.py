from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "compare.auth.django_app"
    label = "auth_reports"
    default_auto_field = "django.db.models.BigAutoField"
