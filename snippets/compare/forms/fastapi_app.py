# --8<-- [start:setup]
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Form, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from compare.forms.fastapi_models import Account, Signup

app = FastAPI()
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
# --8<-- [end:setup]


# --8<-- [start:json]
@app.post("/api/signup", status_code=201)
async def signup_json(data: Signup) -> Account:  # (1)!
    return Account(username=data.username, email=data.email, age=data.age)  # (2)!


@app.exception_handler(RequestValidationError)  # (3)!
async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{k: v for k, v in error.items() if k != "input"} for error in exc.errors()]
    return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)
# --8<-- [end:json]


# --8<-- [start:form]
@app.get("/signup", response_class=HTMLResponse)
async def signup_page(request: Request):
    return templates.TemplateResponse(request, "fastapi_signup.html", {})


@app.post("/signup")
async def signup_form(data: Annotated[Signup, Form()]) -> RedirectResponse:  # (1)!
    # data is a validated Signup: age is an int or None.
    return RedirectResponse("/signup/done", status_code=303)  # (2)!


@app.get("/signup/done", response_class=PlainTextResponse)
async def done() -> str:
    return "Account created."
# --8<-- [end:form]
