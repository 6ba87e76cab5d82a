"""Background work: FastAPI's BackgroundTasks, and Django's tasks framework (new in Django 6.0).

tasks_django.py uses an API the LTS series does not have (stacks.LATEST_ONLY): on the floor the
test asserts that `django.tasks` is absent, which is the page's claim "new in Django 6.0".
"""

from __future__ import annotations

import contextlib
import re

from django.test import RequestFactory
from fastapi.testclient import TestClient

from guide_tools.runtime.drive import send
from performance.trade_offs import drive, tasks_fastapi
from tests.support.capture import render
from tests.support.latest_only import latest_only

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
