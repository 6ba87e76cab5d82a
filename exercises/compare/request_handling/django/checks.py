"""Checks of the request handling exercise, Django: `python3 dev.py exercise request_handling/django`."""

import pytest
from django.test import Client


@pytest.fixture
def client():
    return Client()


def post(client, body: str):
    return client.post("/orders", body, content_type="application/json")


def test_valid_order_is_created(client):
    response = post(client, '{"item": "book", "quantity": 2}')
    assert response.status_code == 201, f"a valid order answered {response.status_code}, expected 201"
    assert response.json() == {"item": "book", "quantity": 2}, f"a valid order answered {response.json()!r}"


@pytest.mark.parametrize("body", ['{"quantity": 1}', '{"item": "", "quantity": 1}', '["book", 2]', "{oops"])
def test_incomplete_order_is_rejected(client, body):
    response = post(client, body)
    assert response.status_code == 400, f"POST /orders with {body!r} answered {response.status_code}, expected 400"
    assert "error" in response.json(), f"POST /orders with {body!r}: no 'error' in {response.content!r}"


@pytest.mark.parametrize("quantity", ["0", "-1", '"two"', "null"])
def test_bad_quantity_is_rejected(client, quantity):
    body = f'{{"item": "book", "quantity": {quantity}}}'
    response = post(client, body)
    assert response.status_code == 400, f"POST /orders with {body!r} answered {response.status_code}, expected 400"
    assert "error" in response.json(), f"POST /orders with {body!r}: no 'error' in {response.content!r}"
