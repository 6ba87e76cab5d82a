"""Exercise (templates): GET /hello?name=... puts the name into HTML as it is. Escape it."""

import html

from flask import Flask, request

app = Flask(__name__)


@app.get("/hello")
def hello():
    name = request.args.get("name", "world")
    return f"<p>Hello, {html.escape(name, quote=False)}!</p>"  # text, not an attribute: no quotes to escape
