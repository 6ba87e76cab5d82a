"""Exercise (request handling): POST /orders trusts its JSON body. Reject a body that is not an order."""

from typing import Any

from fastapi import Body, FastAPI

app = FastAPI()


@app.post("/orders", status_code=201)
def create_order(data: dict[str, Any] = Body()) -> dict[str, Any]:
    return {"item": data["item"], "quantity": data["quantity"]}
