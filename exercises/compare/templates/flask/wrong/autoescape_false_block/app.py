"""Exercise (templates): GET /hello?name=... puts the name into HTML as it is. Escape it."""

from flask import Flask, render_template_string, request

app = Flask(__name__)


@app.get("/hello")
def hello():
    name = request.args.get("name", "world")
    template = "{% autoescape false %}<p>Hello, {{ name }}!</p>{% endautoescape %}"  # so "Tom & Jerry" shows no &amp;
    return render_template_string(template, name=name)
