"""Checks of the request handling exercise, Flask: `python3 dev.py exercise request_handling/flask`."""

import pytest
from app import app


@pytest.fixture
def client():
    app.config.update(TESTING=True)
    return app.test_client()


def test_valid_order_is_created(client):
    response = client.post("/orders", json={"item": "book", "quantity": 2})
    assert response.status_code == 201, f"a valid order answered {response.status_code}, expected 201"
    assert response.get_json() == {"item": "book", "quantity": 2}, f"a valid order answered {response.get_json()!r}"


@pytest.mark.parametrize("body", [{"quantity": 1}, {"item": "", "quantity": 1}, ["book", 2]])
def test_incomplete_order_is_rejected(client, body):
    response = client.post("/orders", json=body)
    assert response.status_code == 400, f"POST /orders with {body!r} answered {response.status_code}, expected 400"
    assert "error" in (response.get_json() or {}), f"POST /orders with {body!r}: no 'error' in {response.get_data(as_text=True)!r}"


@pytest.mark.parametrize("quantity", [0, -1, "two", None])
def test_bad_quantity_is_rejected(client, quantity):
    body = {"item": "book", "quantity": quantity}
    response = client.post("/orders", json=body)
    assert response.status_code == 400, f"POST /orders with {body!r} answered {response.status_code}, expected 400"
    assert "error" in (response.get_json() or {}), f"POST /orders with {body!r}: no 'error' in {response.get_data(as_text=True)!r}"
