from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    name = "compare.static_files.django_app.storefront"
    label = "static_files_storefront"
