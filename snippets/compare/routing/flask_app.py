# --8<-- [start:setup]
from flask import Flask, request
from markupsafe import escape

from compare.routing.flask_blog import blog

app = Flask(__name__)
app.register_blueprint(blog, url_prefix="/blog")  # (1)!
# --8<-- [end:setup]


# --8<-- [start:static]
@app.get("/")
def index():
    return "Home page"
# --8<-- [end:static]


# --8<-- [start:converters]
@app.get("/users/<username>")  # (1)!
def show_user(username: str):
    return f"User {escape(username)}"  # (3)!


@app.get("/files/<path:subpath>")  # (2)!
def show_file(subpath: str):
    return f"File {escape(subpath)}"
# --8<-- [end:converters]


# --8<-- [start:query]
@app.get("/search")
def search():
    q = request.args.get("q", "")
    page = request.args.get("page", 1, type=int)  # (1)!
    return {"q": q, "page": page}
# --8<-- [end:query]


# --8<-- [start:methods]
@app.route("/items", methods=["GET", "POST"])  # (1)!
def items():
    if request.method == "POST":
        return {"created": request.get_json()}, 201
    return {"items": []}
# --8<-- [end:methods]


# --8<-- [start:many-urls]
@app.get("/about")
@app.get("/about-us")
def about():
    return "About us"
# --8<-- [end:many-urls]


# --8<-- [start:slash]
@app.get("/guide/")  # (1)!
def guide():
    return "Guide"
# --8<-- [end:slash]
