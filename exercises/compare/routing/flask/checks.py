"""Checks of the routing exercise, Flask: run with `python3 dev.py exercise routing/flask`."""

import sys

import pytest
from app import BOOKS, app

OTHER_UNKNOWN_IDS = [3, 0, 12345]  # not only the 99 of the task: an answer must look the id up


@pytest.fixture
def client():
    app.config.update(TESTING=True)  # an exception in a view reaches the check instead of a 500 page
    return app.test_client()


@pytest.fixture
def lenient(monkeypatch):
    """A client that gets the 500 page instead of the exception (to report a crash as a status)."""
    app.config.update(TESTING=True)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    return app.test_client()


def test_book_list_still_works(client):
    response = client.get("/books")
    assert response.status_code == 200, f"GET /books answered {response.status_code}, expected 200"
    assert response.get_json() == list(BOOKS.values()), f"GET /books answered {response.get_json()!r}"


def test_known_book(client, monkeypatch):
    for book_id in (1, 2):
        response = client.get(f"/books/{book_id}")
        assert response.status_code == 200, f"GET /books/{book_id} answered {response.status_code}, expected 200"
        assert response.get_json() == BOOKS[book_id], (
            f"GET /books/{book_id} answered {response.get_json()!r}, expected {BOOKS[book_id]!r}")
    monkeypatch.setitem(BOOKS, 7, {"id": 7, "title": "Fluent Python"})  # ids need not follow each other
    response = client.get("/books/7")
    assert response.status_code == 200 and response.get_json() == BOOKS[7], (
        f"[fits_ids] with a book 7 added to BOOKS, GET /books/7 answered {response.status_code} {response.get_json()!r}")


def test_unknown_book_is_json_404(client, lenient):
    response = client.get("/books/99")
    status = response.status_code
    assert status == 404, f"{'[not_found_is_200] ' if status == 200 else ''}GET /books/99 answered {status}, expected 404"
    assert response.is_json, f"[not_json] GET /books/99 answered {response.content_type}, expected JSON"
    body = response.get_json()
    assert body == {"detail": "Book not found"}, f"[wrong_detail] GET /books/99 answered {body!r}, expected {{'detail': 'Book not found'}}"
    for book_id in OTHER_UNKNOWN_IDS:
        response = lenient.get(f"/books/{book_id}")
        got = response.get_json(silent=True) if response.is_json else response.content_type
        assert response.status_code == 404 and got == body, (
            f"[fits_ids] GET /books/{book_id} (no such book either) answered {response.status_code} {got!r}, "
            "expected the same 404 as /books/99")


def test_unknown_route_keeps_flask_404(lenient):
    for path in ("/nope", "/books/abc"):
        response = lenient.get(path)
        body = response.get_json(silent=True)
        assert response.status_code == 404, f"GET {path} answered {response.status_code}, expected Flask's 404"
        tag = "[no_int_converter] " if path == "/books/abc" else "[masks_404] "
        assert body != {"detail": "Book not found"}, (
            f"{tag}GET {path} (no route matches it) answered {body!r}, expected Flask's own 404 page, not the book message")


def test_other_bugs_stay_500(lenient, monkeypatch):
    class FailingStore(dict):
        """A BOOKS whose every lookup fails, as a database that is down would: not a missing book."""
        def _fail(self, *args, **kwargs):
            raise RuntimeError("the book store is down")
        __getitem__ = __contains__ = get = keys = items = values = _fail

    with monkeypatch.context() as patch:
        patch.setattr(sys.modules[app.import_name], "BOOKS", FailingStore(BOOKS))
        response = lenient.get("/books/1")
    assert response.status_code == 500, (
        f"[masks_bugs] with a BOOKS whose lookups raise RuntimeError, GET /books/1 answered "
        f"{response.status_code} {response.get_json(silent=True)!r}, expected 500: a crash is not a missing book")

    endpoint = next(rule.endpoint for rule in app.url_map.iter_rules() if rule.rule == "/books")

    def buggy_list():
        return [book["author"] for book in BOOKS.values()]  # a KeyError bug in another view

    monkeypatch.setitem(app.view_functions, endpoint, buggy_list)
    response = lenient.get("/books")
    assert response.status_code == 500, (
        f"[masks_bugs] with a KeyError bug in GET /books, it answered {response.status_code} "
        f"{response.get_json(silent=True)!r}, expected 500: an error handler turns unrelated bugs into 404s")
