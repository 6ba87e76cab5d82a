# --8<-- [start:setup]
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from compare.responses.orders import ORDERS, new_order, orders_csv
# --8<-- [end:setup]


# --8<-- [start:text]
@require_safe
def text(request):
    return HttpResponse("Hello, world\n", content_type="text/plain; charset=utf-8")  # (1)!
# --8<-- [end:text]


# --8<-- [start:orders]
@require_http_methods(["GET", "DELETE"])
def order_detail(request, order_id: int):
    if request.method == "DELETE":
        return HttpResponse(status=204)  # (1)!
    if order_id not in ORDERS:
        raise Http404
    return JsonResponse(ORDERS[order_id])  # (2)!


@require_http_methods(["GET", "POST"])
def order_list(request):
    if request.method == "POST":
        order = new_order()
        location = reverse("get_order", args=[order["id"]])
        return JsonResponse(order, status=201, headers={"Location": location})  # (3)!
    return JsonResponse(list(ORDERS.values()), safe=False)  # (4)!
# --8<-- [end:orders]


# --8<-- [start:html]
@require_safe
def hello(request):
    name = request.GET.get("name", "world")
    return HttpResponse(format_html("<h1>Hello, {}!</h1>", name))  # (1)!
# --8<-- [end:html]


# --8<-- [start:headers]
@require_safe
def account(request):
    return JsonResponse({"user": "ada"}, headers={"Cache-Control": "no-store"})  # (1)!
# --8<-- [end:headers]


# --8<-- [start:redirects]
@require_safe
def latest_order(request):
    return redirect("get_order", order_id=max(ORDERS))  # (1)!


@require_safe
def old_orders_url(request):
    return redirect("list_orders", permanent=True)  # (2)!
# --8<-- [end:redirects]


# --8<-- [start:cookies]
@require_POST
def accept_cookies(request):
    response = HttpResponse(status=204)
    response.set_cookie(
        "consent", "yes",
        max_age=60 * 60 * 24 * 365,  # (1)!
        secure=True,  # (2)!
        httponly=True,  # (3)!
        samesite="Lax",  # (4)!
    )
    return response
# --8<-- [end:cookies]


# --8<-- [start:streaming]
def start_from(request) -> int:
    try:
        start = int(request.GET.get("start", 3))
    except ValueError:
        start = 3
    return min(start, 10)  # (1)!


def countdown_lines(start: int):
    for n in range(start, 0, -1):
        yield f"{n}\n"
    yield "liftoff\n"


@require_safe
def countdown(request):
    start = start_from(request)
    return StreamingHttpResponse(countdown_lines(start), content_type="text/plain; charset=utf-8")  # (2)!
# --8<-- [end:streaming]


# --8<-- [start:streaming-async]
async def countdown_lines_async(start: int):
    for n in range(start, 0, -1):
        yield f"{n}\n"
    yield "liftoff\n"


@require_safe
async def countdown_async(request):
    start = start_from(request)
    return StreamingHttpResponse(countdown_lines_async(start), content_type="text/plain; charset=utf-8")  # (1)!
# --8<-- [end:streaming-async]


# --8<-- [start:download]
@require_safe
def download_orders(request):
    return HttpResponse(
        orders_csv(),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="orders.csv"'},  # (1)!
    )
# --8<-- [end:download]
