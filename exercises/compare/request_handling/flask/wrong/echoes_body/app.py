"""Exercise (request handling): POST /orders trusts its JSON body. Reject a body that is not an order."""

from flask import Flask, request

app = Flask(__name__)


@app.post("/orders")
def create_order():
    data = request.get_json()  # 415 or 400 by itself when the body is not JSON
    if not isinstance(data, dict):
        return {"error": "the body must be a JSON object"}, 400
    item, quantity = data.get("item"), data.get("quantity")
    if not isinstance(item, str) or not item:
        return {"error": "item must be a non-empty string"}, 400
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        return {"error": "quantity must be an integer of at least 1"}, 400
    return data, 201
