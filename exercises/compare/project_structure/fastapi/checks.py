"""Checks of the project structure exercise, FastAPI: `python3 dev.py exercise project_structure/fastapi`."""

import contextlib
import functools
import importlib.util
import sys

import pytest
from app import Settings, app, get_settings
from fastapi.testclient import TestClient
from pydantic_settings import BaseSettings


@pytest.fixture
def fresh():
    """No override and no cached settings before or after the check."""
    clear = getattr(get_settings, "cache_clear", lambda: None)
    clear()
    yield clear
    app.dependency_overrides.clear()
    clear()


@contextlib.contextmanager
def coroutine_reuse_named():
    """`@lru_cache` on an `async def` caches the coroutine: the next request awaits it again."""
    try:
        yield
    except RuntimeError as error:
        if "already awaited coroutine" not in str(error):
            raise
        raise AssertionError(f"[async_cached] a later request raised RuntimeError: {error}") from None


def greeting(url: str = "/hello", app=app) -> object:
    with coroutine_reuse_named(), TestClient(app) as client:
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


def import_again(monkeypatch):
    """The reader's app.py imported anew, under another name, with GREETING unset, as a process
    starts: the module and the names of the settings classes built while it was imported."""
    monkeypatch.delenv("GREETING", raising=False)
    spec = importlib.util.spec_from_file_location("app_imported_again", sys.modules["app"].__file__)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    made, init = [], BaseSettings.__init__

    @functools.wraps(init)
    def counted(self, *args, **kwargs):
        made.append(type(self).__name__)
        init(self, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(BaseSettings, "__init__", counted)
        spec.loader.exec_module(module)
    return module, made


def test_settings_are_not_read_at_import(fresh, monkeypatch):
    module, made = import_again(monkeypatch)
    assert not made, (
        f"importing app.py built {len(made)} settings object(s) ({', '.join(made)}), expected none: "
        "the environment was read at import, before the first request")
    monkeypatch.setenv("GREETING", "Ahoy")
    body = greeting(app=module.app)  # the first request, nothing cleared
    read = getattr(module.get_settings(), "greeting", None)
    tag = "" if read == "Ahoy" else "[greeting_not_read] "
    assert body == {"message": "Ahoy"}, (
        f"{tag}with GREETING=Ahoy set after import, the first GET /hello answered {body!r}"
        + (f" and get_settings() gave greeting={read!r}" if tag else ""))
    monkeypatch.setenv("GREETING", "Hello")
    greeting()
    monkeypatch.setenv("GREETING", "Ahoy")
    fresh()  # the check clears get_settings' cache, as a test that changes the environment does
    body = greeting()
    assert body == {"message": "Ahoy"}, (
        f"with GREETING changed to Ahoy and get_settings.cache_clear() called, GET /hello answered {body!r}")


def test_one_settings_per_process(fresh, monkeypatch):
    monkeypatch.setenv("GREETING", "Ahoy")
    with coroutine_reuse_named(), TestClient(app) as client:  # one run of the app, as one process serves it
        first = client.get("/hello").json()
        monkeypatch.setenv("GREETING", "Changed")
        second = client.get("/hello").json()  # no cache_clear(): the process keeps the settings it made
    assert second == first, (
        f"with GREETING changed from Ahoy to Changed between two requests, GET /hello answered {first!r}, "
        f"then {second!r}: expected the same settings for the whole process")
