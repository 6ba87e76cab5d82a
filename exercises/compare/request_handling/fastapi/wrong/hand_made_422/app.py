"""Exercise (request handling): POST /orders trusts its JSON body. Reject a body that is not an order."""

from typing import Any
from fastapi import Body, FastAPI, HTTPException

app = FastAPI()


@app.post("/orders", status_code=201)
def create_order(data: Any = Body()) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise HTTPException(status_code=422, detail="body must be an object")
    item, quantity = data.get("item"), data.get("quantity")
    if not isinstance(item, str) or not item:
        raise HTTPException(status_code=422, detail="item must be a non-empty string")
    if type(quantity) is not int or quantity < 1:
        raise HTTPException(status_code=422, detail="quantity must be an integer of at least 1")
    return {"item": item, "quantity": quantity}
