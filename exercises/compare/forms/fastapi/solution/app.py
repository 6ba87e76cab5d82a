"""Exercise (forms): a sign-up whose two passwords differ is accepted. Reject it."""

from typing import Annotated, Self

from fastapi import FastAPI, Form, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel, Field, model_validator


class Signup(BaseModel):
    username: str = Field(min_length=1, max_length=30)
    password: str = Field(min_length=12)
    password_confirm: str

    @model_validator(mode="after")
    def passwords_match(self) -> Self:
        if self.password != self.password_confirm:
            raise ValueError("Passwords do not match.")
        return self


app = FastAPI()


@app.exception_handler(RequestValidationError)
async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    # FastAPI's default handler repeats each field's input, passwords included: leave it out
    errors = [{k: v for k, v in error.items() if k != "input"} for error in exc.errors()]
    return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)


@app.post("/signup")
def signup(form: Annotated[Signup, Form()]) -> RedirectResponse:
    return RedirectResponse("/signup/done", status_code=303)


@app.get("/signup/done")
def done() -> str:
    return "Account created."
