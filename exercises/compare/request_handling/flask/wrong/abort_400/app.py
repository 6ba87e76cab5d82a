"""Exercise (request handling): POST /orders trusts its JSON body. Reject a body that is not an order."""

from flask import Flask, abort, request

app = Flask(__name__)


@app.post("/orders")
def create_order():
    data = request.get_json()  # 415 or 400 by itself when the body is not JSON
    if not isinstance(data, dict):
        abort(400, "the body must be a JSON object")
    item, quantity = data.get("item"), data.get("quantity")
    if not isinstance(item, str) or not item:
        abort(400, "item must be a non-empty string")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        abort(400, "quantity must be an integer of at least 1")
    return {"item": item, "quantity": quantity}, 201
