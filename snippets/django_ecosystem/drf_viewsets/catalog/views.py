from django.db import transaction
from django.db.models import F
from django_filters.rest_framework import DjangoFilterBackend, FilterSet, NumberFilter
from rest_framework import filters, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import DjangoModelPermissions, DjangoModelPermissionsOrAnonReadOnly
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.versioning import AcceptHeaderVersioning, URLPathVersioning

from django_ecosystem.drf_viewsets.catalog.models import Product
from django_ecosystem.drf_viewsets.catalog.serializers import (
    ProductV1Serializer,
    ProductV2Serializer,
    RestockSerializer,
)


# --8<-- [start:versioning]
class PathVersioning(URLPathVersioning):
    allowed_versions = ["v1", "v2"]  # (1)!


class HeaderVersioning(AcceptHeaderVersioning):
    allowed_versions = ["1.0", "2.0"]
    default_version = "1.0"  # (2)!
# --8<-- [end:versioning]


# --8<-- [start:viewset]
class BoundedSearchFilter(filters.SearchFilter):
    max_terms = 5

    def get_search_terms(self, request):
        terms = super().get_search_terms(request)
        if len(terms) > self.max_terms:
            raise ValidationError({self.search_param: [f"Use at most {self.max_terms} words."]})
        return terms


class TiebreakOrderingFilter(filters.OrderingFilter):
    def get_ordering(self, request, queryset, view):
        ordering = list(super().get_ordering(request, queryset, view) or [])
        if "id" not in [field.lstrip("-") for field in ordering]:
            ordering.append("id")  # equal prices: a stable order for pages
        return ordering


class ProductFilter(FilterSet):
    price__lte = NumberFilter(field_name="price", lookup_expr="lte", max_digits=8, decimal_places=2)
    price__gte = NumberFilter(field_name="price", lookup_expr="gte", max_digits=8, decimal_places=2)

    class Meta:
        model = Product
        fields = ["category"]


class CanChangeProduct(DjangoModelPermissions):
    perms_map = {**DjangoModelPermissions.perms_map, "POST": ["%(app_label)s.change_%(model_name)s"]}


class ProductViewSet(viewsets.ModelViewSet):  # (1)!
    queryset = Product.objects.order_by("id")
    authentication_classes = [SessionAuthentication]
    permission_classes = [DjangoModelPermissionsOrAnonReadOnly]
    renderer_classes = [JSONRenderer]
    pagination_class = None
    versioning_class = PathVersioning
    filter_backends = [DjangoFilterBackend, BoundedSearchFilter, TiebreakOrderingFilter]  # (2)!
    filterset_class = ProductFilter  # (3)!
    search_fields = ["name"]  # (4)!
    ordering_fields = ["price", "name"]
    ordering = ["id"]

    def get_serializer_class(self):
        if self.action == "restock":
            return RestockSerializer
        if self.request.version in ("v2", "2.0"):  # (5)!
            return ProductV2Serializer
        return ProductV1Serializer

    @action(detail=True, methods=["post"], permission_classes=[CanChangeProduct])  # (6)!
    def restock(self, request, *args, **kwargs):  # (7)!
        product = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            restocked = Product.objects.filter(pk=product.pk).update(  # (8)!
                stock=F("stock") + serializer.validated_data["quantity"])
            if not restocked:  # deleted since get_object()
                raise NotFound()
            product.refresh_from_db(fields=["stock"])
        return Response({"id": product.id, "stock": product.stock})


class HeaderVersionedProductViewSet(ProductViewSet):
    versioning_class = HeaderVersioning
# --8<-- [end:viewset]
