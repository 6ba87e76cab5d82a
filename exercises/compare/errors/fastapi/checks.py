"""Checks of the errors exercise, FastAPI: `python3 dev.py exercise errors/fastapi`."""

import pytest
from app import app
from fastapi.testclient import TestClient


@pytest.fixture
def post():
    with TestClient(app) as client:  # an unhandled exception reaches the check
        yield client.post


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
