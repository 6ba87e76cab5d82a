"""FastAPI's background tasks (from Starlette): run in the same process, after the response is sent."""

from fastapi import BackgroundTasks, FastAPI

app = FastAPI()
sent: list[str] = []  # stands for the mail service


def send_receipt(order_id: int) -> None:
    if order_id < 0:
        raise ValueError(f"no order {order_id}")
    sent.append(f"receipt for order {order_id} sent")


@app.post("/orders/{order_id}")
def place_order(order_id: int, background_tasks: BackgroundTasks) -> dict:
    background_tasks.add_task(send_receipt, order_id)  # (1)!
    return {"status": "placed"}
