"""Checks of the static files exercise, Django: `python3 dev.py exercise static_files/django`."""

import re

import pytest
from django.test import Client


@pytest.fixture
def get():
    client = Client()

    def get(url):
        response = client.get(url)
        response.close()  # a streamed file is closed with its response
        return response

    return get


def max_age(response) -> int | None:
    found = re.search(r"max-age=(\d+)", response.headers.get("cache-control", ""))
    return int(found.group(1)) if found else None


def test_the_stylesheet_is_served(get):
    response = get("/static/app.3f2a1b9c.css")
    assert response.status_code == 200, f"GET /static/app.3f2a1b9c.css answered {response.status_code}, expected 200"
    assert response.headers["content-type"].startswith("text/css"), f"Content-Type {response.headers['content-type']!r}"


def test_a_fingerprinted_file_is_cached_for_a_year(get):
    response = get("/static/app.3f2a1b9c.css")
    age = max_age(response)
    assert age is not None and age >= 31536000, (
        f"Cache-Control: {response.headers.get('cache-control')!r}; a fingerprinted file can be cached for a year or more")


def test_a_plain_file_is_not_cached_for_long(get):
    response = get("/static/notes.txt")
    assert response.status_code == 200, f"GET /static/notes.txt answered {response.status_code}, expected 200"
    age = max_age(response)
    assert age is None or age <= 3600, (
        f"Cache-Control: {response.headers.get('cache-control')!r}; notes.txt keeps its name when it changes")
