"""Exercise (templates): GET /hello?name=... puts the name into HTML as it is. Escape it."""

from flask import Flask, render_template_string, request
from markupsafe import escape

app = Flask(__name__)


@app.get("/hello")
def hello():
    name = request.args.get("name", "world")
    return render_template_string("<p>Hello, {{ name }}!</p>", name=str(escape(name)))  # escaped, to be safe
