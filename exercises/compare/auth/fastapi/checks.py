"""Checks of the auth exercise, FastAPI: `python3 dev.py exercise auth/fastapi`."""

import pytest
from app import app
from fastapi.testclient import TestClient


@pytest.fixture
def get():
    with TestClient(app) as client:

        def get(token: str | None):
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            return client.get("/reports/new", headers=headers)

        yield get


def test_anonymous_gets_401(get):
    response = get(None)
    assert response.status_code == 401, f"a request without a token got {response.status_code}, expected 401"


def test_editor_is_let_in(get):
    response = get("ada-token")
    assert response.status_code == 200, f"ada (an editor) got {response.status_code}, expected 200"
    assert response.json() == {"editor": "ada"}, f"ada got {response.json()!r}"


def test_non_editor_gets_403(get):
    response = get("bob-token")
    assert response.status_code == 403, f"bob (a valid token, not an editor) got {response.status_code}, expected 403"
    assert "www-authenticate" not in response.headers, "a 403 needs no WWW-Authenticate: another token would not help"
