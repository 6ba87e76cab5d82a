# --8<-- [start:setup]
import html
from collections.abc import AsyncIterator
from datetime import datetime
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from fastapi import FastAPI, Header, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, StreamingResponse
from pydantic import BaseModel

from compare.responses.orders import ORDERS, new_order, orders_csv

app = FastAPI()


class Order(BaseModel):  # (1)!
    id: int
    ref: UUID
    placed_at: datetime
    total: Decimal
# --8<-- [end:setup]


# --8<-- [start:model]
class Customer(BaseModel):
    name: str
    email: str


@app.get("/customers/1")
async def get_customer() -> Customer:  # (1)!
    record = {"name": "Ada", "email": "ada@example.com", "password_hash": "argon2id$..."}
    return record  # (2)!
# --8<-- [end:model]


# --8<-- [start:text]
@app.get("/text", response_class=PlainTextResponse)  # (1)!
async def text() -> str:
    return "Hello, world\n"
# --8<-- [end:text]


# --8<-- [start:orders]
@app.get("/orders/{order_id}")
async def get_order(order_id: int) -> Order:  # (1)!
    if order_id not in ORDERS:
        raise HTTPException(status_code=404)
    return ORDERS[order_id]


@app.get("/orders")
async def list_orders() -> list[Order]:  # (2)!
    return list(ORDERS.values())


@app.post("/orders", status_code=201)  # (3)!
async def create_order(request: Request, response: Response) -> Order:
    order = new_order()
    response.headers["Location"] = request.url_for("get_order", order_id=order["id"]).path  # (4)!
    return order


@app.delete("/orders/{order_id}", status_code=204)
async def delete_order(order_id: int) -> None:  # (5)!
    return None
# --8<-- [end:orders]


# --8<-- [start:html]
@app.get("/hello", response_class=HTMLResponse)
async def hello(name: str = "world") -> str:
    return f"<h1>Hello, {html.escape(name)}!</h1>"  # (1)!
# --8<-- [end:html]


# --8<-- [start:headers]
@app.get("/account")
async def account(response: Response) -> dict[str, str]:
    response.headers["Cache-Control"] = "no-store"  # (1)!
    return {"user": "ada"}
# --8<-- [end:headers]


# --8<-- [start:redirects]
@app.get("/latest-order")
async def latest_order(request: Request) -> RedirectResponse:
    return RedirectResponse(request.url_for("get_order", order_id=max(ORDERS)).path)  # (1)!


@app.get("/shop/orders")
async def old_orders_url(request: Request) -> RedirectResponse:
    return RedirectResponse(request.url_for("list_orders").path, status_code=301)  # (2)!
# --8<-- [end:redirects]


# --8<-- [start:cookies]
@app.post("/cookie-consent", status_code=204)
async def accept_cookies(
    request: Request,
    response: Response,
    sec_fetch_site: Annotated[str | None, Header()] = None,
    origin: Annotated[str | None, Header()] = None,
) -> None:
    if sec_fetch_site is None:  # (1)!
        allowed = origin in (None, f"{request.url.scheme}://{request.url.netloc}")
    else:
        allowed = sec_fetch_site == "same-origin"
    if not allowed:
        raise HTTPException(403, "Only this site's own pages may record consent")
    response.set_cookie(
        "consent", "yes",
        max_age=60 * 60 * 24 * 365,  # (2)!
        secure=True,  # (3)!
        httponly=True,  # (4)!
        samesite="lax",  # (5)!
    )
# --8<-- [end:cookies]


# --8<-- [start:streaming]
@app.get("/countdown")
async def countdown(start: Annotated[int, Query(le=10)] = 3) -> StreamingResponse:
    async def lines() -> AsyncIterator[str]:  # (1)!
        for n in range(start, 0, -1):
            yield f"{n}\n"  # (2)!
        yield "liftoff\n"

    return StreamingResponse(lines(), media_type="text/plain")
# --8<-- [end:streaming]


# --8<-- [start:download]
@app.get("/orders.csv")
async def download_orders() -> Response:
    return Response(
        orders_csv(),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="orders.csv"'},  # (1)!
    )
# --8<-- [end:download]
