"""Exercise (request handling): POST /orders trusts its JSON body. Reject a body that is not an order."""

import json

from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def create_order(request):
    data = json.loads(request.body)
    return JsonResponse({"item": data["item"], "quantity": data["quantity"]}, status=201)
