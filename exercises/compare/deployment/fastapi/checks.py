"""Checks of the deployment exercise, FastAPI: `python3 dev.py exercise deployment/fastapi`."""

import pytest
from app import app
from fastapi import Request, Response
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from fastapi.testclient import TestClient

from exercises.batteries import debug
from exercises.batteries import routes as app_routes
from exercises.compare.deployment import shared_checks as shared

BROWSER, METHODS, FORGED = shared.BROWSER, shared.METHODS, shared.FORGED
SITE = "http://localhost"  # the site's own name (shared.OWN_HOSTS), as the browser asks the proxy for it


def elsewhere(request: Request) -> Response:  # another route, as the rest of an app has: its absolute URL, and who sent it
    link = str(request.url_for("check_elsewhere"))
    return Response(headers={"X-Check-Link": link, "X-Check-Remote": request.client.host if request.client else ""})


app.add_api_route("/check/elsewhere", elsewhere, methods=METHODS, name="check_elsewhere", include_in_schema=False)


def getter(client):
    def get(headers, proxy=True):
        if proxy:  # the proxy adds the browser's address to every request it forwards
            headers = {"X-Forwarded-For": BROWSER, **headers}
        response = client.get("/where", headers=headers, follow_redirects=False)
        assert response.status_code != 400, (
            f"[own_host_refused] GET /where with Host: localhost answered {response.status_code}, expected 200")
        location = response.headers.get("location")
        assert response.status_code == 200 or not location, (
            f"[redirects] GET /where answered {response.status_code} to {location!r}, expected 200")
        assert response.status_code == 200, f"GET /where answered {response.status_code}, expected 200"
        return response.json()["url"]

    return get


@pytest.fixture
def get():
    with TestClient(app, base_url=SITE, client=("127.0.0.1", 50000)) as client:  # as from a proxy on the same machine
        yield getter(client)


def test_a_direct_request_is_http(get):
    url = get({}, proxy=False)
    assert url.startswith("http://"), f"a request without proxy headers gave {url!r}"


def test_the_proxys_https_is_trusted(get):
    url = get({"X-Forwarded-Proto": "https"})
    if not url.startswith("https://"):
        tag = ""
        if get({"X-Forwarded-Proto": "https"}, proxy=False).startswith("https://"):
            tag = "[trusted_by_forwarded_for] "  # https without X-Forwarded-For: trust came from the client's header
        raise AssertionError(f"{tag}with X-Forwarded-Proto: https from the proxy, the app built {url!r}")
    # The proxy forwards every method, with the same headers: a form's POST redirects, HEAD and OPTIONS are answered.
    with TestClient(app, base_url=SITE, client=("127.0.0.1", 50000)) as client:
        for method in METHODS:
            response = client.request(method, "/check/elsewhere", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": BROWSER})
            link = response.headers.get("X-Check-Link")
            assert link is not None, (  # the checks' route did not run: the app answered before it
                f"{method} /check/elsewhere with X-Forwarded-Proto: https from the proxy answered {response.status_code}, "
                f"expected 200")
            assert link.startswith("https://"), (
                f"[only_some_methods] {method} /check/elsewhere with X-Forwarded-Proto: https from the proxy built {link!r}, "
                f"expected https as for GET")


def forged_requests(client, forged):
    """The checks route's URL and client address with forged headers, with the proxy's http and without it."""
    for proto in ({"X-Forwarded-Proto": "http"}, {}):
        response = client.get("/check/elsewhere", headers={"X-Forwarded-For": BROWSER, **proto, **forged})
        assert "X-Check-Link" in response.headers, (  # the checks' route did not run: the app answered before it
            f"[header_the_proxy_does_not_set] GET /check/elsewhere with {forged} from the client answered "
            f"{response.status_code}, expected 200")
        yield response.headers["X-Check-Link"], response.headers["X-Check-Remote"]


def test_a_client_that_is_not_the_proxy_is_not_trusted():
    with TestClient(app, base_url=SITE, client=("203.0.113.7", 50000)) as client:  # a client on the internet, reaching the app
        url = getter(client)({"X-Forwarded-Proto": "https"})
        assert url.startswith("http://"), (
            f"[any_client_trusted] X-Forwarded-Proto: https sent from 203.0.113.7 (not the proxy) made the app build {url!r}")
    # Addresses that are part of the proxy's (a substring or prefix test would match them): not the proxy either.
    for ip in ["27.0.0.1", "7.0.0.1", "127.0.0.10"]:
        with TestClient(app, base_url=SITE, client=(ip, 50000)) as near:
            url = getter(near)({"X-Forwarded-Proto": "https"})
        assert url.startswith("http://"), (
            f"[any_client_trusted] X-Forwarded-Proto: https sent from {ip} (not the proxy, 127.0.0.1) made the app "
            f"build {url!r}: the client's address must equal the proxy's, not contain or be contained in it")
    with TestClient(app, base_url=SITE, client=("203.0.113.7", 50000)) as client:
        # It may write X-Forwarded-For itself, naming the proxy's address: still not the proxy.
        url = getter(client)({"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"})
        assert url.startswith("http://"), (
            f"[trusted_by_forwarded_for] X-Forwarded-Proto: https with X-Forwarded-For: 127.0.0.1, both sent from "
            f"203.0.113.7 (not the proxy), made the app build {url!r}")
        for forged in FORGED:
            for link, remote in forged_requests(client, forged):
                assert link == "http://localhost/check/elsewhere" and remote == "203.0.113.7", (
                    f"[header_the_proxy_does_not_set] with {forged} from 203.0.113.7, the app built {link!r} for a "
                    f"client at {remote!r}, expected http://localhost/check/elsewhere from 203.0.113.7")


def test_only_the_proxys_own_headers_are_trusted():
    with TestClient(app, base_url=SITE, client=("127.0.0.1", 50000)) as client:  # through the proxy, with a client's extra headers
        for forged in FORGED:
            for link, remote in forged_requests(client, forged):
                assert link == "http://localhost/check/elsewhere" and remote in ("127.0.0.1", BROWSER), (
                    f"[header_the_proxy_does_not_set] with {forged} from the client, the app built {link!r} for a "
                    f"client at {remote!r}, expected http://localhost/check/elsewhere from 127.0.0.1 or {BROWSER}")


def test_an_unknown_host_is_refused():
    def send(method, path, host):
        with TestClient(app, base_url=f"http://{host}", client=("127.0.0.1", 50000)) as client:  # through the proxy
            return client.request(method, path, headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": BROWSER},
                                  follow_redirects=False).status_code

    # TrustedHostMiddleware with "*" (its default) trusts every host, as no middleware does.
    wildcard = any(m.cls is TrustedHostMiddleware
                   and "*" in (m.kwargs.get("allowed_hosts", m.args[0] if m.args else None) or ["*"])
                   for m in app.user_middleware)
    # Every route the app serves (the docs' too) with every method, and requests that reach no route: a dependency,
    # even FastAPI(dependencies=[...]), runs only for a matched route.
    routes = [(path, methods) for path, methods, _ in app_routes.starlette_served(app) if methods]
    shared.host_is_pinned(send, "[every_host_allowed] " if wildcard else "", routes)


def test_debug_stays_off(monkeypatch):
    # FastAPI(debug=True) sends every crash's traceback to the client, however the app is started.
    debug.check_debug_off(monkeypatch, "app", lambda module: module.app.debug)
