"""Exercise (request handling): POST /orders trusts its JSON body. Reject a body that is not an order."""

from typing import Any
from fastapi import Body, FastAPI, Request
from pydantic import BaseModel, Field

app = FastAPI()


class Order(BaseModel):
    item: str = Field(min_length=1)
    quantity: int = Field(ge=1, strict=True)


@app.post("/orders", status_code=201)
async def create_order(request: Request, order: Order) -> dict[str, Any]:
    raw = await request.json()
    return {"item": raw["item"], "quantity": raw["quantity"], **raw}
