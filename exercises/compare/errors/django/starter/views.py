"""Exercise (errors): buying what is out of stock crashes. Answer 409 with JSON, from one handler."""

from django.http import Http404, JsonResponse
from django.views.decorators.http import require_POST

from shop import STOCK, take


@require_POST
def buy(request, item: str):
    if item not in STOCK:
        raise Http404("No such item")
    return JsonResponse({"item": item, "left": take(item)})
