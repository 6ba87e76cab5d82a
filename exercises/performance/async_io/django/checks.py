"""Checks of the async exercise, Django: `python3 dev.py exercise async_io/django`."""

import asyncio

import pytest
import views as module
from django.test import Client


@pytest.fixture
def get():
    client = Client()  # runs an async view in an event loop of its own
    return lambda: client.get("/rate").json()


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
