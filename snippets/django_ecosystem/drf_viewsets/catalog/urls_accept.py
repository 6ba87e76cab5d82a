from django.urls import include, path
from rest_framework.routers import DefaultRouter

from django_ecosystem.drf_viewsets.catalog.views import HeaderVersionedProductViewSet

router = DefaultRouter()
router.register("products", HeaderVersionedProductViewSet)

urlpatterns = [
    path("api/", include(router.urls)),
]
