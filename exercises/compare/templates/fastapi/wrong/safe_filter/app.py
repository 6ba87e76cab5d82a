"""Exercise (templates): GET /hello?name=... puts the name into HTML as it is. Escape it."""

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from jinja2 import Environment

app = FastAPI()
env = Environment(autoescape=True)
page = env.from_string("<p>Hello, {{ name|safe }}!</p>")


@app.get("/hello", response_class=HTMLResponse)
def hello(name: str = "world") -> str:
    return page.render(name=name)
