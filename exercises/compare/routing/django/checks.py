"""Checks of the routing exercise, Django: run with `python3 dev.py exercise routing/django`."""

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


def a_view_with_a_bug(request):
    return JsonResponse([book["author"] for book in BOOKS.values()], safe=False)


@pytest.fixture
def api():
    strict_client, lenient = Client(), Client(raise_request_exception=False)

    def send(method: str, path_: str, strict: bool = False):
        response = (strict_client if strict else lenient).generic(method, path_)
        kind = response.get("content-type")
        return response.status_code, response.json() if kind == "application/json" else kind

    def detail_paths():
        return [path_ for path_, view in routes.django_routes(get_resolver()) if get_resolver().resolve(path_).kwargs]

    def add_bug(patch) -> str:
        patch.setattr(urls, "urlpatterns", [*urls.urlpatterns, path("check/bug", a_view_with_a_bug)])
        clear_url_caches()
        return "/check/bug"

    yield SimpleNamespace(send=send, books=BOOKS, original=ORIGINAL, module=sys.modules["views"], detail_paths=detail_paths,
                          add_bug=add_bug, not_an_id=404)
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


def test_stays_safe_to_deploy(monkeypatch):
    debug.check_debug_off(monkeypatch, "settings", lambda module: module.DEBUG)
    hosts.check_no_wildcard_host("settings")
    secrets.check_no_literal_fallback(monkeypatch, "settings", lambda module: module.SECRET_KEY)
