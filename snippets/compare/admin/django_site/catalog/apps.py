from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "compare.admin.django_site.catalog"
    label = "admin_catalog"  # unique among this guide's examples; it appears in admin URLs
