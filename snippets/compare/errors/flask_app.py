# --8<-- [start:setup]
from flask import Flask, abort, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException

from compare.errors.shop import OutOfStock, find_product, place_order, sales_report

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024  # (1)!


def problem(status: int, detail: str, headers=None):
    """An RFC 9457 problem details response: JSON with its own media type."""
    headers = Headers(headers)
    headers["Content-Type"] = "application/problem+json"
    return {"detail": detail, "status": status}, status, headers
# --8<-- [end:setup]


# --8<-- [start:raise]
@app.get("/api/products/<int:product_id>")
def get_product(product_id: int):
    product = find_product(product_id)
    if product is None:
        abort(404, description=f"No product {product_id}.")  # (1)!
    return product
# --8<-- [end:raise]


# --8<-- [start:http-errors]
@app.errorhandler(HTTPException)  # (1)!
def http_error(e: HTTPException):
    if not request.path.startswith("/api/"):
        return e  # (2)!
    return problem(e.code, e.description, e.get_headers())  # (3)!
# --8<-- [end:http-errors]


# --8<-- [start:app-exception]
class JSONProvider(DefaultJSONProvider):
    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError:  # (1)!
            raise ValueError("JSON nested too deeply") from None


app.json = JSONProvider(app)


@app.post("/api/products/<int:product_id>/orders")
def create_order(product_id: int):
    product = find_product(product_id)
    if product is None:
        abort(404, description=f"No product {product_id}.")
    data = request.get_json()  # (2)!
    quantity = data.get("quantity") if isinstance(data, dict) else None
    if type(quantity) is not int or quantity < 1:
        abort(400, description="quantity must be a positive integer.")
    return place_order(product, quantity), 201  # (3)!


@app.errorhandler(OutOfStock)  # (4)!
def out_of_stock(e: OutOfStock):
    app.logger.warning("Order refused: %s", e)  # (5)!
    return problem(409, e.detail)
# --8<-- [end:app-exception]


# --8<-- [start:server-error]
@app.get("/api/reports/sales")
def get_sales_report():
    return sales_report()  # (1)!
# --8<-- [end:server-error]
