"""Checks of the errors exercise, Django: `python3 dev.py exercise errors/django`."""

import logging

import pytest
import shop
import urls
from django.http import JsonResponse
from django.test import Client
from django.urls import path
from django.views.decorators.http import require_POST

from guide_tools.exercises.support import media_type
from exercises.batteries import debug, hosts, secrets
from exercises.compare.errors import shared_checks as shared

EXPECTED = {"error": "out_of_stock", "item": "umbrella"}


@require_POST
def another_view_that_sells(request, item: str):  # the next view that sells: no try, as the task promises
    return JsonResponse({"item": item, "left": shop.take(item)})


@require_POST
def a_view_with_a_bug(request):
    raise RuntimeError("a bug that has nothing to do with the stock")


BUGS = {  # bugs that have nothing to do with the stock, of the kinds a handler might guess at
    "key": KeyError("price"),
    "type": TypeError("unsupported operand type(s) for +: 'int' and 'str'"),
    "value": ValueError("could not parse the supplier's 'out of stock' report"),  # the text is no proof
}


@require_POST
def another_bug(request, kind: str):
    raise BUGS[kind]


@require_POST
def a_basket_checkout(request):
    return JsonResponse({"left": shared.basket(shop)})


@require_POST
def a_discontinued_item(request):
    shared.discontinued(shop)


@require_POST
def a_bug_that_knows_a_password(request):
    shared.bug()


# Added before the first request resolves a URL (the resolver caches the patterns).
urls.urlpatterns += [path("check/gift/<str:item>", another_view_that_sells), path("check/bug", a_view_with_a_bug),
                     path("check/gift/<str:item>/wrapped", another_view_that_sells),
                     path("check/bug/<str:kind>", another_bug), path("check/basket", a_basket_checkout),
                     path("check/discontinued", a_discontinued_item), path("check/leak", a_bug_that_knows_a_password)]


@pytest.fixture
def post():
    return Client().post  # an unhandled exception reaches the check (raise_request_exception)


@pytest.fixture
def lenient_post():
    return Client(raise_request_exception=False).post  # an unhandled exception is a 500


def is_json(response) -> bool:
    """application/json, or a JSON media type such as application/problem+json (RFC 6839's +json)."""
    kind, _ = media_type(response.get("content-type"))
    return kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json"))


def json_of(response) -> object:
    if not is_json(response):
        return response.content[:60]
    return shared.the_contract(response.json(), media_type(response.get("content-type"))[0])  # a problem's standard members aside


def answer(post, path: str) -> tuple[int, object]:
    response = post(path)
    return response.status_code, json_of(response) if is_json(response) else response.content.decode(errors="replace")[:200]


def test_buying_what_is_in_stock_works(post):
    response = post("/buy/tea")
    assert response.status_code == 200, f"POST /buy/tea answered {response.status_code}, expected 200"
    shared.check_get_does_not_sell(shop, lambda path: Client().get(path).status_code)


def test_an_unknown_item_is_404(post):
    response = post("/buy/spaceship")
    assert response.status_code == 404, f"POST /buy/spaceship answered {response.status_code}, expected 404"


def test_out_of_stock_is_409_json(lenient_post, monkeypatch, caplog):
    shared.check_shop_speaks_no_http(shop)
    caplog.set_level(logging.INFO)
    response = lenient_post("/buy/umbrella")  # as a server runs the project: handler500 and middleware run
    assert response.status_code == 409, f"POST /buy/umbrella answered {response.status_code}, expected 409"
    sold_out_records = list(caplog.records)  # what was logged for the 409
    assert is_json(response), (
        f"[not_json] POST /buy/umbrella answered 409 as {response.get('content-type')!r} {response.content[:60]!r}, "
        "expected application/json")
    shared.check_the_409_body(shop, response.json(), media_type=media_type(response.get("content-type"))[0])
    left = shop.STOCK["umbrella"]
    assert left == 0, (
        f"[refused_sale_took_stock] after POST /buy/umbrella was refused, STOCK['umbrella'] is {left!r}, expected 0: "
        "the sale that was refused still took one from the stock")

    monkeypatch.setitem(shop.STOCK, "kettle", 0)
    response = lenient_post("/buy/kettle")
    assert response.status_code == 409 and json_of(response) == {"error": "out_of_stock", "item": "kettle"}, (
        f"[fits_item] with kettles out of stock too, POST /buy/kettle answered {response.status_code} {json_of(response)!r}"
        if response.status_code == 409 else  # not the 409 at all: the starter's advice holds
        f"with kettles out of stock too, POST /buy/kettle answered {response.status_code} {json_of(response)!r}")

    response = lenient_post("/check/gift/umbrella")
    assert response.status_code == 409 and json_of(response) == EXPECTED, (
        f"[handled_in_view] another view that calls take('umbrella') answered {response.status_code} "
        f"{json_of(response)!r}, expected 409 {EXPECTED!r}")

    response = lenient_post("/check/bug")
    assert response.status_code == 500, (
        f"[catches_everything] a view that fails with a RuntimeError answered {response.status_code} "
        f"{json_of(response)!r}, expected Django's 500")
    shared.check_no_error_logged(sold_out_records)
    shared.check_not_raised(lambda: Client().post("/buy/umbrella"), "Client()")
    # The test environment forces DEBUG off, so read what the project's settings.py asks for, however it is started.
    debug.check_debug_off(monkeypatch, "settings", lambda module: module.DEBUG)
    hosts.check_no_wildcard_host("settings")
    secrets.check_no_literal_fallback(monkeypatch, "settings", lambda module: module.SECRET_KEY)

    response = lenient_post("/check/gift/umbrella/wrapped")
    assert response.status_code == 409 and json_of(response) == EXPECTED, (
        f"[item_from_path] a view at /check/gift/umbrella/wrapped that calls take('umbrella') answered "
        f"{response.status_code} {json_of(response)!r}, expected 409 {EXPECTED!r}")

    for kind, bug in BUGS.items():
        response = lenient_post(f"/check/bug/{kind}")
        tag = "[matches_message] " if "out of stock" in str(bug) else "[masks_bugs] "
        assert response.status_code == 500, (
            f"{tag}a view that fails with {type(bug).__name__}({str(bug)!r}) answered {response.status_code} "
            f"{json_of(response)!r}, expected Django's 500")

    shared.check_every_view(shop, monkeypatch, lambda path: answer(lenient_post, path))
    caplog.clear()  # a bug's traceback reaches the log, for whoever fixes it
    response = lenient_post("/check/bug")
    shared.check_bug_logged(caplog.records, response.status_code)


def test_concurrent_orders_never_oversell(monkeypatch):
    def order() -> int:  # one POST /buy/tea; shared_checks runs the second order inside it
        return Client(raise_request_exception=False).post("/buy/tea").status_code

    shared.check_no_oversell(shop, order, monkeypatch)
