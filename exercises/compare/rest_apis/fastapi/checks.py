"""Checks of the REST APIs exercise, FastAPI: `python3 dev.py exercise rest_apis/fastapi`."""

import pytest
from app import BOOKS, app
from fastapi.testclient import TestClient

BAD = 422


@pytest.fixture
def call():
    with TestClient(app) as client:

        def call(method, body=None):
            response = client.request(method, "/books/1", json=body)
            return response.status_code, response.json()

        yield call


@pytest.fixture(autouse=True)
def fresh_books():
    BOOKS.clear()
    BOOKS[1] = {"title": "Dune", "year": 1965}


def test_put_replaces_the_book(call):
    status, body = call("PUT", {"title": "Dune Messiah", "year": 1969})
    assert status == 200 and body == {"title": "Dune Messiah", "year": 1969}, f"PUT /books/1 answered {status} {body!r}"
    status, _ = call("PUT", {"year": 1969})
    assert status == BAD, f"PUT /books/1 without a title answered {status}, expected {BAD}: PUT sends the whole book"


def test_patch_changes_only_what_is_sent(call):
    status, body = call("PATCH", {"year": 1966})
    assert status == 200, f"PATCH /books/1 answered {status}, expected 200"
    assert body == {"title": "Dune", "year": 1966}, f"PATCH /books/1 with the year answered {body!r}"
    assert call("GET")[1] == {"title": "Dune", "year": 1966}, "GET /books/1 after the PATCH does not show it"


def test_patch_validates_what_is_sent(call):
    status, _ = call("PATCH", {"year": "soon"})
    assert status == BAD, f"PATCH /books/1 with year 'soon' answered {status}, expected {BAD}"
    assert call("GET")[1] == {"title": "Dune", "year": 1965}, "a rejected PATCH changed the book"
