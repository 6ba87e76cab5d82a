"""Checks of the request handling exercise, FastAPI: `python3 dev.py exercise request_handling/fastapi`."""

import pytest
from app import app
from fastapi.testclient import TestClient


@pytest.fixture
def client():
    with TestClient(app) as client:
        yield client


def test_valid_order_is_created(client):
    for body in ({"item": "book", "quantity": 2}, {"item": "pen", "quantity": 1}):
        response = client.post("/orders", json=body)
        assert response.status_code == 201, f"a valid order {body!r} answered {response.status_code}, expected 201"
        assert response.json() == body, f"a valid order {body!r} answered {response.json()!r}"
        assert type(response.json()["quantity"]) is int, (
            f"[quantity_not_int] a valid order {body!r} answered {response.text}: the quantity is not an integer")


@pytest.mark.parametrize(("body", "cause"), [
    ({"quantity": 1}, None), ({"item": "", "quantity": 1}, None), (["book", 2], None),
    ({"item": 5, "quantity": 1}, "item_not_string"), ({"item": "book"}, "quantity_default"),
])
def test_incomplete_order_is_rejected(client, body, cause):
    response = client.post("/orders", json=body)
    tag = f"[{cause}] " if cause else ""
    assert response.status_code == 422, f"{tag}POST /orders with {body!r} answered {response.status_code}, expected 422"


@pytest.mark.parametrize(("quantity", "cause"), [
    (0, None), (-1, None), ("two", None), (None, None),
    (1.5, "quantity_not_int"), (True, "lax_quantity"), ("2", "lax_quantity"),
])
def test_bad_quantity_is_rejected(client, quantity, cause):
    body = {"item": "book", "quantity": quantity}
    response = client.post("/orders", json=body)
    tag = f"[{cause}] " if cause else ""
    assert response.status_code == 422, f"{tag}POST /orders with {body!r} answered {response.status_code}, expected 422"
    assert response.json()["detail"][0]["loc"] == ["body", "quantity"], f"the error is not about quantity: {response.json()!r}"
