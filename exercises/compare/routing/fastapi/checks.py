"""Checks of the routing exercise, FastAPI: run with `python3 dev.py exercise routing/fastapi`."""

import pathlib
import sys

import pytest
from app import BOOKS, app
from exercises.batteries import debug, routes
from exercises.compare.routing import shared_checks as shared

ORIGINAL = shared.snapshot(BOOKS)


STARTER = shared.recorded(pathlib.Path(__file__).parent)  # the starter's answers, recorded (shared_checks)


def exchange(client, method: str, path: str, headers: dict) -> "shared.Answer":
    response = client.request(method, path, headers=headers, follow_redirects=False)  # a redirect is an answer
    return shared.answer(response.status_code, "", response.headers.multi_items(), response.content)
from fastapi.testclient import TestClient
from types import SimpleNamespace


@pytest.fixture
def api():
    with TestClient(app) as strict_client, TestClient(app, raise_server_exceptions=False) as lenient:

        def send(method: str, path: str, strict: bool = False):
            response = (strict_client if strict else lenient).request(method, path)
            kind = response.headers.get("content-type")  # None: the answer names no type
            return response.status_code, response.json() if kind == "application/json" else kind

        def route_paths():
            return [path for path, methods, route in routes.starlette_served(app, fill="1") if methods and "GET" in methods]

        def detail_paths():
            return [path for path, methods, route in routes.starlette_served(app, fill="1")
                    if methods and "GET" in methods and route.param_convertors]

        def add_bug(patch) -> str:
            def a_view_with_a_bug():
                return [book["author"] for book in BOOKS.values()]

            patch.setattr(app.router, "routes", list(app.router.routes))  # the route goes with the check
            app.add_api_route("/check/bug", a_view_with_a_bug)
            return "/check/bug"

        yield SimpleNamespace(send=send, books=BOOKS, original=ORIGINAL, module=sys.modules["app"],
                              detail_paths=detail_paths, route_paths=route_paths, add_bug=add_bug, not_an_id=422,
                              exchange=lambda method, path, headers: exchange(lenient, method, path, headers),
                              starter=STARTER)


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


def test_stays_safe_to_deploy(monkeypatch):
    debug.check_debug_off(monkeypatch, "app", lambda module: module.app.debug)
