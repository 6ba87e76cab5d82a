"""Exercise (admin): the admin is open to anyone. Let only admins in."""

import os

from fastapi import FastAPI
from sqladmin import Admin, ModelView
from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Book(Base):
    __tablename__ = "book"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))


class BookAdmin(ModelView, model=Book):
    column_list = [Book.id, Book.title]


def create_app(database_url: str | None = None, secret_key: str | None = None) -> FastAPI:
    engine = create_engine(database_url or os.environ.get("DATABASE_URL", "sqlite:///books.db"))
    Base.metadata.create_all(engine)
    app = FastAPI()
    app.state.engine = engine
    admin = Admin(app, engine, title="Books")
    admin.add_view(BookAdmin)
    return app
