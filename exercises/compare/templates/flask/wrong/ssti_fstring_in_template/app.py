"""Exercise (templates): GET /hello?name=... puts the name into HTML as it is. Escape it."""

from flask import Flask, render_template_string, request

app = Flask(__name__)


@app.get("/hello")
def hello():
    name = request.args.get("name", "world")
    return render_template_string(f"<p>Hello, {name}!</p>")  # a template, so autoescaped
