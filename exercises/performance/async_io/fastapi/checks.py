"""Checks of the async exercise, FastAPI: `python3 dev.py exercise async_io/fastapi`."""

import asyncio
import inspect

import app as module
import pytest
from fastapi.testclient import TestClient

RATE = 1.23  # what the spy's fetch_rate() returns: not the starter's 1.08
GUARD = 5  # seconds the spy waits for the event loop: a guard against a deadlock, not a measurement


@pytest.fixture
def loops():
    return []  # the event loop each request runs on


@pytest.fixture
def get(loops):
    async def recording(scope, receive, send):  # the app, behind a wrapper that notes its loop
        loops.append(asyncio.get_running_loop())
        await module.app(scope, receive, send)

    with TestClient(recording) as client:
        yield lambda: client.get("/rate").json()


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
            free = asyncio.run_coroutine_threadsafe(asyncio.sleep(0), loops[-1])
            try:
                free.result(timeout=GUARD)
                calls.append("in another thread")
            except TimeoutError:
                free.cancel()
                calls.append("in another thread, the event loop waiting for it")
        return RATE

    async def async_spy():  # the reader made fetch_rate() itself `async def`: awaited, so on the event loop
        calls.append("made async, on the event loop")
        return RATE

    monkeypatch.setattr(module, "fetch_rate", async_spy if inspect.iscoroutinefunction(module.fetch_rate) else spy)
    return calls


def test_the_rate_is_right(get):
    assert get() == {"eur_usd": 1.08}, "GET /rate should answer {'eur_usd': 1.08}"


def test_the_blocking_call_is_not_on_the_event_loop(get, where):
    body = get()
    assert where, f"[fetch_not_called] GET /rate answered {body!r} without calling fetch_rate() during the request"
    assert body == {"eur_usd": RATE}, (
        f"[fetch_not_called] fetch_rate() returned {RATE}, GET /rate answered {body!r}: answer what fetch_rate() returns")
    assert "made async, on the event loop" not in where, (
        "[fetch_rate_made_async] fetch_rate() is now `async def`: it runs on the event loop's thread, "
        "and the blocking call inside it still stops every other request")
    assert "on the event loop" not in where, (
        "fetch_rate() ran on the event loop's thread: while it sleeps, no other request is served")
    assert where == ["in another thread"], (
        "[loop_waits_for_thread] fetch_rate() ran in another thread, but the event loop waited for it "
        "(a blocking .result() or .join()): no other request is served meanwhile")
