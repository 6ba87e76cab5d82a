from django.urls import include, path
from rest_framework.renderers import JSONRenderer
from rest_framework.routers import APIRootView, DefaultRouter

from django_ecosystem.drf_viewsets.catalog.views import PathVersioning, ProductViewSet


class VersionedRootView(APIRootView):  # (1)!
    versioning_class = PathVersioning
    renderer_classes = [JSONRenderer]


class VersionedRouter(DefaultRouter):
    APIRootView = VersionedRootView


router = VersionedRouter()
router.register("products", ProductViewSet)  # (2)!

urlpatterns = [
    path("api/<str:version>/", include(router.urls)),  # (3)!
]
