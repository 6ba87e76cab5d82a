"""Checks of the static files exercise, Flask: `python3 dev.py exercise static_files/flask`."""

from pathlib import Path

import pytest
from app import app
from exercises.compare.static_files import shared_checks as shared


STATIC = Path(app.static_folder)

# A plain file whose middle part is a language made of hex letters: a pattern without {8,} takes it for a hash.
SHORT_HEX = "index.de.html"
EXTRA_FILES = shared.EXTRA_FILES | {SHORT_HEX: "<p>Die deutsche Seite</p>\n"}


@pytest.fixture
def extra_files():
    yield from shared.extra_files(STATIC, EXTRA_FILES)


@pytest.fixture
def get(extra_files):
    app.config.update(TESTING=True)
    client = app.test_client()

    def get(url, headers=None):
        response = client.get(url, headers=headers or {})
        response.close()  # send_file keeps the file open until the response is closed
        return response

    return get


def test_the_stylesheet_is_served(get):
    shared.the_stylesheet_is_served(get)


def test_a_fingerprinted_file_is_cached_for_a_year(get):
    shared.a_fingerprinted_file_is_cached_for_a_year(get)


def test_a_plain_file_is_not_cached_for_long(get):
    shared.a_plain_file_is_not_cached_for_long(get, SHORT_HEX, cause="short_hex_part")


def test_a_missing_file_is_not_cached(get):
    shared.a_missing_file_is_not_cached(get)
