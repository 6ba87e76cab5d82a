"""Exercise (REST APIs): PATCH /books/<id> is not allowed. Add it: change only the fields sent."""

from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator


class Book(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str
    year: Annotated[int, Field(strict=True)]  # a JSON integer: lax mode would turn true into 1


class BookPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = None  # None only when not sent: exclude_unset tells the two apart
    year: Annotated[int, Field(strict=True)] | None = None

    @field_validator("title", "year")  # runs on sent values only, not on the defaults
    @classmethod
    def not_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("may be left out, not null")
        return value


BOOKS = {1: {"title": "Dune", "year": 1965}}  # a database, in a real app
app = FastAPI()


def existing(book_id: int) -> int:
    if book_id not in BOOKS:
        raise HTTPException(status_code=404, detail="Book not found")
    return book_id


@app.get("/books/{book_id}")
def read_book(book_id: Annotated[int, Depends(existing)]) -> Book:
    return Book(**BOOKS[book_id])


@app.put("/books/{book_id}")
def replace_book(book_id: Annotated[int, Depends(existing)], book: Book) -> Book:
    BOOKS[book_id] = book.model_dump()
    return book


@app.patch("/books/{book_id}")
async def update_book(book_id: Annotated[int, Depends(existing)], request: Request) -> Book:
    try:
        patch = BookPatch.model_validate(await request.json())
    except ValidationError as error:
        raise HTTPException(status_code=422, detail=error.errors(include_url=False)) from None
    BOOKS[book_id] |= patch.model_dump(exclude_unset=True)  # only the fields the client sent
    return Book(**BOOKS[book_id])
