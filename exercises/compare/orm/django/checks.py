"""Checks of the ORM exercise, Django: `python3 dev.py exercise orm/django`."""

import pytest
from django.db import connection
from django.test import Client
from exercises.compare.orm import shared_checks as shared
from exercises.compare.orm.shared_checks import BOOKS
from library.models import Book


@pytest.fixture
def get(db):  # pytest-django: a test database, rolled back after each check
    Book.objects.bulk_create(Book(title=title, author=author) for title, author in BOOKS)
    client = Client()

    def record(execute, sql, params, many, context):  # the SQL as sent, the values beside it
        get.statements.append(" ".join(sql.split()))
        get.parameters.append(params)
        return execute(sql, params, many, context)

    def get(url, cause=""):
        tag = f"[{cause}] " if cause else ""
        get.statements, get.parameters = [], []
        try:
            with connection.execute_wrapper(record):
                response = client.get(url)
        except Exception as error:  # the test client re-raises the view's exception
            raise AssertionError(f"{tag}GET {url} raised {type(error).__name__}: {error}"[:300]) from None
        assert response.status_code == 200, f"{tag}GET {url} answered {response.status_code}, expected 200"
        return response.json()

    get.statements, get.parameters = [], []
    get.framework, get.reads = "Django", "last"  # request.GET.get(): the last of a repeated parameter
    get.add = lambda title, author: Book.objects.create(title=title, author=author)
    return get


def test_every_book_is_listed(get):
    shared.every_book_is_listed(get)


def test_books_are_ordered_by_title(get):
    shared.books_are_ordered_by_title(get)


def test_filter_by_author(get):
    shared.filter_by_author(get)
