"""Checks of the deployment exercise, Flask: `python3 dev.py exercise deployment/flask`."""

import pytest
from app import app


@pytest.fixture
def get():
    app.config.update(TESTING=True)
    client = app.test_client()  # the request comes from 127.0.0.1, as from a proxy on the same machine
    return lambda headers: client.get("/where", headers=headers).get_json()["url"]


def test_a_direct_request_is_http(get):
    url = get({})
    assert url.startswith("http://"), f"a request without proxy headers gave {url!r}"


def test_the_proxys_https_is_trusted(get):
    url = get({"X-Forwarded-Proto": "https"})
    assert url.startswith("https://"), f"with X-Forwarded-Proto: https from the proxy, the app built {url!r}"
