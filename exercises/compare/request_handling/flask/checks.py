"""Checks of the request handling exercise, Flask: `python3 dev.py exercise request_handling/flask`."""

import pytest
from app import app
from exercises.batteries import debug, secrets
from exercises.compare.request_handling import shared_checks as shared
from guide_tools.exercises.support import as_json, json_nested_too_deeply

NESTED = object()  # the body of json_nested_too_deeply(): json raises RecursionError, not ValueError


@pytest.fixture
def client():
    app.config.update(TESTING=True)
    return app.test_client()


def send(method: str, body: bytes, content_type: str | None, csrf: bool = False, path: str = "/orders") -> tuple[int, bytes]:
    headers = {"Content-Type": content_type} if content_type else {}
    try:
        response = app.test_client().open(path, method=method, data=body, headers=headers)
    except Exception:  # noqa: BLE001 - TESTING lets the view's exception through; a server answers 500
        return 500, b""
    return response.status_code, response.get_data()


def rejected(response, body, cause: str | None) -> None:
    tag = f"[{cause}] " if cause else ""
    if 400 < response.status_code < 500:
        tag = "[not_400] "  # refused, with another status than the task's
    assert response.status_code == 400, f"{tag}POST /orders with {as_json(body)} answered {response.status_code}, expected 400"
    data = response.get_json(silent=True)
    assert isinstance(data, dict) and "error" in data, (
        f"[error_not_json] POST /orders with {as_json(body)} answered 400 with {response.get_data(as_text=True)[:60]!r}, "
        "expected a JSON object with an 'error'")


def test_valid_order_is_created(client, monkeypatch):
    for body in ({"item": "book", "quantity": 2}, {"item": "pen", "quantity": 1}):
        response = client.post("/orders", json=body)
        assert response.status_code == 201, f"a valid order {as_json(body)} answered {response.status_code}, expected 201"
        assert response.get_json() == body, f"a valid order {as_json(body)} answered {as_json(response.get_json())}"
    shared.check_valid_orders(send)
    shared.check_media_type(send)
    shared.check_other_methods(send)
    shared.check_extra_keys_ignored(send)
    debug.check_debug_off(monkeypatch, "app", lambda module: module.app.debug, any_variable=True)
    secrets.check_no_literal_fallback(monkeypatch, "app", lambda module: module.app.secret_key)


@pytest.mark.parametrize("content_type", [
    "text/plain", None, "application/x-www-form-urlencoded", "multipart/form-data"])
def test_body_not_sent_as_json_is_refused(client, content_type):
    # A browser sends these (or no Content-Type) from any site without a CORS preflight: refusing
    # only the first two and forcing the rest to JSON leaves a form post open.
    body = '{"item": "book", "quantity": 2}'
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/orders", data=body, headers=headers)
    assert response.status_code in (400, 415), (
        f"POST /orders with the order {body} sent as {content_type} answered "
        f"{response.status_code}, expected 415 (or 400): only a JSON Content-Type is JSON" if content_type else
        f"POST /orders with the order {body} sent without a Content-Type answered "
        f"{response.status_code}, expected 415 (or 400): only a JSON Content-Type is JSON")


@pytest.mark.parametrize(("body", "cause"), [
    ({"quantity": 1}, None), ({"item": "", "quantity": 1}, None), (["book", 2], None),
    ({"item": 5, "quantity": 1}, "item_not_string"), ({"item": ["book"], "quantity": 1}, "item_not_string"),
    ({"item": "book"}, "quantity_default"), pytest.param(NESTED, "nested_too_deeply", id="nested"),
])
def test_incomplete_order_is_rejected(client, body, cause):
    if body is NESTED:  # not JSON that get_json() can read: Flask's own 400, as for bad syntax
        with json_nested_too_deeply() as body:
            try:
                status = client.post("/orders", data=body, content_type="application/json").status_code
            except RecursionError:  # TESTING lets the view's exception through; a server answers 500
                status = 500
        assert status == 400, (
            f"[nested_too_deeply] POST /orders with a body nested too deeply ([[[[…) answered {status}, expected 400")
        return
    rejected(client.post("/orders", json=body), body, cause)


@pytest.mark.parametrize(("quantity", "cause"), [
    (0, None), (-1, None), ("two", None), (None, None),
    ("2", "quantity_converted"), (1.5, "quantity_converted"), (True, "bool_is_int"),
    (2.0, "whole_float"), (1.0, "whole_float"), (1e2, "whole_float"),
])
def test_bad_quantity_is_rejected(client, quantity, cause):
    body = {"item": "book", "quantity": quantity}
    rejected(client.post("/orders", json=body), body, cause)


def test_no_body_is_a_500(client):
    shared.check_no_crash(send, json_error=True)
    shared.check_errors_leak_nothing(send)
    # Every other route of the app that takes a POST (its paths without variables) holds the rule too.
    shared.check_every_route(send, [rule.rule for rule in app.url_map.iter_rules()
                                    if "POST" in rule.methods and not rule.arguments and rule.rule != "/orders"])
    shared.check_body_limit(send, json_error=True)  # MAX_CONTENT_LENGTH: a body over 2.5 MiB is not read


def test_json_lookalikes_are_refused():
    # Only application/json and application/*+json are JSON: "json" elsewhere in the name is not.
    shared.check_json_lookalikes_refused(send)
