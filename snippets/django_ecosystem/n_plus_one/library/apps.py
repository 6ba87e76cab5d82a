from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "django_ecosystem.n_plus_one.library"
    label = "n_plus_one_library"
    default_auto_field = "django.db.models.BigAutoField"
