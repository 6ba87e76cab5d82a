"""Checks of the project structure exercise, FastAPI: `python3 dev.py exercise project_structure/fastapi`."""

import pytest
from app import Settings, app, get_settings
from fastapi.testclient import TestClient


@pytest.fixture
def fresh():
    """No override and no cached settings before or after the check."""
    clear = getattr(get_settings, "cache_clear", lambda: None)
    clear()
    yield clear
    app.dependency_overrides.clear()
    clear()


def greeting(url: str = "/hello") -> object:
    with TestClient(app) as client:
        response = client.get(url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}, expected 200"
    return response.json()


def test_default_greeting(fresh, monkeypatch):
    monkeypatch.delenv("GREETING", raising=False)
    body = greeting()
    assert body == {"message": "Hello"}, f"GET /hello answered {body!r}, expected {{'message': 'Hello'}}"
    body = greeting("/hello?greeting=Hacked")  # a client must not be able to set the app's settings
    assert body == {"message": "Hello"}, f"[settings_from_query] GET /hello?greeting=Hacked answered {body!r}, expected 'Hello'"


def test_dependency_override_wins(fresh):
    app.dependency_overrides[get_settings] = lambda: Settings(greeting="Hi")
    body = greeting()
    assert body == {"message": "Hi"}, f"with get_settings overridden to greeting='Hi', GET /hello answered {body!r}"


def test_settings_are_not_read_at_import(fresh, monkeypatch):
    monkeypatch.setenv("GREETING", "Ahoy")
    fresh()  # the check clears get_settings' cache, as a test that changes the environment does
    body = greeting()
    assert body == {"message": "Ahoy"}, f"with GREETING=Ahoy set after import, GET /hello answered {body!r}"
