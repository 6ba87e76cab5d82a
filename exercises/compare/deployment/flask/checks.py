"""Checks of the deployment exercise, Flask: `python3 dev.py exercise deployment/flask`."""

import pytest
from app import app


@pytest.fixture
def get():
    app.config.update(TESTING=True)
    client = app.test_client()  # the request comes from 127.0.0.1, as from a proxy on the same machine

    def get(headers):
        response = client.get("/where", headers=headers)
        assert response.status_code == 200, (
            f"[redirects] GET /where answered {response.status_code} to {response.headers.get('location')!r}, expected 200")
        return response.get_json()["url"]

    return get


def test_a_direct_request_is_http(get):
    url = get({})
    assert url.startswith("http://"), f"a request without proxy headers gave {url!r}"


def test_the_proxys_https_is_trusted(get):
    url = get({"X-Forwarded-Proto": "https"})
    assert url.startswith("https://"), f"with X-Forwarded-Proto: https from the proxy, the app built {url!r}"


def test_only_the_proxys_own_value_is_trusted(get):
    # A client sent X-Forwarded-Proto: https itself; the one proxy appended what it saw (http). Only the last
    # value comes from the proxy: the ones before it are whatever the client typed.
    url = get({"X-Forwarded-Proto": "https, http"})
    assert url.startswith("http://"), (
        f"[client_value_trusted] with X-Forwarded-Proto: 'https, http' (the client's https, the proxy's http) "
        f"the app built {url!r}")
