"""Checks of the static files exercise, Django: `python3 dev.py exercise static_files/django`."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from exercises.compare.static_files import shared_checks as shared


STATIC = Path(settings.STATICFILES_DIRS[0])

SHORT_HEX_WORD = "icon.add.svg"  # "add" is hex digits too, three of them: a word, not a fingerprint
EXTRA_FILES = shared.EXTRA_FILES | {SHORT_HEX_WORD: "<svg xmlns='http://www.w3.org/2000/svg'/>\n"}


@pytest.fixture
def extra_files():
    yield from shared.extra_files(STATIC, EXTRA_FILES)


@pytest.fixture
def get(extra_files):
    client = Client()

    def get(url, headers=None):
        response = client.get(url, headers=headers or {})
        response.close()  # a streamed file is closed with its response
        return response

    return get


def test_the_stylesheet_is_served(get):
    shared.the_stylesheet_is_served(get)


def test_a_fingerprinted_file_is_cached_for_a_year(get):
    shared.a_fingerprinted_file_is_cached_for_a_year(get)


def test_a_plain_file_is_not_cached_for_long(get):
    shared.a_plain_file_is_not_cached_for_long(get, SHORT_HEX_WORD, cause="short_hex_word")


def test_a_missing_file_is_not_cached(get):
    shared.a_missing_file_is_not_cached(get)
