from fastapi import FastAPI

from performance.serialization.orders import ORDER
from performance.serialization.schemas import Order, StrictLineItem

app = FastAPI()


# --8<-- [start:routes]
@app.post("/orders", status_code=201)
async def create_order(order: Order) -> Order:  # (1)!
    return order


@app.get("/orders/42")
async def read_order() -> Order:  # (2)!
    return ORDER


@app.get("/orders/42/untyped")
async def read_order_untyped():  # (3)!
    return ORDER
# --8<-- [end:routes]


# --8<-- [start:strict]
@app.post("/line-items/strict", status_code=201)
async def create_strict_line_item(item: StrictLineItem) -> StrictLineItem:
    return item
# --8<-- [end:strict]
