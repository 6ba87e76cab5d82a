from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from compare.orm.fastapi_models import Author


# --8<-- [start:detached]
def load_author(engine, name: str) -> Author:
    with Session(engine) as session:
        return session.scalars(select(Author).where(Author.name == name)).one()  # (1)!


def rename_author(engine, author_id: int, name: str) -> Author:
    with Session(engine) as session:
        author = session.get(Author, author_id)
        author.name = name
        session.commit()  # (2)!
        return author
# --8<-- [end:detached]


# --8<-- [start:fixed]
def load_author_with_books(engine, name: str) -> Author:
    query = select(Author).where(Author.name == name).options(selectinload(Author.books))  # (1)!
    with Session(engine) as session:
        return session.scalars(query).one()


def rename_author_keep_values(engine, author_id: int, name: str) -> Author:
    with Session(engine, expire_on_commit=False) as session:  # (2)!
        author = session.get(Author, author_id)
        author.name = name
        session.commit()
        return author
# --8<-- [end:fixed]
