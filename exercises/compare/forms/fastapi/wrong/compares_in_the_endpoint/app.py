"""Exercise (forms): a sign-up whose two passwords differ is accepted. Reject it."""

from typing import Annotated

from fastapi import FastAPI, Form, HTTPException
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field


class Signup(BaseModel):
    username: str = Field(min_length=1, max_length=30)
    password: str = Field(min_length=12)
    password_confirm: str


app = FastAPI()


@app.post("/signup")
def signup(form: Annotated[Signup, Form()]) -> RedirectResponse:
    if form.password != form.password_confirm:
        raise HTTPException(422, "Passwords do not match.")
    return RedirectResponse("/signup/done", status_code=303)


@app.get("/signup/done")
def done() -> str:
    return "Account created."
