# --8<-- [start:setup]
import os

from flask import Blueprint, Flask, request
from sqlalchemy.exc import IntegrityError

from compare.orm.flask_models import Author, Book, db

bp = Blueprint("library", __name__)


def create_app(config=None):
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite:///library.db")  # (1)!
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_pre_ping": True}  # (2)!
    app.config.from_mapping(config or {})
    db.init_app(app)  # (3)!
    with app.app_context():
        db.create_all()  # (4)!
    app.register_blueprint(bp)
    return app


def book_dict(book: Book) -> dict:
    return {"id": book.id, "title": book.title, "year": book.year}


def is_year(value) -> bool:
    return value is None or type(value) is int and 0 <= value <= 9999  # (5)!


def json_object() -> dict:
    try:
        data = request.get_json(silent=True)  # (6)!
    except RecursionError:  # nested deeper than Python's json parses: silent=True covers only ValueError
        return {}
    return data if isinstance(data, dict) else {}
# --8<-- [end:setup]


# --8<-- [start:create]
@bp.post("/authors")
def create_author():
    name = json_object().get("name")
    if not isinstance(name, str):
        return {"error": "name must be a string"}, 400
    author = Author(name=name)
    db.session.add(author)  # (1)!
    try:
        db.session.commit()  # (2)!
    except IntegrityError:
        db.session.rollback()
        return {"error": "an author with this name exists"}, 409
    return {"id": author.id, "name": author.name}, 201  # (3)!


@bp.post("/authors/<int:author_id>/books")
def add_book(author_id: int):
    author = db.get_or_404(Author, author_id)  # (4)!
    data = json_object()
    title, year = data.get("title"), data.get("year")
    if not isinstance(title, str) or not is_year(year):
        return {"error": "title must be a string, year a year or null"}, 400
    book = Book(title=title, year=year, author=author)
    db.session.add(book)  # (5)!
    db.session.commit()
    return book_dict(book), 201
# --8<-- [end:create]


# --8<-- [start:read]
@bp.get("/authors/<int:author_id>")
def get_author(author_id: int):
    author = db.get_or_404(Author, author_id)
    return {
        "id": author.id,
        "name": author.name,
        "books": [book_dict(book) for book in author.books],  # (1)!
    }
# --8<-- [end:read]


# --8<-- [start:filter]
@bp.get("/books")
def list_books():
    since = request.args.get("since", 0, type=int)
    limit = request.args.get("limit", 100, type=int)
    if not 0 <= since <= 9999:
        return {"error": "since must be a year"}, 400
    if not 1 <= limit <= 100:
        return {"error": "limit must be from 1 to 100"}, 400
    query = db.select(Book).where(Book.year >= since).order_by(Book.year, Book.title).limit(limit)  # (1)!
    books = db.session.execute(query).scalars()  # (2)!
    return [book_dict(book) for book in books]
# --8<-- [end:filter]


# --8<-- [start:update]
@bp.patch("/books/<int:book_id>")
def update_book(book_id: int):
    book = db.get_or_404(Book, book_id)
    data = json_object()
    if "year" not in data or not is_year(data["year"]):
        return {"error": "year must be a year or null"}, 400
    book.year = data["year"]  # (1)!
    db.session.commit()
    return book_dict(book)  # (2)!
# --8<-- [end:update]


# --8<-- [start:delete]
@bp.delete("/authors/<int:author_id>")
def delete_author(author_id: int):
    db.session.delete(db.get_or_404(Author, author_id))  # (1)!
    db.session.commit()
    return "", 204
# --8<-- [end:delete]
