"""Checks of the ORM exercise, FastAPI: `python3 dev.py exercise orm/fastapi`."""

import pytest
from app import Base, Book, app, get_session
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

BOOKS = [("Cryptonomicon", "Neal Stephenson"), ("Dune", "Frank Herbert"), ("Anathem", "Neal Stephenson"), ("Blindsight", "Peter Watts")]


@pytest.fixture
def get():
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add_all(Book(title=title, author=author) for title, author in BOOKS)
        session.commit()

    def test_session():
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_session] = test_session
    with TestClient(app) as client:

        def get(url):
            response = client.get(url)
            assert response.status_code == 200, f"GET {url} answered {response.status_code}, expected 200"
            return response.json()

        yield get
    app.dependency_overrides.clear()
    engine.dispose()


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
