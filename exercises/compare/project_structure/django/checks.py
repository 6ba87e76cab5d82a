"""Checks of the project structure exercise, Django: `python3 dev.py exercise project_structure/django`."""

from django.test import Client

import views  # noqa: F401  (imported before any override, as in a running project)


def greeting() -> object:
    response = Client().get("/hello")
    assert response.status_code == 200, f"GET /hello answered {response.status_code}, expected 200"
    return response.json()


def test_default_greeting():
    body = greeting()
    assert body == {"message": "Hello"}, f"GET /hello answered {body!r}, expected {{'message': 'Hello'}}"


def test_settings_override_wins(settings, monkeypatch):
    settings.GREETING = "Hi"  # pytest-django's fixture, like override_settings(GREETING="Hi")
    body = greeting()
    assert body == {"message": "Hi"}, f"with settings.GREETING = 'Hi', GET /hello answered {body!r}"
    monkeypatch.setenv("GREETING", "Ahoy")  # a developer's shell may have it set: the setting still wins
    body = greeting()
    assert body == {"message": "Hi"}, (
        f"[env_beats_settings] with settings.GREETING = 'Hi' and GREETING=Ahoy in the environment, GET /hello answered {body!r}")
