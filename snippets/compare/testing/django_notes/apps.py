from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "compare.testing.django_notes"
    label = "testing_notes"
    default_auto_field = "django.db.models.BigAutoField"
