"""Exercise (forms): a sign-up whose two passwords differ is accepted. Reject it."""

from typing import Annotated

from fastapi import FastAPI, Form
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field, validator


class Signup(BaseModel):
    username: str = Field(min_length=1, max_length=30)
    password: str = Field(min_length=12)
    password_confirm: str

    @validator("password_confirm")
    def passwords_match(cls, v, values):
        if "password" in values and v != values["password"]:
            raise ValueError("Passwords do not match.")
        return v


app = FastAPI()


@app.post("/signup")
def signup(form: Annotated[Signup, Form()]) -> RedirectResponse:
    return RedirectResponse("/signup/done", status_code=303)


@app.get("/signup/done")
def done() -> str:
    return "Account created."
