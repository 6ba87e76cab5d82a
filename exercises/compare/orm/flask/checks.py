"""Checks of the ORM exercise, Flask: `python3 dev.py exercise orm/flask`."""

import pytest
from app import Book, create_app, db

BOOKS = [("Cryptonomicon", "Neal Stephenson"), ("Dune", "Frank Herbert"), ("Anathem", "Neal Stephenson"), ("Blindsight", "Peter Watts")]


@pytest.fixture
def get():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True})  # in memory
    with app.app_context():
        db.create_all()
        db.session.add_all(Book(title=title, author=author) for title, author in BOOKS)
        db.session.commit()
        client = app.test_client()

        def get(url):
            response = client.get(url)
            assert response.status_code == 200, f"GET {url} answered {response.status_code}, expected 200"
            return response.get_json()

        yield get
        db.session.remove()
        db.engine.dispose()


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
