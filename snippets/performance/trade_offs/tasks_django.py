"""Django's tasks framework (new in Django 6.0): a task is declared in Django, run by a backend."""

from functools import partial

from django.db import transaction
from django.http import JsonResponse
from django.tasks import task
from django.views.decorators.http import require_POST


# --8<-- [start:task]
@task  # (1)!
def send_receipt(order_id: int) -> str:
    if order_id < 0:
        raise ValueError(f"no order {order_id}")
    return f"receipt for order {order_id} sent"  # stands for a call to the mail service


@require_POST  # it changes state: a GET answers 405
def place_order(request, order_id: int):
    result = send_receipt.enqueue(order_id=order_id)  # (2)!
    return JsonResponse({"task": result.id, "status": result.status})  # (3)!


def enqueue_receipt_on_commit(order_id: int) -> None:
    transaction.on_commit(partial(send_receipt.enqueue, order_id=order_id))  # (4)!
# --8<-- [end:task]


# --8<-- [start:settings]
# settings.py: the default when TASKS is not set
TASKS = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},  # (5)!
}
# --8<-- [end:settings]
