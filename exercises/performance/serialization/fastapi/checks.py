"""Checks of the serialization exercise, FastAPI: `python3 dev.py exercise serialization/fastapi`."""

import pytest
from app import app
from fastapi.testclient import TestClient

BAD = 422


@pytest.fixture
def post():
    with TestClient(app) as client:

        def post(body):
            response = client.post("/users", json=body)
            return response.status_code, response.json(), response.text

        yield post

SECRET = "correct horse battery"


def test_a_user_is_created(post):
    status, body, _ = post({"username": "ada", "password": SECRET})
    assert status == 201, f"POST /users answered {status}, expected 201"
    assert body.get("username") == "ada", f"POST /users answered {body!r}"


def test_the_password_is_not_sent_back(post):
    _, body, text = post({"username": "ada", "password": SECRET})
    assert "password" not in body, f"the response has a 'password' field: {body!r}"
    assert SECRET not in text, "the password appears in the response"


def test_a_short_password_is_still_refused(post):
    status, _, _ = post({"username": "bob", "password": "short"})
    assert status == BAD, f"a 5-character password answered {status}, expected {BAD}"
