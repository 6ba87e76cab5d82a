"""Checks of the errors exercise, Django: `python3 dev.py exercise errors/django`."""

import pytest
from django.test import Client


@pytest.fixture
def post():
    return Client().post  # an unhandled exception reaches the check (raise_request_exception)


def test_buying_what_is_in_stock_works(post):
    response = post("/buy/tea")
    assert response.status_code == 200, f"POST /buy/tea answered {response.status_code}, expected 200"


def test_an_unknown_item_is_404(post):
    response = post("/buy/spaceship")
    assert response.status_code == 404, f"POST /buy/spaceship answered {response.status_code}, expected 404"


def test_out_of_stock_is_409_json(post):
    response = post("/buy/umbrella")
    assert response.status_code == 409, f"POST /buy/umbrella answered {response.status_code}, expected 409"
    body = response.json()
    assert body == {"error": "out_of_stock", "item": "umbrella"}, f"POST /buy/umbrella answered {body!r}"
