"""Checks of the deployment exercise, FastAPI: `python3 dev.py exercise deployment/fastapi`."""

import pytest
from app import app
from fastapi.testclient import TestClient


def getter(client):
    def get(headers):
        response = client.get("/where", headers=headers, follow_redirects=False)
        assert response.status_code == 200, (
            f"[redirects] GET /where answered {response.status_code} to {response.headers.get('location')!r}, expected 200")
        return response.json()["url"]

    return get


@pytest.fixture
def get():
    with TestClient(app, client=("127.0.0.1", 50000)) as client:  # as from a proxy on the same machine
        yield getter(client)


def test_a_direct_request_is_http(get):
    url = get({})
    assert url.startswith("http://"), f"a request without proxy headers gave {url!r}"


def test_the_proxys_https_is_trusted(get):
    url = get({"X-Forwarded-Proto": "https"})
    assert url.startswith("https://"), f"with X-Forwarded-Proto: https from the proxy, the app built {url!r}"


def test_a_client_that_is_not_the_proxy_is_not_trusted():
    with TestClient(app, client=("203.0.113.7", 50000)) as client:  # a client on the internet, reaching the app
        url = getter(client)({"X-Forwarded-Proto": "https"})
    assert url.startswith("http://"), (
        f"[any_client_trusted] X-Forwarded-Proto: https sent from 203.0.113.7 (not the proxy) made the app build {url!r}")
