"""Exercise (request handling): POST /orders trusts its JSON body. Reject a body that is not an order."""

from typing import Literal
from fastapi import FastAPI
from pydantic import BaseModel, field_validator

app = FastAPI()


class Order(BaseModel):
    item: Literal["book", "pen"]
    quantity: Literal[1, 2]

    @field_validator("quantity", mode="before")
    @classmethod
    def exact_int(cls, value):
        if type(value) is not int:
            raise ValueError("quantity must be an integer")
        return value


@app.post("/orders", status_code=201)
def create_order(order: Order) -> Order:
    return order
