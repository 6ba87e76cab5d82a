"""A Jinja macro as a reusable fragment, rendered in its page or on its own."""

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from compare.templates.books import SHELVES

app = FastAPI()
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


# --8<-- [start:views]
@app.get("/books", response_class=HTMLResponse)
def book_list(request: Request):
    return templates.TemplateResponse(request, "book_list.html", {"books": SHELVES["read"]})


@app.get("/books/first", response_class=HTMLResponse)
def first_book() -> str:
    module = templates.get_template("book_list.html").module  # (1)!
    return module.book_item(SHELVES["read"][0])
# --8<-- [end:views]
