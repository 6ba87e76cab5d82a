"""Checks of the deployment exercise, Flask: `python3 dev.py exercise deployment/flask`."""

import runpy
from urllib.parse import urlsplit

import app as module
import pytest
from app import app
from flask import Flask, request, url_for

SITE = "http://localhost"  # what the client asks for, whatever PREFERRED_URL_SCHEME says (a real server ignores it)


def elsewhere():  # another view, as the rest of an app has: an absolute link, and whether the request was secure
    return {"link": url_for("check_elsewhere", _external=True), "secure": request.is_secure}


if isinstance(app, Flask):  # added before the first request (Flask refuses a route later)
    app.add_url_rule("/check/elsewhere", "check_elsewhere", elsewhere)


@pytest.fixture
def get():
    assert isinstance(app, Flask), (
        f"[app_replaced] app is a {type(app).__name__} object, not the Flask app: the test client, app.config "
        "and flask run need the Flask object")
    app.config.update(TESTING=True)
    client = app.test_client()  # the request comes from 127.0.0.1, as from a proxy on the same machine

    def get(headers, path="/where"):
        response = client.get(path, headers=headers, base_url=SITE)
        assert response.status_code == 200, (
            f"[redirects] GET {path} answered {response.status_code} to {response.headers.get('location')!r}, expected 200")
        body = response.get_json()
        return body["url"] if path == "/where" else body

    return get


def test_a_direct_request_is_http(get):
    url = get({})
    assert url.startswith("http://"), f"a request without proxy headers gave {url!r}"


def test_the_proxys_https_is_trusted(get):
    url = get({"X-Forwarded-Proto": "https"})
    if not url.startswith("https://"):
        tag = ""
        if app.config.get("PREFERRED_URL_SCHEME") == "https":
            tag = "[preferred_url_scheme] "
        elif get({"X-Forwarded-Proto": "https, http"}).startswith("https://"):
            tag = "[too_many_proxies] "  # it took the second value from the end: it counts two proxies
        raise AssertionError(f"{tag}with X-Forwarded-Proto: https from the proxy, the app built {url!r}")
    body = get({"X-Forwarded-Proto": "https"}, "/check/elsewhere")
    assert body["link"].startswith("https://") and body["secure"] is True, (
        f"[fixed_in_one_view] with X-Forwarded-Proto: https, another view built the link {body['link']!r} "
        f"and request.is_secure was {body['secure']}: only /where knows about the proxy")


def test_only_the_proxys_own_value_is_trusted(get):
    # A client sent X-Forwarded-Proto: https itself; the one proxy appended what it saw (http). Only the last
    # value comes from the proxy: the ones before it are whatever the client typed.
    url = get({"X-Forwarded-Proto": "https, http"})
    assert url.startswith("http://"), (
        f"[client_value_trusted] with X-Forwarded-Proto: 'https, http' (the client's https, the proxy's http) "
        f"the app built {url!r}")
    # The proxy sets X-Forwarded-Proto and X-Forwarded-For; these come from the client, as it wrote them.
    forged = {"X-Forwarded-Host": "evil.example", "X-Forwarded-Port": "8443", "X-Forwarded-Prefix": "/evil"}
    url = get({"X-Forwarded-Proto": "https", **forged})
    parts = urlsplit(url)
    assert (parts.netloc, parts.path) == ("localhost", "/where"), (
        f"[host_from_the_client] with X-Forwarded-Host: evil.example, X-Forwarded-Port: 8443 and "
        f"X-Forwarded-Prefix: /evil, which the proxy does not set, the app built {url!r}, expected localhost/where")


def test_the_debugger_stays_off(monkeypatch):
    runs = []
    monkeypatch.setattr(Flask, "run", lambda self, host=None, port=None, debug=None, **options: runs.append((host, debug)))
    runpy.run_path(module.__file__, run_name="__main__")  # what `python app.py` does, without starting a server
    assert not (isinstance(app, Flask) and app.debug), "app.py turns on debug mode (app.debug is True)"
    for host, debug in runs:
        assert not debug, ("python app.py starts Flask's development server with debug=True on every interface (host='0.0.0.0')"
                           if host == "0.0.0.0" else "python app.py starts Flask's development server with debug=True")
