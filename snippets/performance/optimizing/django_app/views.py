from functools import wraps

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.decorators import method_decorator
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_page
from django.views.decorators.vary import vary_on_cookie
from rest_framework.authentication import BasicAuthentication, SessionAuthentication
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Product
from .serializers import ProductSerializer


# --8<-- [start:pagination]
class ProductCursor(CursorPagination):
    page_size = 20  # (1)!
    ordering = "id"  # (2)!

    def decode_cursor(self, request):
        cursor = super().decode_cursor(request)
        position = cursor.position if cursor else None
        if position is not None and not (  # (3)!
            position.isdecimal() and len(position) <= 10 and int(position) <= 2**31 - 1
        ):
            raise NotFound(self.invalid_cursor_message)
        return cursor


class ProductList(ListAPIView):
    queryset = Product.objects.only("id", "name", "price").order_by("id")  # (4)!
    serializer_class = ProductSerializer
    pagination_class = ProductCursor
    authentication_classes = []
    permission_classes = [AllowAny]
# --8<-- [end:pagination]


# --8<-- [start:cache_page]
@method_decorator(cache_page(60), name="get")  # (1)!
class CachedProductList(ProductList):
    pass


class WhoAmIWrong(APIView):
    authentication_classes = [SessionAuthentication, BasicAuthentication]
    permission_classes = [IsAuthenticated]

    @method_decorator(cache_page(60))  # (2)!
    def get(self, request):
        return Response({"username": request.user.username})


def private_after_caching(view):
    """Cache-Control: private, added after Django's page cache has stored the response (it stores no private one)."""
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if hasattr(response, "add_post_render_callback"):  # rendered later: DRF, TemplateResponse
            response.add_post_render_callback(lambda rendered: patch_cache_control(rendered, private=True))
        else:
            patch_cache_control(response, private=True)
        return response
    return wrapped


class WhoAmI(WhoAmIWrong):
    @method_decorator(private_after_caching)  # (4)!
    @method_decorator(cache_page(60))
    @method_decorator(vary_on_cookie)  # (3)!
    def get(self, request):
        return Response({"username": request.user.username})
# --8<-- [end:cache_page]


# --8<-- [start:get_or_set]
def product_summary() -> dict:
    return Product.objects.aggregate(products=Count("id"), highest_price=Max("price"))


class ProductSummary(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    def get(self, request):
        summary = cache.get_or_set("products:summary", product_summary, timeout=300)  # (1)!
        return Response(summary)
# --8<-- [end:get_or_set]
