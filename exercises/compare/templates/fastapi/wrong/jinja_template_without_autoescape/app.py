"""Exercise (templates): GET /hello?name=... puts the name into HTML as it is. Escape it."""

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from jinja2 import Template

app = FastAPI()


@app.get("/hello", response_class=HTMLResponse)
def hello(name: str = "world") -> str:
    return Template("<p>Hello, {{ name }}!</p>").render(name=name)  # a template, as the chapter says
