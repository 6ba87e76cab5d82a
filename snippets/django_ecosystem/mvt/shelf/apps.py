from django.apps import AppConfig


class ShelfConfig(AppConfig):
    name = "django_ecosystem.mvt.shelf"
    label = "mvt_shelf"
