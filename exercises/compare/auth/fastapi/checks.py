"""Checks of the auth exercise, FastAPI: `python3 dev.py exercise auth/fastapi`."""

import pytest
from app import TOKENS, User, app, get_current_user
from fastapi import Depends
from fastapi.testclient import TestClient
from guide_tools.exercises.support import as_json, assert_no_header_makes_an_editor


@pytest.fixture
def get(monkeypatch):
    monkeypatch.setitem(TOKENS, "grace-token", User("grace", is_editor=True))  # a second editor and a second
    monkeypatch.setitem(TOKENS, "eve-token", User("eve", is_editor=False))  # non-editor: the rule is the flag
    with TestClient(app) as client:

        def get(token: str | None, extra: dict[str, str] | None = None):
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            return client.get("/reports/new", headers={**headers, **(extra or {})})

        get.client = client  # for the pages a check adds
        yield get


def the_next_page():  # a page added later; its guard is what the check gives it
    return {"page": "next"}


def test_anonymous_gets_401(get):
    response = get(None)
    assert response.status_code == 401, f"a request without a token got {response.status_code}, expected 401"
    response = get("forged-token")
    assert response.status_code == 401, (
        f"[bad_token_not_401] a request with an unknown token got {response.status_code}, expected 401")
    assert response.headers.get("www-authenticate") == "Bearer", (
        f"[bad_token_not_401] a 401 needs WWW-Authenticate: Bearer, got {response.headers.get('www-authenticate')!r}")
    for token in ("ada-token-forged", "ada-tokenX", "ADA-TOKEN", "xada-token", "ada"):  # near a real token is not one
        response = get(token)
        assert response.status_code == 401, (
            f"[token_not_matched_whole] the token {token!r} is no one's, and got {response.status_code}, expected 401: "
            "look the whole token up, exactly")
    # A token that stops being valid (a logout, a revoked token) is refused from the next request on.
    assert get("grace-token").status_code == 200, "grace (an editor) was not let in"
    del TOKENS["grace-token"]  # the fixture's monkeypatch puts it back
    response = get("grace-token")
    assert response.status_code == 401, (
        f"[revoked_token_accepted] grace's token, removed from TOKENS after one request, got {response.status_code}, "
        "expected 401: the token is checked again on every request")


def test_editor_is_let_in(get):
    response = get("ada-token")
    assert response.status_code == 200, f"ada (an editor) got {response.status_code}, expected 200"
    assert response.json() == {"editor": "ada"}, f"ada got {response.json()!r}"
    response = get("grace-token")
    assert response.status_code == 200, f"[editor_by_name] grace (another editor) got {response.status_code}, expected 200"


def test_non_editor_gets_403(get):
    response = get("bob-token")
    tag = "[not_403_for_a_right] " if response.status_code in (401, 404) else ""
    assert response.status_code == 403, (
        f"{tag}bob (a valid token, not an editor) got {response.status_code}, expected 403")
    page = response.json()
    assert not (isinstance(page, dict) and "editor" in page), (
        f"[page_sent_with_403] bob got 403, but with the editors' page in the body: {as_json(page)}")
    assert "www-authenticate" not in response.headers, (
        "[www_authenticate_on_403] a 403 needs no WWW-Authenticate: another token would not help")
    response = get("eve-token")
    assert response.status_code == 403, (
        f"[non_editor_by_name] eve (a valid token, not an editor) got {response.status_code}, expected 403")

    # The next page for any logged-in user: bob gets in.
    app.add_api_route("/check/for-anyone", the_next_page, dependencies=[Depends(get_current_user)])
    client = get.client
    response = client.get("/check/for-anyone", headers={"Authorization": "Bearer bob-token"})
    assert response.status_code == 200, (
        f"[every_route_guarded] a new page for any logged-in user answered bob {response.status_code}, "
        "expected 200: the editors' rule applies to every route of the app")


def test_a_header_cannot_make_a_non_editor_one(get):
    assert_no_header_makes_an_editor(lambda headers: get("bob-token", headers), "role_from_header")