# --8<-- [start:setup]
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from compare.templates.books import SHELVES

app = FastAPI()
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")  # (1)!
# --8<-- [end:setup]


# --8<-- [start:filter]
def stars(rating: int) -> str:
    return "★" * rating + "☆" * (5 - rating)


templates.env.filters["stars"] = stars  # (1)!
# --8<-- [end:filter]


# --8<-- [start:views]
@app.get("/shelves/{name}", response_class=HTMLResponse)  # (1)!
async def shelf(request: Request, name: str) -> HTMLResponse:
    if name not in SHELVES:
        raise HTTPException(status_code=404)
    return templates.TemplateResponse(  # (2)!
        request, "shelf.html", {"name": name, "books": SHELVES[name]}
    )


@app.get("/search", response_class=HTMLResponse)
async def search(request: Request, q: str = "") -> HTMLResponse:
    return templates.TemplateResponse(request, "search.html", {"q": q})
# --8<-- [end:views]


# --8<-- [start:unsafe]
@app.get("/unsafe-search", response_class=HTMLResponse)
async def unsafe_search(request: Request, q: str = "") -> HTMLResponse:
    return templates.TemplateResponse(request, "search_unsafe.html", {"q": q})
# --8<-- [end:unsafe]
