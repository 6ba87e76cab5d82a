"""Checks of the ViewSets exercise, DRF: `python3 dev.py exercise drf_viewsets/django`."""

import importlib

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from rest_framework.routers import BaseRouter
from rest_framework.test import APIClient
from views import BOOKS, BookViewSet

from exercises.batteries import debug, hosts, secrets

ANATHEM = {"id": 2, "title": "Anathem", "archived": False}
# Ids no book has, several of them 2 to int(): a sign, spaces, non-ASCII digits (Arabic-Indic, superscript), 0, 10**30.
ID_FORMS = ("%2B2", "%202", "2%20", "%D9%A2", "%C2%B2", "0", "-1", "1" + "0" * 30)


@pytest.fixture
def client():
    BOOKS.clear()
    BOOKS[1] = {"id": 1, "title": "Dune", "archived": False}
    BOOKS[2] = dict(ANATHEM)
    return APIClient()


def call(client, method: str, url: str, cause: str = "", body=None):
    tag = f"[{cause}] " if cause else ""
    try:
        return getattr(client, method)(url, body, format="json") if body is not None else getattr(client, method)(url)
    except Exception as error:  # the test client re-raises the view's exception
        raise AssertionError(f"{tag}{method.upper()} {url} raised {type(error).__name__}: {error}"[:300]) from None


def post(client, url: str, cause: str = "", body=None):
    return call(client, "post", url, cause, body)


def get_book(client, pk: int, cause: str) -> dict:
    """GET /books/<pk>/ as the client reads the book back after an archive."""
    response = call(client, "get", f"/books/{pk}/", cause)
    assert response.status_code == 200, (
        f"[archived_hidden] GET /books/{pk}/ after archiving book 2 answered {response.status_code}, expected 200 and the book")
    return response.json()


def router_callbacks() -> set:
    """The views every router of the reader's urls.py (or views.py) made: a router caches its `urls`."""
    modules = [importlib.import_module(settings.ROOT_URLCONF), importlib.import_module("views")]
    routers = [value for module in modules for value in vars(module).values() if isinstance(value, BaseRouter)]
    return {getattr(pattern, "callback", None) for router in routers for pattern in router.urls}


def made_by_the_router(url: str) -> bool:
    """The URL resolves to a view the router made for an extra action of BookViewSet."""
    try:
        match = resolve(url)
    except Resolver404:
        return False
    name = (getattr(match.func, "actions", None) or {}).get("post")
    extra = {action.__name__ for action in BookViewSet.get_extra_actions()}
    return getattr(match.func, "cls", None) is BookViewSet and name in extra and match.func in router_callbacks()


def test_list_and_detail_still_work(client, monkeypatch):
    assert client.get("/books/").status_code == 200, "GET /books/ should answer 200"
    response = client.get("/books/1/")
    assert response.status_code == 200, f"GET /books/1/ answered {response.status_code}, expected 200"
    for url in ("/books.json", "/books/1.json"):  # DefaultRouter's format-suffix routes pass format= too
        response = call(client, "get", url, "format_not_accepted")
        assert response.status_code == 200, f"[format_not_accepted] GET {url} answered {response.status_code}, expected 200"
    # The test environment forces DEBUG off, so read what the project's settings.py asks for, however it is started.
    debug.check_debug_off(monkeypatch, "settings", lambda module: module.DEBUG)
    hosts.check_no_wildcard_host("settings")
    secrets.check_no_literal_fallback(monkeypatch, "settings", lambda module: module.SECRET_KEY)


def test_archive_is_a_post_on_one_book(client):
    response = post(client, "/books/2/archive/")
    assert response.status_code == 200, f"POST /books/2/archive/ answered {response.status_code}, expected 200"
    body = response.json()
    assert isinstance(body, dict) and "archived" in body, f"[answers_status_not_book] POST /books/2/archive/ answered {body!r}, expected the book"
    assert body == {"id": 2, "title": "Anathem", "archived": True}, f"POST /books/2/archive/ answered {body!r}"
    assert get_book(client, 2, "archived_hidden").get("archived") is True, (
        "[not_saved] GET /books/2/ after archiving does not show it archived")
    assert get_book(client, 1, "archived_hidden").get("archived") is False, "[archived_wrong_book] archiving book 2 archived book 1 too"
    listed = call(client, "get", "/books/", "archived_hidden").json()
    assert len(listed) == 2, f"[archived_hidden] GET /books/ after archiving book 2 answered {listed!r}, expected both books"
    again = post(client, "/books/2/archive/").json()
    assert again.get("archived") is True, (
        f"[toggles] a second POST /books/2/archive/ answered {again!r}, expected the book still archived")

    try:
        url = reverse("book-archive", kwargs={"pk": 2})
    except NoReverseMatch:
        url = None
    assert url == "/books/2/archive/" and made_by_the_router(url) and made_by_the_router("/books/2/archive.json"), (
        "[not_an_extra_action] /books/2/archive/ is not a route the router made for an action of BookViewSet")

    for sent in ({"archived": False}, {"title": "Pwned", "id": 99}):
        BOOKS[2] = dict(ANATHEM)
        response = post(client, "/books/2/archive/", "fields_from_the_body", body=sent)
        cause = "archived_from_the_body" if "archived" in sent else "fields_from_the_body"
        assert response.json() == {"id": 2, "title": "Anathem", "archived": True} and BOOKS.get(2) == response.json(), (
            f"[{cause}] POST /books/2/archive/ with the body {sent!r} answered "
            f"{response.json()!r}, expected the book archived and otherwise unchanged")

    BOOKS[2] = dict(ANATHEM)
    response = post(client, "/books/2/archive.json", "format_not_accepted")
    assert response.status_code == 200 and response.json().get("archived") is True, (
        f"[format_not_accepted] POST /books/2/archive.json answered {response.status_code}, expected 200 and the book archived")


def test_archive_is_post_only(client):
    response = client.get("/books/1/archive/")
    if response.status_code == 200:
        raise AssertionError(f"[get_allowed] GET /books/1/archive/ answered 200 (archived: {BOOKS[1]['archived']}), expected 405")
    assert response.status_code == 405, f"GET /books/1/archive/ answered {response.status_code}, expected 405"
    for method in ("put", "patch", "delete"):
        for url in ("/books/1/archive/", "/books/1/archive.json"):
            response = call(client, method, url, "other_method_allowed", body={})
            assert response.status_code == 405 and BOOKS.get(1) == {"id": 1, "title": "Dune", "archived": False}, (
                f"[other_method_allowed] {method.upper()} {url} answered {response.status_code}, expected 405")


def test_archiving_an_unknown_book_is_404(client):
    response = post(client, "/books/99/archive/")
    assert response.status_code == 404, f"POST /books/99/archive/ answered {response.status_code}, expected 404"
    response = post(client, "/books/abc/archive/", "non_numeric_id")
    assert response.status_code == 404, f"[non_numeric_id] POST /books/abc/archive/ answered {response.status_code}, expected 404"
    for pk in ID_FORMS:  # what int() or str.isdigit() take for 2, and ids no book has
        for method, url in (("get", f"/books/{pk}/"), ("get", f"/books/{pk}.json"),
                            ("post", f"/books/{pk}/archive/"), ("post", f"/books/{pk}/archive.json")):
            BOOKS[2] = dict(ANATHEM)
            response = call(client, method, url, "id_forms")
            assert response.status_code == 404 and BOOKS[2] == ANATHEM, (
                f"[id_forms] {method.upper()} {url} answered {response.status_code}, expected 404")
