"""Checks of the errors exercise, Flask: `python3 dev.py exercise errors/flask`."""

import logging

import app as shop
import pytest
from app import app
from flask import abort

from exercises.batteries import debug
from exercises.compare.errors import shared_checks as shared

EXPECTED = {"error": "out_of_stock", "item": "umbrella"}


def another_view_that_sells(item: str):  # the next view that sells: no try, as the task promises
    return {"item": item, "left": shop.take(item)}


def a_view_with_another_conflict():  # a 409 that has nothing to do with the stock
    abort(409, "the basket changed meanwhile")


def a_view_with_a_bug():
    raise RuntimeError("a bug that has nothing to do with the stock")


# Registered before any request (Flask refuses new routes once it has served one).
app.add_url_rule("/check/gift/<item>", "check_gift", another_view_that_sells, methods=["POST"])
app.add_url_rule("/check/bug", "check_bug", a_view_with_a_bug, methods=["POST"])
app.add_url_rule("/check/conflict", "check_conflict", a_view_with_another_conflict, methods=["POST"])
app.add_url_rule("/check/basket", "check_basket", lambda: {"left": shared.basket(shop)}, methods=["POST"])
app.add_url_rule("/check/discontinued", "check_discontinued", lambda: shared.discontinued(shop), methods=["POST"])
app.add_url_rule("/check/leak", "check_leak", shared.bug, methods=["POST"])


@pytest.fixture
def post():
    app.config.update(TESTING=True)  # an unhandled exception reaches the check instead of a 500 page
    return app.test_client().post


@pytest.fixture
def lenient_post(monkeypatch):
    """As a server runs the app: an unhandled exception is a 500, and a 500 handler runs."""
    app.config.update(TESTING=True)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    return app.test_client().post


def answer(post, path: str) -> tuple[int, object]:
    response = post(path)
    return response.status_code, body_of(response) if response.is_json else response.get_data(as_text=True)[:200]


def body_of(response) -> object:
    """The JSON body (None if it is not JSON), a problem's standard members aside."""
    return shared.the_contract(response.get_json(silent=True), response.mimetype)


def test_buying_what_is_in_stock_works(post):
    response = post("/buy/tea")
    assert response.status_code == 200, f"POST /buy/tea answered {response.status_code}, expected 200"
    shared.check_get_does_not_sell(shop, lambda path: app.test_client().get(path).status_code)


def test_an_unknown_item_is_404(post):
    response = post("/buy/spaceship")
    assert response.status_code == 404, f"POST /buy/spaceship answered {response.status_code}, expected 404"


def test_out_of_stock_is_409_json(lenient_post, monkeypatch, caplog):
    post = lenient_post
    caplog.set_level(logging.INFO)
    response = post("/buy/umbrella")
    assert response.status_code == 409, f"POST /buy/umbrella answered {response.status_code}, expected 409"
    sold_out_records = list(caplog.records)  # what was logged for the 409
    assert response.is_json, (
        f"[not_json] POST /buy/umbrella answered 409 as {response.content_type}, expected application/json")
    shared.check_the_409_body(shop, response.get_json(), media_type=response.mimetype)
    left = shop.STOCK["umbrella"]
    assert left == 0, (
        f"[refused_sale_took_stock] after POST /buy/umbrella was refused, STOCK['umbrella'] is {left!r}, expected 0: "
        "the sale that was refused still took one from the stock")

    monkeypatch.setitem(shop.STOCK, "kettle", 0)
    response = post("/buy/kettle")
    body = body_of(response)
    assert response.status_code == 409 and body == {"error": "out_of_stock", "item": "kettle"}, (
        f"[fits_item] with kettles out of stock too, POST /buy/kettle answered {response.status_code} {body!r}"
        if response.status_code == 409 else  # not the 409 at all: the starter's advice holds
        f"with kettles out of stock too, POST /buy/kettle answered {response.status_code} {body!r}")

    response = post("/check/gift/umbrella")
    body = body_of(response)
    assert response.status_code == 409 and body == EXPECTED, (
        f"[handled_in_view] another view that calls take('umbrella') answered {response.status_code} {body!r}, "
        f"expected 409 {EXPECTED!r}")

    response = post("/check/bug")
    assert response.status_code == 500, (
        f"[catches_everything] a view that fails with a RuntimeError answered {response.status_code} "
        f"{response.get_json(silent=True)!r}, expected Flask's 500")
    shared.check_no_error_logged(sold_out_records)
    with monkeypatch.context() as patch:
        patch.setitem(app.config, "PROPAGATE_EXCEPTIONS", None)  # Flask's default: TESTING lets exceptions through
        shared.check_not_raised(lambda: app.test_client().post("/buy/umbrella"), "TESTING = True")

    response = post("/check/conflict")
    body = response.get_json(silent=True)
    assert response.status_code == 409 and not (isinstance(body, dict) and body.get("error") == "out_of_stock"), (
        f"[handles_every_409] a view that calls abort(409) for another reason answered {response.status_code} "
        f"{body!r}, expected Flask's own 409, not out_of_stock")

    with app.test_request_context():  # the shop's own code, outside any view, still raises its own exception
        try:
            shop.take("umbrella")
            raised = None
        except Exception as error:
            raised = error
    assert isinstance(raised, shop.OutOfStock), (
        f"[http_in_shop_code] take('umbrella') raised {type(raised).__name__}, expected OutOfStock")
    shared.check_shop_speaks_no_http(shop)

    shared.check_every_view(shop, monkeypatch, lambda path: answer(post, path))
    caplog.clear()  # a bug's traceback reaches the log, for whoever fixes it
    response = post("/check/bug")
    shared.check_bug_logged(caplog.records, response.status_code)
    debug.check_debug_off(monkeypatch, "app", lambda module: module.app.debug)


def test_concurrent_orders_never_oversell(monkeypatch):
    def order() -> int:  # one POST /buy/tea; shared_checks runs the second order inside it
        try:
            return app.test_client().post("/buy/tea").status_code
        except getattr(shop, "OutOfStock", ()):  # TESTING lets it through; a server answers it with a 500
            return 500

    shared.check_no_oversell(shop, order, monkeypatch)
