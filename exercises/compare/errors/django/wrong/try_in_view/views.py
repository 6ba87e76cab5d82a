"""Exercise (errors): buying what is out of stock crashes. Answer 409 with JSON, from one handler."""

from django.http import Http404, JsonResponse
from django.views.decorators.http import require_POST

from shop import STOCK, OutOfStock, take


@require_POST
def buy(request, item: str):
    if item not in STOCK:
        raise Http404("No such item")
    try:
        left = take(item)
    except OutOfStock:
        return JsonResponse({"error": "out_of_stock", "item": item}, status=409)
    return JsonResponse({"item": item, "left": left})
