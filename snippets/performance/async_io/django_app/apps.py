from django.apps import AppConfig


class AsyncNotesConfig(AppConfig):
    name = "performance.async_io.django_app"
    label = "async_io_notes"
    default_auto_field = "django.db.models.BigAutoField"
