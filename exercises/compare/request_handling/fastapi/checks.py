"""Checks of the request handling exercise, FastAPI: `python3 dev.py exercise request_handling/fastapi`."""

import pytest
from app import app
from fastapi.testclient import TestClient


@pytest.fixture
def client():
    with TestClient(app) as client:
        yield client


def test_valid_order_is_created(client):
    response = client.post("/orders", json={"item": "book", "quantity": 2})
    assert response.status_code == 201, f"a valid order answered {response.status_code}, expected 201"
    assert response.json() == {"item": "book", "quantity": 2}, f"a valid order answered {response.json()!r}"


@pytest.mark.parametrize("body", [{"quantity": 1}, {"item": "", "quantity": 1}, ["book", 2]])
def test_incomplete_order_is_rejected(client, body):
    response = client.post("/orders", json=body)
    assert response.status_code == 422, f"POST /orders with {body!r} answered {response.status_code}, expected 422"


@pytest.mark.parametrize("quantity", [0, -1, "two", None])
def test_bad_quantity_is_rejected(client, quantity):
    body = {"item": "book", "quantity": quantity}
    response = client.post("/orders", json=body)
    assert response.status_code == 422, f"POST /orders with {body!r} answered {response.status_code}, expected 422"
    assert response.json()["detail"][0]["loc"] == ["body", "quantity"], f"the error is not about quantity: {response.json()!r}"
