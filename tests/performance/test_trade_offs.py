"""Trade-offs: the debugging pitfalls of async code, each run and captured.

Each assertion is a claim the page makes; each `outputs.check` is an output the page shows.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import re

import pytest
from asgiref.sync import async_to_sync
from django.core.exceptions import SynchronousOnlyOperation
from django.test import AsyncClient
from fastapi.testclient import TestClient

from guide_tools.runtime.drive import app_target, called, converse
from performance.trade_offs import drive, forgotten_await, lost_task, tracebacks
from tests.support.capture import render

OUT = "performance/trade_offs/out"
DJANGO_URLS = "performance.trade_offs.django_app.urls"
# Absolute paths differ between machines; the page shows them relative to the guide's snippets/
# (drive.py's NORMALISE, which the browser test applies too).
NORMALISERS = [(re.compile(pattern), replacement) for pattern, replacement in drive.NORMALISE]
PATHS = NORMALISERS[0]


# --------------------------------------------------------------------------- a forgotten await


def test_forgotten_await_answers_but_never_runs(outputs):
    forgotten_await.AUDIT_LOG.clear()
    assert app_target(drive, "forgotten_await.txt") == "performance.trade_offs.forgotten_await:app"
    with TestClient(forgotten_await.app) as client:
        with pytest.warns(RuntimeWarning) as warned:
            response = client.post("/orders")
            gc.collect()
        assert response.status_code == 201 and response.json() == {"status": "created"}
        assert forgotten_await.AUDIT_LOG == []  # the coroutine was created, never run
        messages = [str(w.message) for w in warned]
        assert messages == ["coroutine 'record_audit' was never awaited"]
        # the same request as the page's Run sends it, and the warning it leaves in the log
        text = converse(client, drive, "forgotten_await.txt")
        assert text == render(response, "POST /orders") + f"\nRuntimeWarning: {messages[0]}\n"
        assert forgotten_await.AUDIT_LOG == []

        fixed = client.post("/v2/orders")
        assert fixed.status_code == 201
        assert forgotten_await.AUDIT_LOG == ["order created"]
    outputs.check(f"{OUT}/forgotten_await.txt", text)


def test_the_test_suite_turns_the_warning_into_an_error():
    """With `filterwarnings = error` the RuntimeWarning becomes an exception inside the coroutine's
    finaliser, which Python can only report as "unraisable": pytest turns that into a failure."""
    import sys
    import warnings

    gc.collect()  # earlier tests' garbage is reported through pytest's hook, not counted here
    reported = []
    previous = sys.unraisablehook
    sys.unraisablehook = reported.append
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            coroutine = forgotten_await.record_audit("never run")
            del coroutine
            gc.collect()
    finally:
        sys.unraisablehook = previous
    assert len(reported) == 1
    assert isinstance(reported[0].exc_value, RuntimeWarning)
    assert str(reported[0].exc_value) == "coroutine 'record_audit' was never awaited"


# --------------------------------------------------------------------------- a lost task


def test_fire_and_forget_loses_the_exception(caplog, outputs):
    caplog.set_level(logging.ERROR, logger="asyncio")
    # place_order_fire_and_forget(7), as the page's Run calls it, and what reached the log
    text = called(drive, "lost_task.txt")
    result, _, logged = text.partition("\n\n")
    assert result == "order 7 placed"  # the caller never saw the error
    records = [r for r in caplog.records if r.name == "asyncio"]
    assert len(records) == 1
    record = records[0]
    assert record.getMessage().startswith("Task exception was never retrieved")
    assert logged == f"ERROR:asyncio:{record.getMessage()}\nConnectionError: mail service unreachable\n"
    outputs.check(f"{OUT}/lost_task.txt", text, normalisers=NORMALISERS)


def test_task_group_waits_for_its_tasks(monkeypatch):
    sent = []

    async def notify_customer(order_id: int) -> None:
        sent.append(order_id)

    monkeypatch.setattr(lost_task, "notify_customer", notify_customer)
    assert asyncio.run(lost_task.place_order_supervised(7)) == "order 7 placed"
    assert sent == [7]  # done before the function returned


def test_task_group_propagates_the_exception(outputs):
    with pytest.raises(ExceptionGroup) as raised:
        asyncio.run(lost_task.place_order_supervised(7))
    group = raised.value
    assert len(group.exceptions) == 1 and isinstance(group.exceptions[0], ConnectionError)
    outputs.check(f"{OUT}/task_group.txt",
                  f"{type(group).__name__}: {group}\n  ConnectionError: {group.exceptions[0]}\n")


def test_task_group_waits_for_a_hanging_task_without_limit(monkeypatch):
    """The page: a mail service that hangs makes the request hang, since nothing bounds the wait."""
    async def notify_customer(order_id: int) -> None:
        await asyncio.Event().wait()  # a mail service that never answers

    async def still_waiting_after(seconds: float) -> bool:
        request = asyncio.create_task(lost_task.place_order_supervised(7))
        done, _ = await asyncio.wait({request}, timeout=seconds)
        request.cancel()
        return not done

    monkeypatch.setattr(lost_task, "notify_customer", notify_customer)
    assert asyncio.run(still_waiting_after(0.3))


# --------------------------------------------------------------------------- tracebacks


def test_traceback_follows_the_awaits(outputs):
    assert asyncio.run(tracebacks.checkout(["A-1"])) == "total: 12"
    text = called(drive, "traceback.txt")  # checkout(["A-1", "B-2"]), as the page's Run calls it
    frames = re.findall(r'File ".*?", line \d+, in (\w+)', text)
    assert frames == ["checkout", "order_total", "fetch_price"]  # caller first, as in sync code
    assert text.rstrip().endswith("KeyError: 'B-2'")
    outputs.check(f"{OUT}/traceback.txt", text, normalisers=[PATHS])


# --------------------------------------------------------------------------- Django: sync ORM in async code


@pytest.mark.django_db
def test_sync_orm_call_in_async_view_raises(settings, outputs):
    settings.ROOT_URLCONF = DJANGO_URLS
    with pytest.raises(SynchronousOnlyOperation) as raised:
        async_to_sync(AsyncClient().get)("/users/count")
    message = str(raised.value)
    assert message == "You cannot call this from an async context - use a thread or sync_to_async."

    fixed = async_to_sync(AsyncClient().get)("/v2/users/count")
    assert fixed.status_code == 200 and fixed.json() == {"users": 0}
    # Both requests as the page's Run sends them, through Django's async path: a server's answer
    # (a 500, the exception in its log), then the fixed view's
    assert drive.APPS["django"]["ROOT_URLCONF"] == DJANGO_URLS
    text = converse(AsyncClient(raise_request_exception=False), drive, "synchronous_only.txt")
    assert text.startswith("GET /users/count\n\nHTTP/1.1 500 Internal Server Error\n")
    assert f"\nERROR:django.request:Internal Server Error: /users/count\nSynchronousOnlyOperation: {message}\n\n" in text
    assert text.endswith(render(fixed, "GET /v2/users/count"))
    outputs.check(f"{OUT}/synchronous_only.txt", text)


# --------------------------------------------------------------------------- what each framework ships


def test_fastapi_brings_no_orm_or_admin():
    from importlib.metadata import requires

    from packaging.requirements import Requirement

    base = {Requirement(r).name.lower() for r in requires("fastapi") if "extra ==" not in r}
    assert {"starlette", "pydantic", "anyio"} <= base
    assert not base & {"sqlalchemy", "alembic", "sqlmodel", "django"}


def test_django_ships_admin_auth_and_migrations():
    import importlib.util

    for module in ("django.contrib.admin", "django.contrib.auth", "django.contrib.sessions",
                   "django.db.migrations", "django.forms", "django.template"):
        assert importlib.util.find_spec(module) is not None, module
    import django

    # Background tasks arrive in Django 6.0 (a tasks framework; running them needs a worker backend).
    assert (importlib.util.find_spec("django.tasks") is not None) == (django.VERSION[:2] >= (6, 0))
