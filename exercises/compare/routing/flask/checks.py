"""Checks of the routing exercise, Flask: run with `python3 dev.py exercise routing/flask`."""

import pytest
from app import BOOKS, app


@pytest.fixture
def client():
    app.config.update(TESTING=True)  # an exception in a view reaches the check instead of a 500 page
    return app.test_client()


def test_book_list_still_works(client):
    response = client.get("/books")
    assert response.status_code == 200, f"GET /books answered {response.status_code}, expected 200"
    assert response.get_json() == list(BOOKS.values()), f"GET /books answered {response.get_json()!r}"


def test_known_book(client):
    response = client.get("/books/1")
    assert response.status_code == 200, f"GET /books/1 answered {response.status_code}, expected 200"
    assert response.get_json() == BOOKS[1], f"GET /books/1 answered {response.get_json()!r}, expected {BOOKS[1]!r}"


def test_unknown_book_is_json_404(client):
    response = client.get("/books/99")
    assert response.status_code == 404, f"GET /books/99 answered {response.status_code}, expected 404"
    assert response.is_json, f"GET /books/99 answered {response.content_type}, expected JSON"
    body = response.get_json()
    assert body == {"detail": "Book not found"}, f"GET /books/99 answered {body!r}, expected {{'detail': 'Book not found'}}"
