"""Exercise (request handling): POST /orders trusts its JSON body. Reject a body that is not an order."""

from flask import Flask, request
from flask.json.provider import DefaultJSONProvider

app = Flask(__name__)


class JSONProvider(DefaultJSONProvider):
    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError:  # a body nested too deeply: get_json() answers 400 for a ValueError
            raise ValueError("JSON nested too deeply") from None


app.json = JSONProvider(app)


@app.post("/orders")
def create_order():
    if request.mimetype in ("", "text/plain"):  # the two a browser sends without a preflight
        return {"error": "send the order as application/json"}, 415
    data = request.get_json(force=True)
    if not isinstance(data, dict):
        return {"error": "the body must be a JSON object"}, 400
    item, quantity = data.get("item"), data.get("quantity")
    if not isinstance(item, str) or not item:
        return {"error": "item must be a non-empty string"}, 400
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        return {"error": "quantity must be an integer of at least 1"}, 400
    return {"item": item, "quantity": quantity}, 201
