"""Exercise (request handling): POST /orders trusts its JSON body. Reject a body that is not an order."""

from flask import Flask, request
from flask.json.provider import DefaultJSONProvider

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024  # a larger body is refused (413) before it is read into memory


class JSONProvider(DefaultJSONProvider):
    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError:  # a body nested too deeply: get_json() answers 400 for a ValueError
            raise ValueError("JSON nested too deeply") from None


app.json = JSONProvider(app)


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
    return {"item": item, "quantity": quantity}, 201


@app.errorhandler(400)
@app.errorhandler(413)
@app.errorhandler(415)
def not_json(error):  # get_json()'s own refusals (bad syntax, too large, not sent as JSON), in JSON like the view's
    return {"error": error.name}, error.code
