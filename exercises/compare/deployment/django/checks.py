"""Checks of the deployment exercise, Django: `python3 dev.py exercise deployment/django`."""

import pytest
from django.test import Client


@pytest.fixture
def get():
    client = Client()

    def get(headers):
        response = client.get("/where", headers=headers)
        assert response.status_code == 200, (
            f"[redirects] GET /where answered {response.status_code} to {response.headers.get('location')!r}, expected 200")
        return response.json()["url"]

    return get


def test_a_direct_request_is_http(get):
    url = get({})
    assert url.startswith("http://"), f"a request without proxy headers gave {url!r}"


def test_the_proxys_https_is_trusted(get):
    url = get({"X-Forwarded-Proto": "https"})
    assert url.startswith("https://"), f"with X-Forwarded-Proto: https from the proxy, the app built {url!r}"


def test_an_unknown_host_is_refused():
    response = Client().get("/where", headers={"X-Forwarded-Proto": "https"}, HTTP_HOST="evil.example")
    assert response.status_code == 400, (
        f"[every_host_allowed] a request for Host: evil.example answered {response.status_code}, expected 400: "
        f"absolute URLs would point to that host")
