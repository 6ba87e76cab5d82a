"""The shop behind every example on the Error handling page: no web framework in sight."""


class OutOfStock(Exception):  # (1)!
    """An order asks for more than is left."""

    def __init__(self, product: dict, quantity: int) -> None:
        super().__init__(f"Only {product['stock']} left of {product['name']}, not {quantity}.")  # (2)!
        self.product = product
        self.detail = f"Not enough {product['name']} in stock."


PRODUCTS = {
    1: {"id": 1, "name": "Teapot", "stock": 3},
    2: {"id": 2, "name": "Kettle", "stock": 0},
}


def find_product(product_id: int) -> dict | None:
    return PRODUCTS.get(product_id)


def place_order(product: dict, quantity: int) -> dict:
    if quantity > product["stock"]:
        raise OutOfStock(product, quantity)
    return {"product": product["name"], "quantity": quantity}


def sales_report() -> dict:
    # A bug or an outage: its message is for the log, never for the client.
    raise ConnectionError("password authentication failed for user 'reports' at db.internal:5432")  # (3)!
