"""Checks of the routing exercise, FastAPI: run with `python3 dev.py exercise routing/fastapi`."""

import pytest
from app import BOOKS, app
from fastapi.testclient import TestClient


@pytest.fixture
def client():
    with TestClient(app) as client:  # an exception in an endpoint reaches the check (raise_server_exceptions)
        yield client


def test_book_list_still_works(client):
    response = client.get("/books")
    assert response.status_code == 200, f"GET /books answered {response.status_code}, expected 200"
    assert response.json() == list(BOOKS.values()), f"GET /books answered {response.json()!r}"


def test_known_book(client):
    response = client.get("/books/1")
    assert response.status_code == 200, f"GET /books/1 answered {response.status_code}, expected 200"
    assert response.json() == BOOKS[1], f"GET /books/1 answered {response.json()!r}, expected {BOOKS[1]!r}"


def test_unknown_book_is_json_404(client):
    response = client.get("/books/99")
    assert response.status_code == 404, f"GET /books/99 answered {response.status_code}, expected 404"
    assert response.headers["content-type"] == "application/json", f"GET /books/99 answered {response.headers['content-type']}, expected JSON"
    body = response.json()
    assert body == {"detail": "Book not found"}, f"GET /books/99 answered {body!r}, expected {{'detail': 'Book not found'}}"
