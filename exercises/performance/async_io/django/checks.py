"""Checks of the async exercise, Django: `python3 dev.py exercise async_io/django`."""

import asyncio
import inspect

import pytest
import urls
import views as module
from django.test import Client
from django.urls import clear_url_caches, path

RATE = 1.23  # what the spy's fetch_rate() returns: not the starter's 1.08
GUARD = 5  # seconds the spy waits for the event loop: a guard against a deadlock, not a measurement


@pytest.fixture
def get():
    client = Client()  # runs an async view in an event loop of its own
    return lambda: client.get("/rate").json()


@pytest.fixture
def loops(monkeypatch):
    """The view behind a wrapper that notes the event loop it runs on (none for a plain `def` view)."""
    loops = []
    view = module.rate
    if inspect.iscoroutinefunction(view):
        async def recording(request):
            loops.append(asyncio.get_running_loop())
            return await view(request)
    else:
        recording = view
    monkeypatch.setattr(urls, "urlpatterns", [path("rate", recording)])
    clear_url_caches()
    yield loops
    clear_url_caches()


@pytest.fixture
def where(monkeypatch, loops):
    """Replaces fetch_rate() to record where it runs: on a thread running an event loop, or not,
    and whether the request's event loop is free meanwhile (it runs a callback sent to it)."""
    calls = []

    def spy():
        try:
            asyncio.get_running_loop()
            calls.append("on the event loop")
        except RuntimeError:
            if not loops:  # a plain `def` view: no event loop to block
                calls.append("in another thread")
                return RATE
            free = asyncio.run_coroutine_threadsafe(asyncio.sleep(0), loops[-1])
            try:
                free.result(timeout=GUARD)
                calls.append("in another thread")
            except TimeoutError:
                free.cancel()
                calls.append("in another thread, the event loop waiting for it")
        return RATE

    monkeypatch.setattr(module, "fetch_rate", spy)
    return calls


def test_the_rate_is_right(get):
    assert get() == {"eur_usd": 1.08}, "GET /rate should answer {'eur_usd': 1.08}"


def test_the_blocking_call_is_not_on_the_event_loop(get, where):
    body = get()
    assert where, f"[fetch_not_called] GET /rate answered {body!r} without calling fetch_rate() during the request"
    assert body == {"eur_usd": RATE}, (
        f"[fetch_not_called] fetch_rate() returned {RATE}, GET /rate answered {body!r}: answer what fetch_rate() returns")
    assert "on the event loop" not in where, (
        "fetch_rate() ran on the event loop's thread: while it sleeps, no other request is served")
    assert where == ["in another thread"], (
        "[loop_waits_for_thread] fetch_rate() ran in another thread, but the event loop waited for it "
        "(a blocking .result() or .join()): no other request is served meanwhile")
