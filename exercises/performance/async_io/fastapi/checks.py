"""Checks of the async exercise, FastAPI: `python3 dev.py exercise async_io/fastapi`."""

import asyncio

import app as module
import pytest
from fastapi.testclient import TestClient


@pytest.fixture
def get():
    with TestClient(module.app) as client:
        yield lambda: client.get("/rate").json()


@pytest.fixture
def where(monkeypatch):
    """Wraps fetch_rate() to record where it runs: on a thread running an event loop, or not."""
    calls = []
    original = module.fetch_rate

    def spy():
        try:
            asyncio.get_running_loop()
            calls.append("on the event loop")
        except RuntimeError:
            calls.append("in another thread")
        return original()

    monkeypatch.setattr(module, "fetch_rate", spy)
    return calls


def test_the_rate_is_right(get):
    assert get() == {"eur_usd": 1.08}, "GET /rate should answer {'eur_usd': 1.08}"


def test_the_blocking_call_is_not_on_the_event_loop(get, where):
    get()
    assert "on the event loop" not in where, (
        "fetch_rate() ran on the event loop's thread: while it sleeps, no other request is served")
