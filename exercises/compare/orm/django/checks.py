"""Checks of the ORM exercise, Django: `python3 dev.py exercise orm/django`."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from library.models import Book

BOOKS = [("Cryptonomicon", "Neal Stephenson"), ("Wise Blood", "Flannery O'Connor"), ("Dune", "Frank Herbert"),
         ("Anathem", "Neal Stephenson"), ("Blindsight", "Peter Watts")]


@pytest.fixture
def get(db):  # pytest-django: a test database, rolled back after each check
    Book.objects.bulk_create(Book(title=title, author=author) for title, author in BOOKS)
    client = Client()

    def get(url, cause=""):
        tag = f"[{cause}] " if cause else ""
        try:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
        except Exception as error:  # the test client re-raises the view's exception
            raise AssertionError(f"{tag}GET {url} raised {type(error).__name__}: {error}"[:300]) from None
        get.statements = [" ".join(q["sql"].split()) for q in queries.captured_queries]
        assert response.status_code == 200, f"{tag}GET {url} answered {response.status_code}, expected 200"
        return response.json()

    get.statements = []
    return get


def titles(body) -> list[str]:
    return [book["title"] for book in body]


def selects(get) -> list[str]:
    return [s for s in get.statements if s.upper().startswith("SELECT")]


def test_every_book_is_listed(get):
    body = get("/books")
    assert sorted(titles(body)) == sorted(t for t, _ in BOOKS), f"GET /books answered {body!r}"


def test_books_are_ordered_by_title(get):
    body = get("/books")
    assert titles(body) == sorted(t for t, _ in BOOKS), f"GET /books answered the titles in this order: {titles(body)!r}"
    sql = selects(get)
    assert any("ORDER BY" in s.upper() for s in sql), f"[sorted_in_python] the SELECT sent for GET /books has no ORDER BY: {sql}"


def test_filter_by_author(get):
    body = get("/books?author=Neal Stephenson")
    expected = ["Anathem", "Cryptonomicon"]
    assert sorted(titles(body)) == expected, f"GET /books?author=Neal Stephenson answered {titles(body)!r}"
    assert titles(body) == expected, f"[filtered_not_ordered] GET /books?author=Neal Stephenson answered {titles(body)!r}, expected {expected!r}"
    sql = selects(get)
    assert any("WHERE" in s.upper() for s in sql), f"[filtered_in_python] the SELECT sent for ?author=Neal Stephenson has no WHERE: {sql}"
    assert get("/books?author=Nobody") == [], "an author without books should give an empty list"
    for part in ("Neal", "%"):
        body = get(f"/books?author={part}")
        assert body == [], f"[partial_match] GET /books?author={part} answered {titles(body)!r}, expected [] (no author is called {part!r})"
    body = get("/books?author=Flannery O'Connor", cause="sql_from_input")
    assert titles(body) == ["Wise Blood"], f"[sql_from_input] GET /books?author=Flannery O'Connor answered {titles(body)!r}, expected ['Wise Blood']"
    body = get("/books?author=' OR '1'='1", cause="sql_from_input")
    assert body == [], f"[sql_from_input] GET /books?author=' OR '1'='1 answered {titles(body)!r}, expected []"
