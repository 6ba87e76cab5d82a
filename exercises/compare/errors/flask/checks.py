"""Checks of the errors exercise, Flask: `python3 dev.py exercise errors/flask`."""

import pytest
from app import app


@pytest.fixture
def post():
    app.config.update(TESTING=True)  # an unhandled exception reaches the check instead of a 500 page
    return app.test_client().post


def test_buying_what_is_in_stock_works(post):
    response = post("/buy/tea")
    assert response.status_code == 200, f"POST /buy/tea answered {response.status_code}, expected 200"


def test_an_unknown_item_is_404(post):
    response = post("/buy/spaceship")
    assert response.status_code == 404, f"POST /buy/spaceship answered {response.status_code}, expected 404"


def test_out_of_stock_is_409_json(post):
    response = post("/buy/umbrella")
    assert response.status_code == 409, f"POST /buy/umbrella answered {response.status_code}, expected 409"
    body = response.get_json()
    assert body == {"error": "out_of_stock", "item": "umbrella"}, f"POST /buy/umbrella answered {body!r}"
