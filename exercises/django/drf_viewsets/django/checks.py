"""Checks of the ViewSets exercise, DRF: `python3 dev.py exercise drf_viewsets/django`."""

import pytest
from rest_framework.test import APIClient
from views import BOOKS


@pytest.fixture
def client():
    BOOKS.clear()
    BOOKS[1] = {"id": 1, "title": "Dune", "archived": False}
    return APIClient()


def test_list_and_detail_still_work(client):
    assert client.get("/books/").status_code == 200, "GET /books/ should answer 200"
    response = client.get("/books/1/")
    assert response.status_code == 200, f"GET /books/1/ answered {response.status_code}, expected 200"


def test_archive_is_a_post_on_one_book(client):
    response = client.post("/books/1/archive/")
    assert response.status_code == 200, f"POST /books/1/archive/ answered {response.status_code}, expected 200"
    assert response.json()["archived"] is True, f"POST /books/1/archive/ answered {response.json()!r}"
    assert client.get("/books/1/").json()["archived"] is True, "GET /books/1/ after archiving does not show it"


def test_archive_refuses_get(client):
    response = client.get("/books/1/archive/")
    assert response.status_code == 405, f"GET /books/1/archive/ answered {response.status_code}, expected 405"


def test_archiving_an_unknown_book_is_404(client):
    response = client.post("/books/99/archive/")
    assert response.status_code == 404, f"POST /books/99/archive/ answered {response.status_code}, expected 404"
