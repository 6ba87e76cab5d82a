import hashlib
import hmac
import json
import math

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe


# --8<-- [start:query]
@require_safe
def search(request):
    q = request.GET.get("q", "")  # (1)!
    tags = request.GET.getlist("tag")  # (2)!
    return JsonResponse({"q": q, "tags": tags})
# --8<-- [end:query]


# --8<-- [start:form]
@require_POST
def subscribe(request):
    email = request.POST.get("email")  # (1)!
    if not email:
        return JsonResponse({"error": "email is required"}, status=400)
    topics = request.POST.getlist("topic")
    return JsonResponse({"email": email, "topics": topics})
# --8<-- [end:form]


# --8<-- [start:json]
def not_json(constant):
    raise ValueError(f"{constant} is not JSON")


def finite(number):
    value = float(number)
    if not math.isfinite(value):
        raise ValueError(f"{number} is too large for a float")
    return value


@require_POST
def create_item(request):
    if request.content_type != "application/json":  # (1)!
        return JsonResponse({"error": "expected application/json"}, status=415)
    try:
        item = json.loads(request.body, parse_constant=not_json, parse_float=finite)  # (2)!
        return JsonResponse({"received": item}, status=201)
    except (ValueError, RecursionError) as exc:  # (3)!
        return JsonResponse({"error": f"invalid JSON: {exc}"}, status=400)
# --8<-- [end:json]


# --8<-- [start:headers]
@require_safe
def whoami(request):
    return JsonResponse({
        "user_agent": request.headers.get("User-Agent"),  # (1)!
        "request_id": request.headers.get("X-Request-ID"),
        "theme": request.COOKIES.get("theme", "light"),  # (2)!
    })
# --8<-- [end:headers]


# --8<-- [start:raw]
def signed(body: bytes, signature: str) -> bool:
    secret = settings.WEBHOOK_SECRET  # (1)!
    if not secret:
        raise ImproperlyConfigured("Set WEBHOOK_SECRET: the sender signs each delivery with it.")
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode())  # (2)!


@csrf_exempt  # (3)!
@require_POST
def webhook(request):
    body = request.body  # (4)!
    if not signed(body, request.headers.get("X-Signature", "")):
        return JsonResponse({"error": "bad signature"}, status=403)
    return JsonResponse({"size": len(body), "sha256": hashlib.sha256(body).hexdigest()})
# --8<-- [end:raw]


# --8<-- [start:upload]
@require_POST
def upload(request):
    file = request.FILES.get("file")  # (1)!
    if file is None:
        return JsonResponse({"error": "a file field named 'file' is required"}, status=400)
    storage = storages["uploads"]  # (2)!
    stored_as = storage.save(storage.get_valid_name(file.name[-60:]), file)  # (3)!
    return JsonResponse(
        {"filename": file.name, "stored_as": stored_as, "size": storage.size(stored_as)},
        status=201,
    )
# --8<-- [end:upload]
