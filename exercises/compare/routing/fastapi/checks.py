"""Checks of the routing exercise, FastAPI: run with `python3 dev.py exercise routing/fastapi`."""

import pytest
from app import BOOKS, app
from fastapi.testclient import TestClient

OTHER_UNKNOWN_IDS = [3, 0, 12345]  # not only the 99 of the task: an answer must look the id up


@pytest.fixture
def client():
    with TestClient(app) as client:  # an exception in an endpoint reaches the check (raise_server_exceptions)
        yield client


@pytest.fixture
def lenient():
    """A client that gets the 500 answer instead of the exception (to report a crash as a status)."""
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def got(response) -> object:
    is_json = response.headers.get("content-type") == "application/json"
    return response.json() if is_json else response.headers.get("content-type")


def test_book_list_still_works(client):
    response = client.get("/books")
    assert response.status_code == 200, f"GET /books answered {response.status_code}, expected 200"
    assert response.json() == list(BOOKS.values()), f"GET /books answered {response.json()!r}"


def test_known_book(client, monkeypatch):
    for book_id in (1, 2):
        response = client.get(f"/books/{book_id}")
        assert response.status_code == 200, f"GET /books/{book_id} answered {response.status_code}, expected 200"
        assert response.json() == BOOKS[book_id], (
            f"GET /books/{book_id} answered {response.json()!r}, expected {BOOKS[book_id]!r}")
    monkeypatch.setitem(BOOKS, 7, {"id": 7, "title": "Fluent Python"})  # ids need not follow each other
    response = client.get("/books/7")
    assert response.status_code == 200 and got(response) == BOOKS[7], (
        f"[fits_ids] with a book 7 added to BOOKS, GET /books/7 answered {response.status_code} {got(response)!r}")


def test_unknown_book_is_json_404(client, lenient):
    response = client.get("/books/99")
    status = response.status_code
    assert status == 404, f"{'[not_found_is_200] ' if status == 200 else ''}GET /books/99 answered {status}, expected 404"
    assert response.headers["content-type"] == "application/json", f"[not_json] GET /books/99 answered {response.headers['content-type']}, expected JSON"
    body = response.json()
    assert body == {"detail": "Book not found"}, f"[wrong_detail] GET /books/99 answered {body!r}, expected {{'detail': 'Book not found'}}"
    for book_id in OTHER_UNKNOWN_IDS:
        response = lenient.get(f"/books/{book_id}")
        assert response.status_code == 404 and got(response) == body, (
            f"[fits_ids] GET /books/{book_id} (no such book either) answered {response.status_code} {got(response)!r}, "
            "expected the same 404 as /books/99")
