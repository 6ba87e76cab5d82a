# --8<-- [start:setup]
import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from compare.errors.django_app.errors import problem
from compare.errors.shop import PRODUCTS, find_product, place_order, sales_report
# --8<-- [end:setup]


# --8<-- [start:raise]
@csrf_exempt  # (1)!
@require_GET
def get_product(request, product_id: int):
    product = find_product(product_id)
    if product is None:
        raise Http404(f"No product {product_id}.")  # (2)!
    return JsonResponse(product)
# --8<-- [end:raise]


# --8<-- [start:app-exception]
@csrf_exempt
@require_POST
def create_order(request, product_id: int):
    product = find_product(product_id)
    if product is None:
        raise Http404(f"No product {product_id}.")
    try:
        data = json.loads(request.body)
    except (ValueError, RecursionError):
        return problem(400, "The body is not valid JSON.")  # (1)!
    quantity = data.get("quantity") if isinstance(data, dict) else None
    if type(quantity) is not int or quantity < 1:
        return problem(400, "quantity must be a positive integer.")
    return JsonResponse(place_order(product, quantity), status=201)  # (2)!
# --8<-- [end:app-exception]


# --8<-- [start:forbidden]
@require_GET
def stock_levels(request):
    if not request.user.is_staff:
        raise PermissionDenied("Only staff can see stock levels.")  # (1)!
    return JsonResponse({p["name"]: p["stock"] for p in PRODUCTS.values()})
# --8<-- [end:forbidden]


# --8<-- [start:server-error]
@require_GET
def get_sales_report(request):
    return JsonResponse(sales_report())  # (1)!
# --8<-- [end:server-error]
