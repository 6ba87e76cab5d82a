"""Exercise (request handling): POST /orders trusts its JSON body. Reject a body that is not an order."""

import json

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.views.decorators.http import require_POST


def bad_request(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


def is_json(media_type: str) -> bool:  # application/json, or a JSON-based type: application/merge-patch+json
    return media_type == "application/json" or (media_type.startswith("application/") and media_type.endswith("+json"))


@require_POST
def create_order(request):
    if not is_json(request.content_type):  # a form or text/plain: what any site can post
        return JsonResponse({"error": "expected application/json"}, status=415)
    try:
        data = json.loads(request.body)
    except (ValueError, RecursionError):  # bad syntax, bytes that are not text, nested too deeply
        return bad_request("the body is not valid JSON")
    except RequestDataTooBig:  # over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MiB): Django's own answer is an HTML 400
        return JsonResponse({"error": "the body is too large"}, status=413)
    if not isinstance(data, dict):
        return bad_request("the body must be a JSON object")
    item, quantity = data.get("item"), data.get("quantity")
    if not isinstance(item, str) or not item:
        return bad_request("item must be a non-empty string")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        return bad_request("quantity must be an integer of at least 1")
    return JsonResponse({"item": item, "quantity": quantity}, status=201)
