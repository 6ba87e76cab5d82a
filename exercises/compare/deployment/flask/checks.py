"""Checks of the deployment exercise, Flask: `python3 dev.py exercise deployment/flask`."""

import runpy
from urllib.parse import urlsplit

import app as module
import pytest
from app import app
from flask import Flask, jsonify, request, url_for

from exercises.batteries import debug as debug_battery
from exercises.batteries import routes as app_routes
from exercises.compare.deployment import shared_checks as shared

SITE = "http://localhost"  # what the client asks for, whatever PREFERRED_URL_SCHEME says (a real server ignores it)
BROWSER, METHODS = shared.BROWSER, shared.METHODS
FORGED = shared.FORGED


def elsewhere():  # another view, as the rest of an app has: an absolute link, whether the request was secure, who sent it
    link = url_for("check_elsewhere", _external=True)
    response = jsonify(link=link, secure=request.is_secure, remote=request.remote_addr)
    response.headers.update({"X-Check-Link": link, "X-Check-Secure": str(request.is_secure)})
    return response  # in headers too, which a HEAD response keeps


if isinstance(app, Flask):  # added before the first request (Flask refuses a route later)
    app.add_url_rule("/check/elsewhere", "check_elsewhere", elsewhere, methods=METHODS, provide_automatic_options=False)


@pytest.fixture
def get():
    assert isinstance(app, Flask), (
        f"[app_replaced] app is a {type(app).__name__} object, not the Flask app: the test client, app.config "
        "and flask run need the Flask object")
    app.config.update(TESTING=True)
    client = app.test_client()  # the request comes from 127.0.0.1, as from a proxy on the same machine

    def get(headers, path="/where", proxy=True):
        if proxy:  # the proxy adds the browser's address to every request it forwards
            headers = {"X-Forwarded-For": BROWSER, **headers}
        response = client.get(path, headers=headers, base_url=SITE)
        assert response.status_code != 400, (
            f"[own_host_refused] GET {path} with Host: localhost answered {response.status_code}, expected 200")
        location = response.headers.get("location")
        assert response.status_code == 200 or not location, (
            f"[redirects] GET {path} answered {response.status_code} to {location!r}, expected 200")
        assert response.status_code == 200, f"GET {path} answered {response.status_code}, expected 200"
        body = response.get_json()
        return body["url"] if path == "/where" else body

    return get


def test_a_direct_request_is_http(get):
    url = get({}, proxy=False)
    assert url.startswith("http://"), f"a request without proxy headers gave {url!r}"


def test_the_proxys_https_is_trusted(get):
    url = get({"X-Forwarded-Proto": "https"})
    if not url.startswith("https://"):
        tag = ""
        if app.config.get("PREFERRED_URL_SCHEME") == "https":
            tag = "[preferred_url_scheme] "
        elif get({"X-Forwarded-Proto": "https, http"}).startswith("https://"):
            tag = "[too_many_proxies] "  # a probe (this proxy sends one value): it took the second from the end
        elif get({"X-Forwarded-Proto": "https"}, proxy=False).startswith("https://"):
            tag = "[trusted_by_forwarded_for] "  # https without X-Forwarded-For: trust came from the client's header
        raise AssertionError(f"{tag}with X-Forwarded-Proto: https from the proxy, the app built {url!r}")
    body = get({"X-Forwarded-Proto": "https"}, "/check/elsewhere")
    assert body["link"].startswith("https://") and body["secure"] is True, (
        f"[fixed_in_one_view] with X-Forwarded-Proto: https, another view built the link {body['link']!r} "
        f"and request.is_secure was {body['secure']}: only /where knows about the proxy")
    # The proxy forwards every method, with the same headers: a form's POST redirects, HEAD and OPTIONS are answered.
    client = app.test_client()
    for method in METHODS:
        response = client.open("/check/elsewhere", method=method, base_url=SITE,
                               headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": BROWSER})
        link, secure = response.headers.get("X-Check-Link"), response.headers.get("X-Check-Secure")
        assert link is not None, (  # the checks' view did not run: the app answered before it
            f"{method} /check/elsewhere with X-Forwarded-Proto: https from the proxy answered {response.status_code}, "
            f"expected 200")
        assert link.startswith("https://") and secure == "True", (
            f"[only_some_methods] {method} /check/elsewhere with X-Forwarded-Proto: https from the proxy built the link "
            f"{link!r} and request.is_secure was {secure}, expected https and True as for GET")


def test_only_the_proxys_own_value_is_trusted(get):
    # A client sent X-Forwarded-For itself; the one proxy appended the browser's address. Only the last value comes
    # from the proxy: the ones before it are whatever the client typed. (X-Forwarded-Proto the proxy replaces.)
    body = get({"X-Forwarded-Proto": "https", "X-Forwarded-For": f"198.51.100.9, {BROWSER}"}, "/check/elsewhere")
    assert body["remote"] in ("127.0.0.1", BROWSER), (
        f"[client_value_trusted] with X-Forwarded-For: '198.51.100.9, {BROWSER}' (the client's 198.51.100.9, the "
        f"proxy's {BROWSER}) request.remote_addr was {body['remote']!r}, expected {BROWSER}")
    # The proxy sets X-Forwarded-Proto and appends to X-Forwarded-For; these come from the client, as it wrote them.
    # (127.0.0.1, a name TRUSTED_HOSTS lets through, so that believing it shows as a wrong URL, not as a 400.)
    forged = {"X-Forwarded-Host": "127.0.0.1", "X-Forwarded-Port": "8443", "X-Forwarded-Prefix": "/evil"}
    url = get({"X-Forwarded-Proto": "https", **forged})
    parts = urlsplit(url)
    assert (parts.netloc, parts.path) == ("localhost", "/where"), (
        f"[host_from_the_client] with X-Forwarded-Host: 127.0.0.1, X-Forwarded-Port: 8443 and "
        f"X-Forwarded-Prefix: /evil, which the proxy does not set, the app built {url!r}, expected localhost/where")
    # Each header the proxy does not set, alone, with the proxy's own http or without X-Forwarded-Proto: nothing changes.
    for forged in FORGED:
        for proto in ({"X-Forwarded-Proto": "http"}, {}):
            body = get({**proto, **forged}, "/check/elsewhere")
            assert (body["link"], body["secure"]) == ("http://localhost/check/elsewhere", False) and body["remote"] in (
                "127.0.0.1", BROWSER), (
                f"[header_the_proxy_does_not_set] with {forged} from the client, the app built {body['link']!r} "
                f"(request.is_secure {body['secure']}, request.remote_addr {body['remote']!r}), "
                f"expected http://localhost/check/elsewhere from 127.0.0.1 or {BROWSER}")


def test_an_unknown_host_is_refused(get):
    get({})  # the app is the Flask app, and answers its own name
    client = app.test_client()

    def send(method, path, host):
        return client.open(path, method=method, base_url=f"http://{host}",
                           headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": BROWSER}).status_code

    # TRUSTED_HOSTS = [] (or a list read from an unset variable) trusts every host, as None does.
    # Every route of the app (its static files too) with every method, and requests that reach no route.
    routes = [(path, methods) for path, methods, _ in app_routes.flask_routes(app, static=True)]
    shared.host_is_pinned(send, "[every_host_allowed] " if app.config.get("TRUSTED_HOSTS") is not None else "", routes)


def test_the_debugger_stays_off(monkeypatch):
    runs = []
    monkeypatch.setattr(Flask, "run", lambda self, host=None, port=None, debug=None, **options: runs.append((host, debug)))
    runpy.run_path(module.__file__, run_name="__main__")  # what `python app.py` does, without starting a server
    assert not (isinstance(app, Flask) and app.debug), "app.py turns on debug mode (app.debug is True)"
    for host, debug in runs:
        assert not debug, ("python app.py starts Flask's development server with debug=True on every interface (host='0.0.0.0')"
                           if host == "0.0.0.0" else "python app.py starts Flask's development server with debug=True")
    # However the app is started (flask run, gunicorn's import), and with DEBUG=0 or FLASK_DEBUG=False set.
    debug_battery.check_debug_off(monkeypatch, "app", lambda module: getattr(module.app, "debug", False))
