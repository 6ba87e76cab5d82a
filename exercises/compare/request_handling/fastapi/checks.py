"""Checks of the request handling exercise, FastAPI: `python3 dev.py exercise request_handling/fastapi`."""

import pytest
from app import app
from exercises.batteries import debug
from exercises.compare.request_handling import shared_checks as shared
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from guide_tools.exercises.support import as_json

RAW_CLIENT = TestClient(app, raise_server_exceptions=False)  # a crash is a 500 here, reported as a status


def send(method: str, body: bytes, content_type: str | None, csrf: bool = False, path: str = "/orders") -> tuple[int, bytes]:
    headers = {"Content-Type": content_type} if content_type else {}
    response = RAW_CLIENT.request(method, path, content=body, headers=headers)
    return response.status_code, response.content


def send_chunked(body: bytes) -> tuple[int, bytes]:
    """POST /orders with the body as a generator: sent in chunks, without a Content-Length."""
    response = RAW_CLIENT.post("/orders", content=iter([body[:65_536], body[65_536:]]),
                               headers={"Content-Type": "application/json"})
    return response.status_code, response.content


@pytest.fixture
def client():
    with TestClient(app) as client:
        yield client


def test_valid_order_is_created(client, monkeypatch):
    for n, body in enumerate(({"item": "book", "quantity": 2}, {"item": "pen", "quantity": 1},
                              {"item": "Two Scoops of Django", "quantity": 12},
                              {"item": "Fountain pen, blue ink", "quantity": 250})):
        response = client.post("/orders", json=body)
        tag = "[too_strict] " if n >= 2 else ""  # any name and any positive quantity is an order
        assert response.status_code == 201, f"{tag}a valid order {as_json(body)} answered {response.status_code}, expected 201"
        assert response.json() == body, f"a valid order {as_json(body)} answered {as_json(response.json())}"
        assert type(response.json()["quantity"]) is int, (
            f"[quantity_not_int] a valid order {as_json(body)} answered {response.text}: the quantity is not an integer")
    shared.check_extra_keys_ignored(send)
    shared.check_valid_orders(send)
    shared.check_media_type(send)
    shared.check_other_methods(send)
    debug.check_debug_off(monkeypatch, "app", lambda module: module.app.debug, any_variable=True)
    # Another site's page, with the user's cookies: it must not be allowed to read the answer.
    origin = "https://elsewhere.example"
    response = RAW_CLIENT.post("/orders", json={"item": "book", "quantity": 2},
                               headers={"Origin": origin, "Cookie": "session=1"})
    allowed = response.headers.get("access-control-allow-origin")
    credentials = response.headers.get("access-control-allow-credentials")
    assert not (allowed in (origin, "*") and credentials == "true"), (
        f"[cors_any_origin] POST /orders from {origin} with a cookie answered Access-Control-Allow-Origin: {allowed} "
        "with credentials: any site could read the answer with the user's cookies")


@pytest.mark.parametrize(("body", "cause"), [
    ({"quantity": 1}, None), ({"item": "", "quantity": 1}, None), (["book", 2], None),
    ({"item": 5, "quantity": 1}, "item_not_string"), ({"item": "book"}, "quantity_default"),
])
def test_incomplete_order_is_rejected(client, body, cause):
    response = client.post("/orders", json=body)
    tag = f"[{cause}] " if cause else ""
    assert response.status_code == 422, f"{tag}POST /orders with {as_json(body)} answered {response.status_code}, expected 422"


@pytest.mark.parametrize(("quantity", "cause"), [
    (0, None), (-1, None), ("two", None), (None, None),
    (1.5, "quantity_not_int"), (True, "lax_quantity"), ("2", "lax_quantity"),
    (2.0, "lax_quantity"), (1e2, "lax_quantity"),
])
def test_bad_quantity_is_rejected(client, quantity, cause):
    body = {"item": "book", "quantity": quantity}
    response = client.post("/orders", json=body)
    tag = f"[{cause}] " if cause else ""
    assert response.status_code == 422, f"{tag}POST /orders with {as_json(body)} answered {response.status_code}, expected 422"
    detail = response.json().get("detail") if isinstance(response.json(), dict) else None
    assert isinstance(detail, list) and detail and isinstance(detail[0], dict), (
        f"[hand_made_422] POST /orders with {as_json(body)} answered 422 {as_json(response.json())}, "
        "expected FastAPI's validation errors (a list with loc, msg, type)")
    assert "quantity" in detail[0].get("loc", ()), (
        f"[error_not_about_quantity] the error's loc does not name quantity: {as_json(response.json())}")


def test_body_not_sent_as_json_is_refused():
    # A browser sends these (or no Content-Type) from any site without a CORS preflight; FastAPI refuses them with 422.
    shared.check_not_json_refused(send)
    shared.check_json_lookalikes_refused(send)


def test_no_body_is_a_500():
    shared.check_no_crash(send)
    shared.check_errors_leak_nothing(send)
    # Every other route of the app that takes a POST (its paths without variables) holds the rule too.
    shared.check_every_route(send, [route.path for route in app.routes if isinstance(route, APIRoute)
                                    and "POST" in route.methods and "{" not in route.path and route.path != "/orders"])
    # Over 4,300 digits, Python's JSON parser refuses the number itself: FastAPI answers its 400, not a 422.
    body = b'{"item": "book", "quantity": 1' + b"0" * 4300 + b"}"
    status, _ = send("POST", body, "application/json")
    assert status in (400, 422), (
        f"POST /orders with a quantity of 4,301 digits answered {status}, expected 400 (or 422)")
    shared.check_body_limit(send, send_chunked=send_chunked)  # max_body_size: a body over 2.5 MiB is not read (Starlette's 413 is plain text)
