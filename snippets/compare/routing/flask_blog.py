from flask import Blueprint, url_for

blog = Blueprint("blog", __name__)  # (1)!


@blog.get("/")
def post_list():
    return {"posts": [url_for("blog.post_detail", post_id=n) for n in (1, 2)]}  # (2)!


@blog.get("/<int:post_id>")  # (3)!
def post_detail(post_id: int):
    return {"post_id": post_id}
