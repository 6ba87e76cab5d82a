"""Checks of the ORM exercise, Django: `python3 dev.py exercise orm/django`."""

import pytest
from django.test import Client
from library.models import Book

BOOKS = [("Cryptonomicon", "Neal Stephenson"), ("Dune", "Frank Herbert"), ("Anathem", "Neal Stephenson"), ("Blindsight", "Peter Watts")]


@pytest.fixture
def get(db):  # pytest-django: a test database, rolled back after each check
    Book.objects.bulk_create(Book(title=title, author=author) for title, author in BOOKS)
    client = Client()

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, f"GET {url} answered {response.status_code}, expected 200"
        return response.json()

    return get


def titles(body) -> list[str]:
    return [book["title"] for book in body]


def test_every_book_is_listed(get):
    body = get("/books")
    assert sorted(titles(body)) == sorted(t for t, _ in BOOKS), f"GET /books answered {body!r}"


def test_books_are_ordered_by_title(get):
    body = get("/books")
    assert titles(body) == sorted(t for t, _ in BOOKS), f"GET /books answered the titles in this order: {titles(body)!r}"


def test_filter_by_author(get):
    body = get("/books?author=Neal Stephenson")
    assert titles(body) == ["Anathem", "Cryptonomicon"], f"GET /books?author=Neal Stephenson answered {titles(body)!r}"
    assert get("/books?author=Nobody") == [], "an author without books should give an empty list"
