"""Exercise (REST APIs): PATCH /books/<id> is not allowed. Add it: change only the fields sent."""

from flask import Flask, abort, request

app = Flask(__name__)

FIELDS = {"title": str, "year": int}
BOOKS = {1: {"title": "Dune", "year": 1965}}  # a database, in a real app


def errors_in(data: object, partial: bool = False) -> dict[str, str]:
    if not isinstance(data, dict):
        return {"body": "must be a JSON object"}
    errors = {name: "unknown field" for name in data.keys() - FIELDS.keys()}
    for name, kind in FIELDS.items():
        if name not in data:
            if not partial:
                errors[name] = "required"
        elif not isinstance(data[name], kind) or isinstance(data[name], bool):
            errors[name] = f"must be {kind.__name__}"
    return errors


@app.get("/books/<int:book_id>")
def read_book(book_id: int):
    return BOOKS[book_id] if book_id in BOOKS else abort(404)


@app.put("/books/<int:book_id>")
def replace_book(book_id: int):
    if book_id not in BOOKS:
        abort(404)
    data = request.get_json()
    if errors := errors_in(data):
        return {"errors": errors}, 400
    BOOKS[book_id] = {name: data[name] for name in FIELDS}
    return BOOKS[book_id]


@app.patch("/books/<int:book_id>")
def update_book(book_id: int):
    if book_id not in BOOKS:
        abort(404)
    data = request.get_json(silent=True) or {}  # a body that does not parse changes nothing
    if errors := errors_in(data, partial=True):  # the fields sent must be valid; none is required
        return {"errors": errors}, 400
    BOOKS[book_id] |= data
    return BOOKS[book_id]
