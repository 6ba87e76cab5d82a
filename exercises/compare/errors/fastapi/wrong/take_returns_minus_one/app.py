"""Exercise (errors): buying what is out of stock crashes. Answer 409 with JSON, from one handler."""

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

app = FastAPI()


class OutOfStock(Exception):
    """Raised by the shop's own code, which knows nothing about HTTP."""

    def __init__(self, item: str):
        super().__init__(f"{item} is out of stock")
        self.item = item


STOCK = {"tea": 100, "umbrella": 0}


def take(item: str) -> int:
    if STOCK[item] == 0:
        return -1  # out of stock
    STOCK[item] -= 1
    return STOCK[item]


@app.post("/buy/{item}")
def buy(item: str):
    if item not in STOCK:
        raise HTTPException(status_code=404, detail="No such item")
    left = take(item)
    if left < 0:
        return JSONResponse({"error": "out_of_stock", "item": item}, status_code=409)
    return {"item": item, "left": left}
