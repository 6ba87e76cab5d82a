"""Checks of the deployment exercise, Django: `python3 dev.py exercise deployment/django`."""

import importlib.util

import pytest
from django.conf import settings as django_settings
from django.test import Client, RequestFactory


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
    # Any other request (another view, a redirect, CSRF's Origin check) must see the proxy's https too.
    request = RequestFactory().get("/elsewhere", headers={"X-Forwarded-Proto": "https"})
    assert request.is_secure(), (
        "[fixed_in_one_view] with X-Forwarded-Proto: https, /where says https, but request.is_secure() is False "
        "for any other request: only /where knows about the proxy")


def test_an_unknown_host_is_refused():
    response = Client().get("/where", headers={"X-Forwarded-Proto": "https"}, HTTP_HOST="evil.example")
    assert response.status_code == 400, (
        f"[every_host_allowed] a request for Host: evil.example answered {response.status_code}, expected 400: "
        f"absolute URLs would point to that host")


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
