"""Exercise (errors): buying what is out of stock crashes. Answer 409 with JSON, from one handler."""

import json

from fastapi import FastAPI, HTTPException, Request, Response

app = FastAPI()


class OutOfStock(Exception):
    """Raised by the shop's own code, which knows nothing about HTTP."""

    def __init__(self, item: str):
        super().__init__(f"{item} is out of stock")
        self.item = item


STOCK = {"tea": 100, "umbrella": 0}


def take(item: str) -> int:
    if STOCK[item] == 0:
        raise OutOfStock(item)
    STOCK[item] -= 1
    return STOCK[item]


@app.exception_handler(OutOfStock)  # one place, for every endpoint that sells
async def out_of_stock(request: Request, error: OutOfStock) -> Response:
    return Response(json.dumps({"error": "out_of_stock", "item": error.item}), status_code=409)


@app.post("/buy/{item}")
def buy(item: str) -> dict[str, str | int]:
    if item not in STOCK:
        raise HTTPException(status_code=404, detail="No such item")
    return {"item": item, "left": take(item)}
