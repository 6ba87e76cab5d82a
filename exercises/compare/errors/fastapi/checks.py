"""Checks of the errors exercise, FastAPI: `python3 dev.py exercise errors/fastapi`."""

import logging

import app as shop
import pytest
from app import app
from fastapi.testclient import TestClient

from guide_tools.exercises.support import media_type
from exercises.batteries import debug
from exercises.compare.errors import shared_checks as shared

EXPECTED = {"error": "out_of_stock", "item": "umbrella"}


def another_endpoint_that_sells(item: str) -> dict:  # the next endpoint that sells: no try, as the task promises
    return {"item": item, "left": shop.take(item)}


def an_endpoint_with_a_bug() -> dict:
    raise RuntimeError("a bug that has nothing to do with the stock")


app.add_api_route("/check/gift/{item}", another_endpoint_that_sells, methods=["POST"])
app.add_api_route("/check/bug", an_endpoint_with_a_bug, methods=["POST"])
app.add_api_route("/check/basket", lambda: {"left": shared.basket(shop)}, methods=["POST"])
app.add_api_route("/check/discontinued", lambda: shared.discontinued(shop), methods=["POST"])
app.add_api_route("/check/leak", shared.bug, methods=["POST"])


@pytest.fixture
def post():
    with TestClient(app) as client:  # an unhandled exception reaches the check
        yield client.post


@pytest.fixture
def lenient_post():
    with TestClient(app, raise_server_exceptions=False) as client:  # an unhandled exception is a 500
        yield client.post


def is_json(response) -> bool:
    """application/json, or a JSON media type such as application/problem+json (RFC 6839's +json)."""
    kind, _ = media_type(response.headers.get("content-type"))
    return kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json"))


def json_of(response) -> object:
    if not is_json(response):
        return response.text[:60]
    return shared.the_contract(response.json(), media_type(response.headers.get("content-type"))[0])  # a problem's standard members aside


def answer(post, path: str) -> tuple[int, object]:
    response = post(path)
    return response.status_code, json_of(response) if is_json(response) else response.text[:200]


def test_buying_what_is_in_stock_works(post):
    response = post("/buy/tea")
    assert response.status_code == 200, f"POST /buy/tea answered {response.status_code}, expected 200"
    with TestClient(app) as client:
        shared.check_get_does_not_sell(shop, lambda path: client.get(path).status_code)


def test_an_unknown_item_is_404(post):
    response = post("/buy/spaceship")
    assert response.status_code == 404, f"POST /buy/spaceship answered {response.status_code}, expected 404"


def test_out_of_stock_is_409_json(lenient_post, monkeypatch, caplog):
    caplog.set_level(logging.INFO)
    response = lenient_post("/buy/umbrella")
    assert response.status_code == 409, f"POST /buy/umbrella answered {response.status_code}, expected 409"
    sold_out_records = list(caplog.records)  # what was logged for the 409
    kind = response.headers.get("content-type")
    assert kind, f"[no_content_type] POST /buy/umbrella answered 409 without a Content-Type: {response.text[:60]!r}, expected application/json"
    assert is_json(response), (
        f"[not_json_response] POST /buy/umbrella answered 409 as {kind!r} {response.text[:60]!r}, expected application/json")
    body = response.json()
    shared.check_the_409_body(shop, body, "[detail_wrapper] " if isinstance(body, dict) and "detail" in body else "",
                              media_type(kind)[0])
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

    try:  # the shop's own code, outside any endpoint, still raises its own exception
        returned, raised = shop.take('umbrella'), None
    except Exception as error:
        raised = error
    assert isinstance(raised, shop.OutOfStock), (
        f"[http_in_shop_code] take('umbrella') returned {returned!r}, expected OutOfStock" if raised is None else
        f"[http_in_shop_code] take('umbrella') raised {type(raised).__name__}, expected OutOfStock")
    shared.check_shop_speaks_no_http(shop)

    response = lenient_post("/check/gift/umbrella")
    assert response.status_code == 409 and json_of(response) == EXPECTED, (
        f"[handled_in_view] another endpoint that calls take('umbrella') answered {response.status_code} "
        f"{json_of(response)!r}, expected 409 {EXPECTED!r}")

    response = lenient_post("/check/bug")
    assert response.status_code == 500, (
        f"[catches_everything] an endpoint that fails with a RuntimeError answered {response.status_code} "
        f"{json_of(response)!r}, expected a 500")
    shared.check_no_error_logged(sold_out_records)
    with TestClient(app) as client:  # the default: what the app does not handle reaches the server (and here the check)
        shared.check_not_raised(lambda: client.post("/buy/umbrella"), "TestClient(app)")

    shared.check_every_view(shop, monkeypatch, lambda path: answer(lenient_post, path))
    caplog.clear()  # a bug's traceback reaches the server (Uvicorn logs it), or whatever catches it on the way logs it
    response = lenient_post("/check/bug")
    with TestClient(app) as client:
        try:
            client.post("/check/bug")
            reached_the_server = False
        except RuntimeError:  # Starlette's ServerErrorMiddleware raises it again, for the server
            reached_the_server = True
    if not reached_the_server:
        shared.check_bug_logged(caplog.records, response.status_code)
    debug.check_debug_off(monkeypatch, "app", lambda module: module.app.debug)


def test_concurrent_orders_never_oversell(monkeypatch):
    with TestClient(app, raise_server_exceptions=False) as client:

        def order() -> int:
            return client.post("/buy/tea").status_code

        shared.check_no_oversell(shop, order, monkeypatch)
