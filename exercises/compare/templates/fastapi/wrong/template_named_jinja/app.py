"""Exercise (templates): GET /hello?name=... puts the name into HTML as it is. Escape it."""

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

app = FastAPI()
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


@app.get("/hello", response_class=HTMLResponse)
def hello(request: Request, name: str = "world"):
    return templates.TemplateResponse(request, "hello.jinja", {"name": name})
