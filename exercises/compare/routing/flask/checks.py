"""Checks of the routing exercise, Flask: run with `python3 dev.py exercise routing/flask`."""

import pathlib
import sys
from types import SimpleNamespace

import pytest
from app import BOOKS, app
from exercises.batteries import debug, routes, secrets
from exercises.compare.routing import shared_checks as shared

ORIGINAL = shared.snapshot(BOOKS)


STARTER = shared.recorded(pathlib.Path(__file__).parent)  # the starter's answers, recorded (shared_checks)


def exchange(flask_app, monkeypatch, method: str, path: str, headers: dict) -> shared.Answer:
    with monkeypatch.context() as patch:
        patch.setitem(flask_app.config, "PROPAGATE_EXCEPTIONS", False)  # a crash is the status 500
        response = flask_app.test_client().open(path, method=method, headers=headers)
    code, _, reason = response.status.partition(" ")
    return shared.answer(response.status_code, reason, response.headers.items(), response.get_data())


@pytest.fixture
def api(monkeypatch):
    app.config.update(TESTING=True)  # with `strict`, an exception in a view reaches the check (a traceback)

    def send(method: str, path: str, strict: bool = False):
        with monkeypatch.context() as patch:
            if not strict:  # the 500 page instead of the exception: a crash is reported as a status
                patch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
            response = app.test_client().open(path, method=method)
        body = response.get_json(silent=True) if response.is_json else response.content_type
        return response.status_code, body

    def route_paths():
        return [path for path, methods, rule in routes.flask_routes(app) if "GET" in methods]

    def detail_paths():
        return [path for path, methods, rule in routes.flask_routes(app) if rule.arguments and "GET" in methods]

    def add_bug(patch) -> str:
        """Flask takes no new route after the first request: the list view gets a KeyError bug instead."""
        endpoint = next(rule.endpoint for rule in app.url_map.iter_rules() if rule.rule == "/books")

        def buggy_list():
            return [book["author"] for book in BOOKS.values()]

        patch.setitem(app.view_functions, endpoint, buggy_list)
        return "/books"

    return SimpleNamespace(send=send, books=BOOKS, original=ORIGINAL, module=sys.modules[app.import_name], detail_paths=detail_paths, route_paths=route_paths,
                           add_bug=add_bug, not_an_id=404,
                           exchange=lambda method, path, headers: exchange(app, monkeypatch, method, path, headers),
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
    secrets.check_no_literal_fallback(monkeypatch, "app", lambda module: module.app.secret_key)
