"""A Jinja macro as a reusable fragment, rendered in its page or on its own."""

from flask import Flask, get_template_attribute, render_template

from compare.templates.books import SHELVES

app = Flask(__name__)


# --8<-- [start:views]
@app.get("/books")
def book_list():
    return render_template("book_list.html", books=SHELVES["read"])


@app.get("/books/first")
def first_book():
    book_item = get_template_attribute("book_list.html", "book_item")  # (1)!
    return book_item(SHELVES["read"][0])
# --8<-- [end:views]
