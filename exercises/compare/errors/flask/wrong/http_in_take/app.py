"""Exercise (errors): buying what is out of stock crashes. Answer 409 with JSON, from one handler."""

from flask import Flask, abort, make_response

app = Flask(__name__)


class OutOfStock(Exception):
    """Raised by the shop's own code, which knows nothing about HTTP."""

    def __init__(self, item: str):
        super().__init__(f"{item} is out of stock")
        self.item = item


STOCK = {"tea": 100, "umbrella": 0}


def take(item: str) -> int:
    if STOCK[item] == 0:
        abort(make_response({"error": "out_of_stock", "item": item}, 409))  # every caller gets the 409
    STOCK[item] -= 1
    return STOCK[item]


@app.post("/buy/<item>")
def buy(item: str):
    if item not in STOCK:
        abort(404)
    return {"item": item, "left": take(item)}
