from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

HERE = Path(__file__).parent  # (1)!

app = FastAPI()
app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")  # (2)!
app.mount("/manual", StaticFiles(directory=HERE / "manual", html=True), name="manual")  # (3)!
templates = Jinja2Templates(directory=HERE / "templates")


@app.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "fastapi_page.html")  # (4)!
