"""Exercise (templates): GET /hello?name=... puts the name into HTML as it is. Escape it."""

from flask import Flask, request

app = Flask(__name__)


@app.get("/hello")
def hello():
    name = request.args.get("name", "world")
    name = name.replace("<", "&lt;").replace(">", "&gt;")  # no tags
    return f"<p>Hello, {name}!</p>"
