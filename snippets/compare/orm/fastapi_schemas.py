from pydantic import BaseModel, ConfigDict, Field


class AuthorIn(BaseModel):
    name: str


class BookIn(BaseModel):
    title: str
    year: int | None = Field(default=None, ge=0, le=9999, strict=True)


class BookPatch(BaseModel):
    year: int | None = Field(ge=0, le=9999, strict=True)


class BookOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # (1)!

    id: int
    title: str
    year: int | None


class AuthorOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str


class AuthorWithBooks(AuthorOut):
    books: list[BookOut]  # (2)!
