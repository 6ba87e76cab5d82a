from datetime import date

from flask import Flask
from flask.json.provider import DefaultJSONProvider

from compare.responses.orders import ORDERS


class ISODateJSONProvider(DefaultJSONProvider):
    @staticmethod
    def default(o):
        if isinstance(o, date):  # (1)!
            return o.isoformat()
        return DefaultJSONProvider.default(o)  # (2)!


app = Flask(__name__)
app.json = ISODateJSONProvider(app)  # (3)!


@app.get("/orders/<int:order_id>")
def get_order(order_id: int):
    return ORDERS[order_id]
