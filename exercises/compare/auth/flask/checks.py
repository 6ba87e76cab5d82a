"""Checks of the auth exercise, Flask: `python3 dev.py exercise auth/flask`."""

import pytest
from app import USERS, User, app
from guide_tools.exercises.support import as_json, assert_no_header_makes_an_editor


@pytest.fixture
def get(monkeypatch):
    app.config.update(SECRET_KEY="test-only", TESTING=True)
    monkeypatch.setitem(USERS, "grace", User("grace", is_editor=True))  # a second editor and a second non-editor:
    monkeypatch.setitem(USERS, "eve", User("eve", is_editor=False))  # the rule is the flag, not a name

    def get(user: str | None, url: str = "/reports/new", headers: dict[str, str] | None = None):
        client = app.test_client()
        if user:
            with client.session_transaction() as session:
                session["_user_id"] = user  # what flask_login.login_user() stores
        return client.get(url, headers=headers or {})

    return get


def test_anonymous_is_sent_to_log_in(get):
    response = get(None)
    assert response.status_code == 302, f"an anonymous visitor got {response.status_code}, expected 302 to the login page"
    assert response.headers["location"].startswith("/login"), f"redirected to {response.headers['location']!r}"


def test_editor_is_let_in(get):
    response = get("ada")
    assert response.status_code == 200, f"ada (an editor) got {response.status_code}, expected 200"
    assert response.get_json() == {"editor": "ada"}, f"ada got {response.get_json()!r}"
    response = get("grace")
    assert response.status_code == 200, (
        f"[editor_by_name] grace (another editor) got {response.status_code}, expected 200")


def test_non_editor_gets_403(get):
    response = get("bob")
    assert response.status_code != 302, (
        f"[non_editor_sent_to_log_in] bob (logged in, not an editor) was redirected to {response.headers['location']!r}")
    assert response.status_code == 403, f"bob (logged in, not an editor) got {response.status_code}, expected 403"
    page = response.get_json(silent=True)
    assert not (isinstance(page, dict) and "editor" in page), (
        f"[page_sent_with_403] bob got 403, but with the editors' page in the body: {as_json(page)}")
    response = get("bob", "/login")
    assert response.status_code == 200, (
        f"[other_pages_refused] bob got {response.status_code} from GET /login, expected 200: only the editors' page is for editors")
    response = get("eve")
    assert response.status_code == 403, (
        f"[non_editor_by_name] eve (logged in, not an editor) got {response.status_code}, expected 403")


def test_a_header_cannot_make_a_non_editor_one(get):
    assert_no_header_makes_an_editor(lambda headers: get("bob", headers=headers), "role_from_header")