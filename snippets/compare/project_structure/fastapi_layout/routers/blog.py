from fastapi import APIRouter, HTTPException

router = APIRouter(prefix="/blog", tags=["blog"])  # (1)!

POSTS = {1: "Hello, structure", 2: "Where files go"}


@router.get("/")
def post_list():
    return {"posts": [{"id": pk, "title": title} for pk, title in POSTS.items()]}


@router.get("/{post_id}")
def post_detail(post_id: int):
    if post_id not in POSTS:
        raise HTTPException(status_code=404, detail="Post not found")
    return {"id": post_id, "title": POSTS[post_id]}
