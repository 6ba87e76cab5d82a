"""Checks of the routing exercise, Django: run with `python3 dev.py exercise routing/django`."""

import importlib
import pathlib
import sys
from types import SimpleNamespace

import pytest
import urls
from django.http import JsonResponse
from django.test import Client
from django.urls import clear_url_caches, get_resolver, path
from views import BOOKS

from exercises.batteries import debug, hosts, routes, secrets
from exercises.compare.routing import shared_checks as shared

ORIGINAL = shared.snapshot(BOOKS)
FOLDER = pathlib.Path(__file__).parent
STARTER = shared.recorded(FOLDER)  # the starter's answers, recorded from starter/ with its settings (shared_checks)
# The settings the test client's environment hides from the answers: pytest-django adds the test
# client's host, `testserver`, to ALLOWED_HOSTS itself, so a reader's "testserver" there answers
# like the starter in the checks and differently where the site is deployed.
HIDDEN_BY_THE_TESTS = ("ALLOWED_HOSTS",)


def exchange(client, method: str, path_: str, headers: dict) -> shared.Answer:
    host = headers.get("Host")
    extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items() if name != "Host"}
    response = client.generic(method, path_, **({"SERVER_NAME": host, "HTTP_HOST": host} if host else {}), **extra)
    return shared.answer(response.status_code, response.reason_phrase, response.items(), response.content)


def a_view_with_a_bug(request):
    return JsonResponse([book["author"] for book in BOOKS.values()], safe=False)


@pytest.fixture
def api():
    strict_client, lenient = Client(), Client(raise_request_exception=False)

    def send(method: str, path_: str, strict: bool = False):
        response = (strict_client if strict else lenient).generic(method, path_)
        kind = response.get("content-type")
        return response.status_code, response.json() if kind == "application/json" else kind

    def route_paths():
        return [path_ for path_, view in routes.django_routes(get_resolver())]

    def detail_paths():
        return [path_ for path_, view in routes.django_routes(get_resolver()) if get_resolver().resolve(path_).kwargs]

    def add_bug(patch) -> str:
        patch.setattr(urls, "urlpatterns", [*urls.urlpatterns, path("check/bug", a_view_with_a_bug)])
        clear_url_caches()
        return "/check/bug"

    yield SimpleNamespace(send=send, books=BOOKS, original=ORIGINAL, module=sys.modules["views"], detail_paths=detail_paths, route_paths=route_paths,
                          add_bug=add_bug, not_an_id=404,
                          exchange=lambda method, path_, headers: exchange(lenient, method, path_, headers),
                          starter=STARTER,
                          settings={name: sorted(getattr(importlib.import_module("settings"), name, []))
                                    for name in HIDDEN_BY_THE_TESTS})
    clear_url_caches()  # the added route, gone with the check's monkeypatch


def test_book_list_still_works(api):
    shared.book_list_still_works(api)


def test_known_book(api, monkeypatch):
    shared.known_book(api, monkeypatch)


def test_unknown_book_is_json_404(api, monkeypatch):
    shared.unknown_book_is_json_404(api, monkeypatch)


def test_unknown_route_keeps_its_404(api):
    shared.unknown_route_keeps_its_404(api)


def test_other_bugs_stay_500(api, monkeypatch):
    shared.other_bugs_stay_500(api, monkeypatch)


def test_requests_leave_books_alone(api):
    shared.requests_leave_books_alone(api)


def test_other_methods_still_405(api):
    shared.other_methods_still_405(api)


def test_everything_else_stays(api):
    shared.everything_else_stays(api)
    # What the answers cannot show (HIDDEN_BY_THE_TESTS); any other setting, a middleware too, is
    # judged by the answers above: a change that answers as the starter did is no change here.
    settings, starter = importlib.import_module("settings"), shared.recorded_settings(FOLDER)
    for name in HIDDEN_BY_THE_TESTS:
        mine, theirs = sorted(getattr(settings, name, [])), starter[name]
        assert mine == theirs, (
            f"[changes_settings] settings.py's {name} is {mine!r}, the starter's is {theirs!r}: the tests add their own "
            "host themselves, so the answers cannot show this change, but the deployed site would answer differently")


def test_stays_safe_to_deploy(monkeypatch):
    debug.check_debug_off(monkeypatch, "settings", lambda module: module.DEBUG)
    hosts.check_no_wildcard_host("settings")
    secrets.check_no_literal_fallback(monkeypatch, "settings", lambda module: module.SECRET_KEY)
