"""The shop's own code: it knows nothing about HTTP."""


class OutOfStock(Exception):
    """Raised when an item has none left."""

    def __init__(self, item: str):
        super().__init__(f"{item} is out of stock")
        self.item = item


STOCK = {"tea": 100, "umbrella": 0}


def take(item: str) -> int:
    STOCK[item] -= 1
    if STOCK[item] < 0:
        raise OutOfStock(item)
    return STOCK[item]
