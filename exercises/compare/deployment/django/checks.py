"""Checks of the deployment exercise, Django: `python3 dev.py exercise deployment/django`."""

import asyncio
import importlib.util

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings as django_settings
from django.http import HttpResponse
from django.test import AsyncClient, Client
from django.urls import get_resolver, path
from django.views.decorators.csrf import csrf_exempt

from exercises.batteries import debug, secrets
from exercises.batteries import routes as app_routes
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
        assert "X-Check-Link" in response.headers, (  # the checks' view did not run: the app answered before it
            f"{method} /check/elsewhere with {headers} answered {response.status_code}, expected 200")
        return response.headers["X-Check-Link"], response.headers["X-Check-Secure"]

    return request


@pytest.fixture
def get():
    client = Client()

    def get(headers):
        response = client.get("/where", headers={"X-Forwarded-For": BROWSER, **headers} if headers else headers)
        location = response.headers.get("location")
        assert response.status_code == 200 or not location, (
            f"[redirects] GET /where answered {response.status_code} to {location!r}, expected 200")
        assert response.status_code == 200, f"GET /where answered {response.status_code}, expected 200"
        return response.json()["url"]

    return get


def test_a_direct_request_is_http(get):
    url = get({})
    assert url.startswith("http://"), f"a request without proxy headers gave {url!r}"


def test_the_proxys_https_is_trusted(get, elsewhere_client, settings):
    url = get({"X-Forwarded-Proto": "https"})
    assert url.startswith("https://"), f"with X-Forwarded-Proto: https from the proxy, the app built {url!r}"
    # Another view, with every method the proxy forwards (a form's POST redirects, HEAD and OPTIONS are answered).
    for method in METHODS:  # GET first: another view's GET failing means only /where knows
        tag = "[fixed_in_one_view] " if method == "GET" else "[only_some_methods] "
        link, secure = elsewhere_client(method, {"X-Forwarded-Proto": "https"})
        assert link.startswith("https://") and secure == "True", (
            f"{tag}{method} /check/elsewhere with X-Forwarded-Proto: https from the proxy built {link!r} "
            f"and request.is_secure() was {secure}, expected https and True as for GET")
    # Judged by behaviour through the reader's middleware, under WSGI above and under ASGI here (Daphne or Uvicorn run
    # the same project through Django's ASGI handler, where the scheme comes from the ASGI scope, not the WSGI environ).
    # Not where an event loop already runs (the page's Check): AsyncToSync cannot start there.
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        settings.ROOT_URLCONF = __name__
        client = AsyncClient()
        for method in METHODS:
            async def answer(method=method):
                return await client.generic(method, "/check/elsewhere",
                                            headers={"X-Forwarded-For": BROWSER, "X-Forwarded-Proto": "https"})

            response = async_to_sync(answer)()
            link, secure = response.headers.get("X-Check-Link"), response.headers.get("X-Check-Secure")
            assert link is not None, (
                f"{method} /check/elsewhere under ASGI with X-Forwarded-Proto: https from the proxy answered "
                f"{response.status_code}, expected 200")
            assert link.startswith("https://") and secure == "True", (
                f"[scheme_under_wsgi_only] {method} /check/elsewhere under ASGI with X-Forwarded-Proto: https from the "
                f"proxy built {link!r} and request.is_secure() was {secure}, expected https and True as under WSGI")


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
        settings.ROOT_URLCONF = __name__ if path == "/check/elsewhere" else own_urls
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": BROWSER}  # through the proxy
        return Client().generic(method, path, headers=headers, HTTP_HOST=host).status_code

    # Every URL of the reader's URLconf with every method (a view answers whichever it is sent), and requests that
    # reach no view: Django checks the Host where a view, a middleware or a 404 asks for it (request.get_host()).
    routes = [(path, set(METHODS)) for path, _ in app_routes.django_routes(get_resolver(own_urls))]
    shared.host_is_pinned(send, "[every_host_allowed] ", routes)


def fresh_settings(monkeypatch, **environ):
    """The reader's settings module as a new process with this environment would load it."""
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.find_spec(django_settings.SETTINGS_MODULE)
    settings = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(settings)
    return settings


def test_debug_stays_off(monkeypatch):
    # pytest-django turns DEBUG off for the checks, so the battery reads what the settings module itself says, as
    # `manage.py runserver` starts it, and with DJANGO_DEBUG=0 or False set: a raw string is true.
    debug.check_debug_off(monkeypatch, "settings", lambda module: module.DEBUG)


def test_the_secret_key_comes_from_the_environment(monkeypatch):
    key = "the-key-from-the-secret-store-" + "x" * 40
    found = fresh_settings(monkeypatch, DJANGO_SECRET_KEY=key).SECRET_KEY
    assert found == key, (
        f"with DJANGO_SECRET_KEY set, settings.py still uses SECRET_KEY = {str(found)[:12]!r}...: "
        f"a key written in the code is in every copy of the repository")
    # Without the variable: no key written in the source (the battery unsets every *SECRET* and *KEY* variable) ...
    secrets.check_no_literal_fallback(monkeypatch, "settings", lambda module: module.SECRET_KEY)
    # ... and no key made at start either: every process of the site must sign with the same key.
    module = secrets._started(monkeypatch, "settings")
    made = module.SECRET_KEY if module is not None else None
    assert not made, (
        f"[secret_made_at_start] settings.py, started without DJANGO_SECRET_KEY, made a secret key of its own "
        f"({str(made)[:12]!r}...): each worker and each restart signs with another key, so sessions and signed "
        f"values break; expected settings.py to refuse to start")
