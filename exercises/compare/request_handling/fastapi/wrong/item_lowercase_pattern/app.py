"""Exercise (request handling): POST /orders trusts its JSON body. Reject a body that is not an order."""
from fastapi import FastAPI
from pydantic import BaseModel, Field

app = FastAPI()


class Order(BaseModel):
    item: str = Field(pattern=r"^[a-z]+$")
    quantity: int = Field(ge=1, strict=True)


@app.post("/orders", status_code=201)
def create_order(order: Order) -> Order:
    return order
