"""Checks of the auth exercise, Flask: `python3 dev.py exercise auth/flask`."""

import pytest
from app import app


@pytest.fixture
def get():
    app.config.update(SECRET_KEY="test-only", TESTING=True)

    def get(user: str | None):
        client = app.test_client()
        if user:
            with client.session_transaction() as session:
                session["_user_id"] = user  # what flask_login.login_user() stores
        return client.get("/reports/new")

    return get


def test_anonymous_is_sent_to_log_in(get):
    response = get(None)
    assert response.status_code == 302, f"an anonymous visitor got {response.status_code}, expected 302 to the login page"
    assert response.headers["location"].startswith("/login"), f"redirected to {response.headers['location']!r}"


def test_editor_is_let_in(get):
    response = get("ada")
    assert response.status_code == 200, f"ada (an editor) got {response.status_code}, expected 200"
    assert response.get_json() == {"editor": "ada"}, f"ada got {response.get_json()!r}"


def test_non_editor_gets_403(get):
    response = get("bob")
    assert response.status_code == 403, f"bob (logged in, not an editor) got {response.status_code}, expected 403"
