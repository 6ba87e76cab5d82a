"""Exercise (forms): a sign-up whose two passwords differ is accepted. Reject it."""

from typing import Annotated

from fastapi import FastAPI, Form
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field, ValidationInfo, field_validator


class Signup(BaseModel):
    username: str = Field(min_length=1, max_length=30)
    password: str = Field(min_length=12)
    password_confirm: str

    @field_validator("password_confirm")
    @classmethod
    def passwords_match(cls, value: str, info: ValidationInfo) -> str:
        if value != info.data["password"]:
            raise ValueError("Passwords do not match.")
        return value


app = FastAPI()


@app.post("/signup")
def signup(form: Annotated[Signup, Form()]) -> RedirectResponse:
    return RedirectResponse("/signup/done", status_code=303)


@app.get("/signup/done")
def done() -> str:
    return "Account created."
