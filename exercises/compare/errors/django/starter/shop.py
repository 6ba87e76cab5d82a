"""The shop's own code: it knows nothing about HTTP."""

import threading


class OutOfStock(Exception):
    """Raised when an item has none left."""

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
