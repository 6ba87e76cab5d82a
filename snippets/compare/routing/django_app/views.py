import json
import math

from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.views.decorators.http import require_http_methods, require_safe


# --8<-- [start:static]
@require_safe  # (1)!
def index(request):
    return HttpResponse("Home page")
# --8<-- [end:static]


# --8<-- [start:converters]
@require_safe
def show_user(request, username: str):
    return HttpResponse(f"User {escape(username)}")  # (1)!


@require_safe
def show_file(request, subpath: str):
    return HttpResponse(f"File {escape(subpath)}")
# --8<-- [end:converters]


# --8<-- [start:query]
@require_safe
def search(request):
    q = request.GET.get("q", "")
    try:
        page = int(request.GET.get("page", "1"))  # (1)!
    except ValueError:
        return JsonResponse({"error": "page must be an integer"}, status=400)
    return JsonResponse({"q": q, "page": page})
# --8<-- [end:query]


# --8<-- [start:methods]
def not_json(constant):
    raise ValueError(f"{constant} is not JSON")


def finite(number):
    value = float(number)
    if not math.isfinite(value):
        raise ValueError(f"{number} is too large for a float")
    return value


@require_http_methods(["GET", "POST"])  # (1)!
def items(request):
    if request.method == "POST":
        try:
            item = json.loads(request.body, parse_constant=not_json, parse_float=finite)
            return JsonResponse({"created": item}, status=201)
        except (ValueError, RecursionError):  # (2)!
            return JsonResponse({"error": "the body must be JSON"}, status=400)
    return JsonResponse({"items": []})
# --8<-- [end:methods]


# --8<-- [start:many-urls]
@require_safe
def about(request):
    return HttpResponse("About us")
# --8<-- [end:many-urls]


# --8<-- [start:slash]
@require_safe
def guide(request):
    return HttpResponse("Guide")
# --8<-- [end:slash]
