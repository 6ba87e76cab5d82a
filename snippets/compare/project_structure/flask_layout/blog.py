from flask import Blueprint, abort

bp = Blueprint("blog", __name__)

POSTS = {1: "Hello, structure", 2: "Where files go"}


@bp.get("/")
def post_list():
    return {"posts": [{"id": pk, "title": title} for pk, title in POSTS.items()]}


@bp.get("/<int:post_id>")
def post_detail(post_id: int):
    if post_id not in POSTS:
        abort(404)
    return {"id": post_id, "title": POSTS[post_id]}
