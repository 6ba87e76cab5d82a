# --8<-- [start:setup]
import hashlib
import hmac
import os
import shutil
from pathlib import Path
from typing import Annotated
from uuid import uuid4

from fastapi import Cookie, Depends, FastAPI, Form, Header, HTTPException, Query, Request, UploadFile
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, FiniteFloat

app = FastAPI(max_body_size=1024 * 1024)  # (1)!


def upload_dir() -> Path:  # (2)!
    return Path(os.environ.get("UPLOAD_DIR", "uploads"))
# --8<-- [end:setup]


# --8<-- [start:query]
@app.get("/search")
async def search(
    q: str = "",  # (1)!
    tag: Annotated[list[str], Query()] = [],  # (2)!
) -> dict[str, str | list[str]]:
    return {"q": q, "tags": tag}
# --8<-- [end:query]


# --8<-- [start:form]
@app.post("/subscribe")
async def subscribe(
    email: Annotated[str, Form()],  # (1)!
    topic: Annotated[list[str], Form()] = [],
) -> dict[str, str | list[str]]:
    return {"email": email, "topics": topic}
# --8<-- [end:form]


# --8<-- [start:json]
class Item(BaseModel):
    name: str
    price: FiniteFloat


@app.post("/items", status_code=201)
async def create_item(item: Item) -> dict[str, Item]:  # (1)!
    return {"received": item}


@app.exception_handler(RequestValidationError)  # (2)!
async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{k: v for k, v in error.items() if k != "input"} for error in exc.errors()]
    return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)
# --8<-- [end:json]


# --8<-- [start:headers]
@app.get("/whoami")
async def whoami(
    user_agent: Annotated[str | None, Header()] = None,  # (1)!
    x_request_id: Annotated[str | None, Header()] = None,
    theme: Annotated[str, Cookie()] = "light",  # (2)!
) -> dict[str, str | None]:
    return {"user_agent": user_agent, "request_id": x_request_id, "theme": theme}
# --8<-- [end:headers]


# --8<-- [start:raw]
def signed(body: bytes, signature: str) -> bool:
    secret = os.environ.get("WEBHOOK_SECRET")  # (1)!
    if not secret:
        raise RuntimeError("Set WEBHOOK_SECRET: the sender signs each delivery with it.")
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode())  # (2)!


@app.post("/webhook")
async def webhook(
    request: Request,
    x_signature: Annotated[str, Header()] = "",
) -> dict[str, int | str]:
    body = await request.body()  # (3)!
    if not signed(body, x_signature):
        raise HTTPException(403, "bad signature")
    return {"size": len(body), "sha256": hashlib.sha256(body).hexdigest()}
# --8<-- [end:raw]


# --8<-- [start:upload]
@app.post("/upload", status_code=201, form_limits={"max_files": 1})  # (1)!
def upload(
    file: UploadFile,
    folder: Annotated[Path, Depends(upload_dir)],
) -> dict[str, str | int | None]:
    folder.mkdir(parents=True, exist_ok=True)
    stored_as = uuid4().hex  # (2)!
    with (folder / stored_as).open("xb") as out:
        shutil.copyfileobj(file.file, out)  # (3)!
        size = out.tell()
    return {"filename": file.filename, "stored_as": stored_as, "size": size}
# --8<-- [end:upload]
