"""Exercise (ORM): GET /books lists every book in no set order. Filter by author and order by title."""

import os
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, FastAPI
from pydantic import BaseModel, ConfigDict
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Book(Base):
    __tablename__ = "book"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(100))


class BookOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    title: str
    author: str


engine = create_engine(os.environ.get("DATABASE_URL", "sqlite:///books.db"))  # connects on first use


def get_session() -> Iterator[Session]:
    with Session(engine) as session:
        yield session


app = FastAPI()


@app.get("/books")
def book_list(session: Annotated[Session, Depends(get_session)]) -> list[BookOut]:
    books = session.scalars(select(Book)).all()
    session.close()  # the connection goes back to the pool before FastAPI checks the books
    return books
