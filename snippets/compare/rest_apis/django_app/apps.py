from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "compare.rest_apis.django_app"
    label = "rest_apis_tasks"
    default_auto_field = "django.db.models.BigAutoField"
