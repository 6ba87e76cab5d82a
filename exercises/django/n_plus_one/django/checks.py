"""Checks of the N+1 exercise, Django: `python3 dev.py exercise n_plus_one/django`."""

import pytest
from django.test import Client
from library.models import Author, Book, Tag

BOOKS = 10


@pytest.fixture
def get(db):  # pytest-django: a test database, rolled back after each check
    authors = [Author.objects.create(name=f"Author {n}") for n in range(3)]
    tags = [Tag.objects.create(name=name) for name in ("classic", "new")]
    for n in range(BOOKS):
        book = Book.objects.create(title=f"Book {n:02}", author=authors[n % 3])
        book.tags.set(tags[: n % 3])
    client = Client()

    def get():
        response = client.get("/books")
        assert response.status_code == 200, f"GET /books answered {response.status_code}, expected 200"
        return response.json()

    return get


def test_the_list_is_complete(get):
    body = get()
    assert [b["title"] for b in body] == [f"Book {n:02}" for n in range(BOOKS)], f"the titles are {body!r}"
    assert body[1] == {"title": "Book 01", "author": "Author 1", "tags": ["classic"]}, f"Book 01 is {body[1]!r}"


def test_at_most_two_queries(get, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # fails with the list of queries that ran
        get()
