"""Checks of the deployment exercise, FastAPI: `python3 dev.py exercise deployment/fastapi`."""

import pytest
from app import app
from fastapi.testclient import TestClient


@pytest.fixture
def get():
    with TestClient(app, client=("127.0.0.1", 50000)) as client:  # as from a proxy on the same machine
        yield lambda headers: client.get("/where", headers=headers).json()["url"]


def test_a_direct_request_is_http(get):
    url = get({})
    assert url.startswith("http://"), f"a request without proxy headers gave {url!r}"


def test_the_proxys_https_is_trusted(get):
    url = get({"X-Forwarded-Proto": "https"})
    assert url.startswith("https://"), f"with X-Forwarded-Proto: https from the proxy, the app built {url!r}"
