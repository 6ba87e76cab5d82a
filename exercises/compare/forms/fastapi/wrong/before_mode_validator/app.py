"""Exercise (forms): a sign-up whose two passwords differ is accepted. Reject it."""

from typing import Annotated

from fastapi import FastAPI, Form
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field, model_validator


class Signup(BaseModel):
    username: str = Field(min_length=1, max_length=30)
    password: str = Field(min_length=12)
    password_confirm: str

    @model_validator(mode="before")  # compare what was sent, before anything else
    @classmethod
    def passwords_match(cls, data: dict) -> dict:
        if data.get("password") != data.get("password_confirm"):
            raise ValueError("Passwords do not match.")
        return data


app = FastAPI()


@app.post("/signup")
def signup(form: Annotated[Signup, Form()]) -> RedirectResponse:
    return RedirectResponse("/signup/done", status_code=303)


@app.get("/signup/done")
def done() -> str:
    return "Account created."
