"""Checks of the routing exercise, Django: run with `python3 dev.py exercise routing/django`."""

import importlib
import importlib.util
import pathlib
import sys
from types import SimpleNamespace

import pytest
import urls
from django.http import JsonResponse
from django.test import Client, override_settings
from django.urls import clear_url_caches, get_resolver, path
from views import BOOKS

from exercises.batteries import debug, hosts, routes, secrets
from exercises.compare.routing import shared_checks as shared

ORIGINAL = shared.snapshot(BOOKS)
STARTER = pathlib.Path(__file__).parent / "starter"


def _load(name: str, file: str, **modules):
    """A file of the starter as a module of its own name; `modules` stand for the names it imports."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, STARTER / file)
        module = importlib.util.module_from_spec(spec)
        saved = {key: sys.modules.get(key) for key in modules}
        sys.modules.update(modules)
        try:
            spec.loader.exec_module(module)
        finally:
            for key, value in saved.items():
                if value is None:
                    sys.modules.pop(key, None)
                else:
                    sys.modules[key] = value
        sys.modules[name] = module
    return sys.modules[name]


def starter_urls():
    """The starter's URLconf with the starter's views (the reader's settings serve it)."""
    return _load("routing_django_starter_urls", "urls.py", views=_load("routing_django_starter_views", "views.py"))


def exchange(client, method: str, path_: str, headers: dict) -> shared.Answer:
    host = headers.get("Host")
    extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items() if name != "Host"}
    response = client.generic(method, path_, **({"SERVER_NAME": host, "HTTP_HOST": host} if host else {}), **extra)
    return shared.answer(response.status_code, response.reason_phrase, response.items(), response.content)


def starter_exchange(client, method: str, path_: str, headers: dict) -> shared.Answer:
    with override_settings(ROOT_URLCONF=starter_urls()):
        return exchange(client, method, path_, headers)


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
                          starter=lambda method, path_, headers: starter_exchange(lenient, method, path_, headers))
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
    # The settings you would deploy with, as the starter's settings.py has them (its key is new at each start)
    # What Django runs with: a name a module leaves out has Django's default (spelling a default out is no change).
    from django.conf import global_settings

    starter = _load("routing_django_starter_settings", "settings.py")
    settings = importlib.import_module("settings")
    for name in sorted({n for n in [*vars(starter), *vars(settings)] if n.isupper()} - {"SECRET_KEY"}):
        default = getattr(global_settings, name, None)
        mine, theirs = getattr(settings, name, default), getattr(starter, name, default)
        assert mine == theirs, (
            f"[changes_settings] settings.py's {name} is {mine!r}, the starter's is {theirs!r}: the settings you "
            "would deploy with stay as they were")


def test_stays_safe_to_deploy(monkeypatch):
    debug.check_debug_off(monkeypatch, "settings", lambda module: module.DEBUG)
    hosts.check_no_wildcard_host("settings")
    secrets.check_no_literal_fallback(monkeypatch, "settings", lambda module: module.SECRET_KEY)
