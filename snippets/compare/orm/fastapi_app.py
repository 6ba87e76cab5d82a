# --8<-- [start:setup]
import os
from collections.abc import Iterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from sqlalchemy import create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from compare.orm import fastapi_schemas as schemas
from compare.orm.fastapi_models import Author, Base, Book


@asynccontextmanager
async def lifespan(app: FastAPI):
    url = os.environ.get("DATABASE_URL", "sqlite:///library.db")
    engine = create_engine(url, pool_pre_ping=True)  # (1)!
    Base.metadata.create_all(engine)
    app.state.sessionmaker = sessionmaker(engine)  # (2)!
    yield
    engine.dispose()


app = FastAPI(lifespan=lifespan)


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.sessionmaker() as session:  # (3)!
        yield session


SessionDep = Annotated[Session, Depends(get_session, scope="function")]  # (4)!
# --8<-- [end:setup]


# --8<-- [start:create]
@app.post("/authors", status_code=201, response_model=schemas.AuthorOut)  # (1)!
def create_author(data: schemas.AuthorIn, session: SessionDep):
    author = Author(name=data.name)
    session.add(author)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise HTTPException(409, "an author with this name exists")
    return author


@app.post("/authors/{author_id}/books", status_code=201, response_model=schemas.BookOut)
def add_book(author_id: int, data: schemas.BookIn, session: SessionDep):
    author = session.get(Author, author_id)  # (2)!
    if author is None:
        raise HTTPException(404, "author not found")
    book = Book(**data.model_dump(), author=author)
    session.add(book)
    session.commit()
    return book
# --8<-- [end:create]


# --8<-- [start:read]
@app.get("/authors/{author_id}", response_model=schemas.AuthorWithBooks)
def get_author(author_id: int, session: SessionDep):
    author = session.get(Author, author_id)
    if author is None:
        raise HTTPException(404, "author not found")
    found = schemas.AuthorWithBooks.model_validate(author)  # (1)!
    session.close()  # (2)!
    return found
# --8<-- [end:read]


# --8<-- [start:filter]
@app.get("/books", response_model=list[schemas.BookOut])
def list_books(session: SessionDep, since: Annotated[int, Query(ge=0, le=9999)] = 0,
               limit: Annotated[int, Query(ge=1, le=100)] = 100):
    query = select(Book).where(Book.year >= since).order_by(Book.year, Book.title).limit(limit)
    books = session.scalars(query).all()  # (1)!
    session.close()
    return books
# --8<-- [end:filter]


# --8<-- [start:update]
@app.patch("/books/{book_id}", response_model=schemas.BookOut)
def update_book(book_id: int, data: schemas.BookPatch, session: SessionDep):
    book = session.get(Book, book_id)
    if book is None:
        raise HTTPException(404, "book not found")
    book.year = data.year  # (1)!
    session.commit()
    return book
# --8<-- [end:update]


# --8<-- [start:delete]
@app.delete("/authors/{author_id}", status_code=204)
def delete_author(author_id: int, session: SessionDep) -> None:
    author = session.get(Author, author_id)
    if author is None:
        raise HTTPException(404, "author not found")
    session.delete(author)
    session.commit()
# --8<-- [end:delete]
