from fastapi import APIRouter, Request

router = APIRouter()  # (1)!


@router.get("/")
async def post_list(request: Request) -> dict[str, list[str]]:
    return {"posts": [request.app.url_path_for("post_detail", post_id=n) for n in (1, 2)]}  # (2)!


@router.get("/{post_id}")
async def post_detail(post_id: int) -> dict[str, int]:  # (3)!
    return {"post_id": post_id}
