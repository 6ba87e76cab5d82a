"""Checks of the deployment exercise, Django: `python3 dev.py exercise deployment/django`."""

import importlib.util

import pytest
from django.conf import settings as django_settings
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from exercises.compare.deployment import shared_checks as shared

BROWSER, METHODS, FORGED = shared.BROWSER, shared.METHODS, shared.FORGED


@csrf_exempt
def elsewhere(request):  # another view, as the rest of a site has: its absolute URL, and whether the request was secure
    return HttpResponse(headers={"X-Check-Link": request.build_absolute_uri(), "X-Check-Secure": str(request.is_secure())})


urlpatterns = [path("check/elsewhere", elsewhere)]  # the checks' URLconf, behind the reader's middleware


@pytest.fixture
def elsewhere_client(settings):
    client = Client()

    def request(method, headers):
        settings.ROOT_URLCONF = __name__
        response = client.generic(method, "/check/elsewhere", headers={"X-Forwarded-For": BROWSER, **headers})
        return response.headers.get("X-Check-Link"), response.headers.get("X-Check-Secure")

    return request


@pytest.fixture
def get():
    client = Client()

    def get(headers):
        response = client.get("/where", headers={"X-Forwarded-For": BROWSER, **headers} if headers else headers)
        assert response.status_code == 200, (
            f"[redirects] GET /where answered {response.status_code} to {response.headers.get('location')!r}, expected 200")
        return response.json()["url"]

    return get


def test_a_direct_request_is_http(get):
    url = get({})
    assert url.startswith("http://"), f"a request without proxy headers gave {url!r}"


def test_the_proxys_https_is_trusted(get, elsewhere_client):
    url = get({"X-Forwarded-Proto": "https"})
    assert url.startswith("https://"), f"with X-Forwarded-Proto: https from the proxy, the app built {url!r}"
    # Another view, with every method the proxy forwards (a form's POST redirects, HEAD and OPTIONS are answered).
    for method in METHODS:  # GET first: another view's GET failing means only /where knows
        tag = "[fixed_in_one_view] " if method == "GET" else "[only_some_methods] "
        link, secure = elsewhere_client(method, {"X-Forwarded-Proto": "https"})
        assert (link or "").startswith("https://") and secure == "True", (
            f"{tag}{method} /check/elsewhere with X-Forwarded-Proto: https from the proxy built {link!r} "
            f"and request.is_secure() was {secure}, expected https and True as for GET")
    # Any other request (another view, a redirect, CSRF's Origin check) must see the proxy's https too.
    request = RequestFactory().get("/elsewhere", headers={"X-Forwarded-Proto": "https"})
    assert request.is_secure(), (
        "[fixed_in_one_view] with X-Forwarded-Proto: https, /where says https, but request.is_secure() is False "
        "for any other request: only /where knows about the proxy")


def test_only_the_proxys_own_headers_are_trusted(elsewhere_client):
    # Each header the proxy does not set, alone, with the proxy's own http or without X-Forwarded-Proto: nothing changes.
    for forged in FORGED:
        for proto in ({"X-Forwarded-Proto": "http"}, {}):
            link, secure = elsewhere_client("GET", {**proto, **forged})
            assert (link, secure) == ("http://testserver/check/elsewhere", "False"), (
                f"[header_the_proxy_does_not_set] with {forged} from the client, the app built {link!r} and "
                f"request.is_secure() was {secure}, expected http://testserver/check/elsewhere and False")


def test_an_unknown_host_is_refused(settings):
    own_urls = settings.ROOT_URLCONF

    def send(method, path, host):
        settings.ROOT_URLCONF = own_urls if path == "/where" else __name__
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": BROWSER}  # through the proxy
        return Client().generic(method, path, headers=headers, HTTP_HOST=host).status_code

    shared.host_is_pinned(send, "[every_host_allowed] ")


def fresh_settings(monkeypatch, **environ):
    """The reader's settings module as a new process with this environment would load it."""
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.find_spec(django_settings.SETTINGS_MODULE)
    settings = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(settings)
    return settings


def test_debug_stays_off(monkeypatch):
    # pytest-django turns DEBUG off for the checks, so read what the settings module itself says.
    debug = fresh_settings(monkeypatch).DEBUG
    assert not debug, f"settings.py sets DEBUG = {debug!r}: every error page shows the code and the settings"


def test_the_secret_key_comes_from_the_environment(monkeypatch):
    key = "the-key-from-the-secret-store-" + "x" * 40
    found = fresh_settings(monkeypatch, DJANGO_SECRET_KEY=key).SECRET_KEY
    assert found == key, (
        f"with DJANGO_SECRET_KEY set, settings.py still uses SECRET_KEY = {found[:12]!r}...: "
        f"a key written in the code is in every copy of the repository")
