# --8<-- [start:setup]
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from compare.routing.fastapi_blog import router as blog_router

app = FastAPI()
app.include_router(blog_router, prefix="/blog")  # (1)!
# --8<-- [end:setup]


# --8<-- [start:static]
@app.get("/")
async def index() -> str:
    return "Home page"
# --8<-- [end:static]


# --8<-- [start:converters]
@app.get("/users/{username}")  # (1)!
async def show_user(username: str) -> str:
    return f"User {username}"


@app.get("/files/{subpath:path}")  # (2)!
async def show_file(subpath: str) -> str:
    return f"File {subpath}"
# --8<-- [end:converters]


# --8<-- [start:query]
@app.get("/search")
async def search(
    q: str = "",
    page: Annotated[int, Query(ge=1)] = 1,  # (1)!
) -> dict[str, Any]:
    return {"q": q, "page": page}
# --8<-- [end:query]


# --8<-- [start:methods]
@app.get("/items")  # (1)!
async def list_items() -> dict[str, list[Any]]:
    return {"items": []}


class Item(BaseModel):
    name: str


@app.post("/items", status_code=201)
async def create_item(item: Item) -> dict[str, Item]:  # (2)!
    return {"created": item}


@app.exception_handler(RequestValidationError)  # (3)!
async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{k: v for k, v in error.items() if k != "input"} for error in exc.errors()]
    return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)
# --8<-- [end:methods]


# --8<-- [start:many-urls]
@app.get("/about")
@app.get("/about-us")
async def about() -> str:
    return "About us"
# --8<-- [end:many-urls]


# --8<-- [start:slash]
@app.get("/guide/")  # (1)!
async def guide() -> str:
    return "Guide"
# --8<-- [end:slash]
