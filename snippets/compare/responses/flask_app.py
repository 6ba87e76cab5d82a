# --8<-- [start:setup]
import io

from flask import Flask, Response, abort, redirect, request, send_file, stream_with_context, url_for
from markupsafe import escape

from compare.responses.orders import ORDERS, new_order, orders_csv

app = Flask(__name__)
# --8<-- [end:setup]


# --8<-- [start:text]
@app.get("/text")
def text():
    return Response("Hello, world\n", mimetype="text/plain")  # (1)!
# --8<-- [end:text]


# --8<-- [start:orders]
@app.get("/orders/<int:order_id>")
def get_order(order_id: int):
    if order_id not in ORDERS:
        abort(404)
    return ORDERS[order_id]  # (1)!


@app.get("/orders")
def list_orders():
    return list(ORDERS.values())  # (2)!


@app.post("/orders")
def create_order():
    order = new_order()
    return order, 201, {"Location": url_for("get_order", order_id=order["id"])}  # (3)!


@app.delete("/orders/<int:order_id>")
def delete_order(order_id: int):
    return "", 204  # (4)!
# --8<-- [end:orders]


# --8<-- [start:html]
@app.get("/hello")
def hello():
    name = request.args.get("name", "world")
    return f"<h1>Hello, {escape(name)}!</h1>"  # (1)!
# --8<-- [end:html]


# --8<-- [start:headers]
@app.get("/account")
def account():
    return {"user": "ada"}, {"Cache-Control": "no-store"}  # (1)!
# --8<-- [end:headers]


# --8<-- [start:redirects]
@app.get("/latest-order")
def latest_order():
    return redirect(url_for("get_order", order_id=max(ORDERS)))  # (1)!


@app.get("/shop/orders")
def old_orders_url():
    return redirect(url_for("list_orders"), code=301)  # (2)!
# --8<-- [end:redirects]


# --8<-- [start:cookies]
@app.post("/cookie-consent")
def accept_cookies():
    site = request.headers.get("Sec-Fetch-Site")
    if site is None:  # (1)!
        allowed = request.headers.get("Origin") in (None, request.host_url.removesuffix("/"))
    else:
        allowed = site == "same-origin"
    if not allowed:
        abort(403)
    response = Response(status=204)
    response.set_cookie(
        "consent", "yes",
        max_age=60 * 60 * 24 * 365,  # (2)!
        secure=True,  # (3)!
        httponly=True,  # (4)!
        samesite="Lax",  # (5)!
    )
    return response
# --8<-- [end:cookies]


# --8<-- [start:streaming]
@app.get("/countdown")
def countdown():
    @stream_with_context  # (1)!
    def lines():
        start = min(request.args.get("start", 3, type=int), 10)
        for n in range(start, 0, -1):
            yield f"{n}\n"  # (2)!
        yield "liftoff\n"

    return Response(lines(), mimetype="text/plain")
# --8<-- [end:streaming]


# --8<-- [start:download]
@app.get("/orders.csv")
def download_orders():
    data = io.BytesIO(orders_csv().encode())
    return send_file(data, mimetype="text/csv", as_attachment=True, download_name="orders.csv")  # (1)!
# --8<-- [end:download]
