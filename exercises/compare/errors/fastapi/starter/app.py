"""Exercise (errors): buying what is out of stock crashes. Answer 409 with JSON, from one handler."""

import threading

from fastapi import FastAPI, HTTPException

app = FastAPI()


class OutOfStock(Exception):
    """Raised by the shop's own code, which knows nothing about HTTP."""

    def __init__(self, item: str):
        super().__init__(f"{item} is out of stock")
        self.item = item


STOCK = {"tea": 100, "umbrella": 0}
STOCK_LOCK = threading.Lock()  # one sale at a time: two orders never both take the last one


def take(item: str) -> int:
    with STOCK_LOCK:
        if STOCK[item] == 0:
            raise OutOfStock(item)
        STOCK[item] -= 1
        return STOCK[item]


@app.post("/buy/{item}")
def buy(item: str) -> dict[str, str | int]:
    if item not in STOCK:
        raise HTTPException(status_code=404, detail="No such item")
    return {"item": item, "left": take(item)}
