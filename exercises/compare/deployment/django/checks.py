"""Checks of the deployment exercise, Django: `python3 dev.py exercise deployment/django`."""

import pytest
from django.test import Client


@pytest.fixture
def get():
    client = Client()
    return lambda headers: client.get("/where", headers=headers).json()["url"]


def test_a_direct_request_is_http(get):
    url = get({})
    assert url.startswith("http://"), f"a request without proxy headers gave {url!r}"


def test_the_proxys_https_is_trusted(get):
    url = get({"X-Forwarded-Proto": "https"})
    assert url.startswith("https://"), f"with X-Forwarded-Proto: https from the proxy, the app built {url!r}"
