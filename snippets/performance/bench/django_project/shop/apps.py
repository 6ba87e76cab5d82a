from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "performance.bench.django_project.shop"
    label = "bench_shop"
