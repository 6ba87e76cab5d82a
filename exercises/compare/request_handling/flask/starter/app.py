"""Exercise (request handling): POST /orders trusts its JSON body. Reject a body that is not an order."""

from flask import Flask, request

app = Flask(__name__)


@app.post("/orders")
def create_order():
    data = request.get_json()
    return {"item": data["item"], "quantity": data["quantity"]}, 201
