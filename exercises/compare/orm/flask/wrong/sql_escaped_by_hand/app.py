"""Exercise (ORM): GET /books lists every book in no set order. Filter by author and order by title."""

import os

from flask import Flask, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, text
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
        sql = "SELECT title, author FROM book"
        if author := request.args.get("author"):
            escaped = author.replace("'", "''")  # doubled quotes, as SQL escapes them
            sql += f" WHERE author = '{escaped}'"
        rows = db.session.execute(text(sql + " ORDER BY title"))
        return [{"title": title, "author": author} for title, author in rows]

    return app
