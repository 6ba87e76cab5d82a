from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "compare.orm.django_app"
    label = "orm_library"
    default_auto_field = "django.db.models.BigAutoField"
