"""Background work: FastAPI's BackgroundTasks, and Django's tasks framework (new in Django 6.0).

tasks_django.py uses an API the LTS series does not have (stacks.LATEST_ONLY): on the floor the
test asserts that `django.tasks` is absent, which is the page's claim "new in Django 6.0".
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest
from django.test import RequestFactory
from fastapi.testclient import TestClient

from guide_tools.runtime.drive import send
from guide_tools.website.content import SNIPPETS
from performance.trade_offs import drive, tasks_fastapi
from tests.support.capture import render
from tests.support.latest_only import latest_only
from tests.support.services import python_env, run_server

OUT = "performance/trade_offs/out"
TASK_ID = [(re.compile(r'(?<="task": ")\w{32}(?=")'), "<task-id>")]


def django_tasks():
    return latest_only("performance.trade_offs.tasks_django", "django.tasks")


def test_fastapi_background_task_runs_after_the_response(outputs):
    tasks_fastapi.sent.clear()
    with TestClient(tasks_fastapi.app) as client:
        text = send(client, drive.OUTPUTS["tasks_fastapi.txt"][1])  # POST /orders/7, as the page's Run sends it
    assert text.startswith("POST /orders/7\n\nHTTP/1.1 200 OK\n") and '"status": "placed"' in text
    assert tasks_fastapi.sent == ["receipt for order 7 sent"]  # in the same process
    outputs.check(f"{OUT}/tasks_fastapi.txt", text)


def test_fastapi_background_task_failure_comes_after_the_200():
    # The client already has its 200 when the task fails; the error goes to the server's log.
    with TestClient(tasks_fastapi.app, raise_server_exceptions=False) as client:
        response = client.post("/orders/-1")
    assert response.status_code == 200


# The page's app with its mail service made slow (2 s), so that the task is still running when the
# signal comes: send_receipt is looked up in the module at each request, so the patch reaches it.
SLOW_RECEIPT = """
import time

from performance.trade_offs import tasks_fastapi

app = tasks_fastapi.app
send_receipt = tasks_fastapi.send_receipt


def slow_send_receipt(order_id: int) -> None:
    print(f"task started for order {order_id}", flush=True)
    time.sleep(2)
    send_receipt(order_id)
    print(tasks_fastapi.sent[-1], flush=True)


tasks_fastapi.send_receipt = slow_send_receipt
"""


@pytest.mark.slow
def test_fastapi_background_task_at_shutdown(tmp_path):
    """The page: a task still pending when the process stops is lost if the process is killed, or once
    the server's graceful-shutdown limit passes; on a plain SIGTERM Uvicorn waits for it. The page's
    app under Uvicorn, POST /orders/7 answered 200, then the signal while the task runs: plain SIGTERM
    (the receipt is sent, after Uvicorn's "Waiting for background tasks"), SIGTERM with
    --timeout-graceful-shutdown 1 (cancelled, never sent) and SIGKILL (never sent)."""
    (tmp_path / "slow_receipt.py").write_text(SLOW_RECEIPT)
    env = {**os.environ, **python_env(), "PYTHONPATH": os.pathsep.join([str(tmp_path), str(SNIPPETS)])}
    cases = {
        "sigterm": ('uvicorn --port "$PORT" slow_receipt:app', signal.SIGTERM),
        "sigterm_timeout_graceful_shutdown": ('uvicorn --port "$PORT" --timeout-graceful-shutdown 1 slow_receipt:app',
                                              signal.SIGTERM),
        "sigkill": ('uvicorn --port "$PORT" slow_receipt:app', signal.SIGKILL),
    }

    def run(name: str) -> tuple[str, tuple[int, str]]:
        command, sig = cases[name]
        with run_server(command, cwd=tmp_path, env=env, timeout=60, measure=False) as server:
            status = httpx2.post(f"{server.url}/orders/7", timeout=30).status_code
            server.wait_for("task started for order 7")  # the client has its 200; the task runs
            os.kill(server.proc.pid, sig)  # the server itself, as a container's stop signal reaches it
            server.proc.wait(30)
            return name, (status, server.output())

    with ThreadPoolExecutor(len(cases)) as pool:
        results = dict(pool.map(run, cases))
    assert {name: status for name, (status, _) in results.items()} == dict.fromkeys(cases, 200)
    sent = {name: "receipt for order 7 sent" in output for name, (_, output) in results.items()}
    assert sent == {"sigterm": True, "sigterm_timeout_graceful_shutdown": False, "sigkill": False}, results
    assert "Waiting for background tasks to complete" in results["sigterm"][1]
    assert "timeout graceful shutdown exceeded" in results["sigterm_timeout_graceful_shutdown"][1].lower()


def test_django_task_runs_in_the_request_with_the_default_backend(settings, outputs):
    tasks = django_tasks()
    if tasks is None:
        from django.conf import global_settings

        assert not hasattr(global_settings, "TASKS")  # no TASKS setting before 6.0
        return
    from django.conf import global_settings

    assert global_settings.TASKS == tasks.TASKS  # the snippet shows the default
    settings.TASKS = tasks.TASKS
    response = tasks.place_order(RequestFactory().post("/orders/7"), order_id=7)
    assert b'"status": "SUCCESSFUL"' in response.content  # finished before enqueue() returned
    outputs.check(f"{OUT}/tasks_django.txt", render(response, "POST /orders/7"), normalisers=TASK_ID, per_stack=True)
    result = tasks.send_receipt.enqueue(order_id=8)
    assert result.return_value == "receipt for order 8 sent"


def test_django_task_failure_is_recorded_not_raised(settings):
    tasks = django_tasks()
    if tasks is None:
        return  # the floor: asserted absent by django_tasks()
    settings.TASKS = tasks.TASKS
    response = tasks.place_order(RequestFactory().post("/orders/-1"), order_id=-1)
    assert response.status_code == 200 and b'"status": "FAILED"' in response.content
    result = tasks.send_receipt.enqueue(order_id=-1)
    assert result.errors[0].exception_class_path == "builtins.ValueError"


def test_django_place_order_is_post_only(settings):
    tasks = django_tasks()
    if tasks is None:
        return  # the floor: asserted absent by django_tasks()
    from django.tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    response = tasks.place_order(RequestFactory().get("/orders/7"), order_id=7)
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert default_task_backend.results == []  # nothing was enqueued


def test_django_dummy_backend_stores_and_never_runs(settings):
    tasks = django_tasks()
    if tasks is None:
        return  # the floor: asserted absent by django_tasks()
    from django.tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    result = tasks.send_receipt.enqueue(order_id=7)
    assert result.status == "READY" and result.started_at is None
    assert [r.id for r in default_task_backend.results] == [result.id]


def test_django_task_arguments_must_be_json(settings):
    tasks = django_tasks()
    if tasks is None:
        return  # the floor: asserted absent by django_tasks()
    import datetime

    import pytest

    settings.TASKS = tasks.TASKS
    with pytest.raises(TypeError, match="Unsupported type"):
        tasks.send_receipt.enqueue(order_id=datetime.date(2026, 1, 1))


class RolledBack(Exception):
    """Whatever makes the view's transaction roll back after it enqueued the receipt."""


def test_django_enqueue_ignores_the_transaction_on_commit_does_not(settings, db, django_capture_on_commit_callbacks):
    """enqueue() knows nothing of transactions: a receipt enqueued inside one that then rolls back
    is queued all the same (with ImmediateBackend, already sent). Enqueued through on_commit, it
    is queued only once the transaction commits."""
    tasks = django_tasks()
    if tasks is None:
        return  # the floor: asserted absent by django_tasks()
    from django.db import transaction
    from django.tasks import default_task_backend

    settings.TASKS = tasks.TASKS
    with contextlib.suppress(RolledBack), transaction.atomic():
        sent = tasks.send_receipt.enqueue(order_id=7)
        raise RolledBack
    assert sent.status == "SUCCESSFUL"  # the receipt went out for an order that was never placed

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        with contextlib.suppress(RolledBack), transaction.atomic():
            tasks.send_receipt.enqueue(order_id=8)
            raise RolledBack
        with contextlib.suppress(RolledBack), transaction.atomic():
            tasks.enqueue_receipt_on_commit(order_id=9)
            raise RolledBack
        with transaction.atomic():
            tasks.enqueue_receipt_on_commit(order_id=10)
    assert [r.kwargs for r in default_task_backend.results] == [{"order_id": 8}, {"order_id": 10}]


def test_django_ships_no_worker():
    # Only the two backends for development and tests; a worker comes from a third-party backend.
    import importlib.util
    import pkgutil

    if django_tasks() is None:
        return  # the floor: asserted absent by django_tasks()
    import django.tasks.backends

    names = {m.name for m in pkgutil.iter_modules(django.tasks.backends.__path__)}
    assert names == {"base", "dummy", "immediate"}
    assert importlib.util.find_spec("django.core.management.commands.db_worker") is None
