# --8<-- [start:setup]
from flask import Flask, abort, render_template, request

from compare.templates.books import SHELVES

app = Flask(__name__)  # (1)!
# --8<-- [end:setup]


# --8<-- [start:filter]
@app.template_filter("stars")  # (1)!
def stars(rating: int) -> str:
    return "★" * rating + "☆" * (5 - rating)
# --8<-- [end:filter]


# --8<-- [start:views]
@app.get("/shelves/<name>")
def shelf(name: str):
    if name not in SHELVES:
        abort(404)
    return render_template("shelf.html", name=name, books=SHELVES[name])  # (1)!


@app.get("/search")
def search():
    return render_template("search.html", q=request.args.get("q", ""))
# --8<-- [end:views]


# --8<-- [start:unsafe]
@app.get("/unsafe-search")
def unsafe_search():
    return render_template("search_unsafe.html", q=request.args.get("q", ""))
# --8<-- [end:unsafe]
