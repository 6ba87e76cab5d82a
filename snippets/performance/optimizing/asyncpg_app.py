"""asyncpg without SQLAlchemy: a connection per request done wrong, and a pool opened in lifespan."""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from decimal import Decimal
from typing import Annotated

import asyncpg
from fastapi import FastAPI, HTTPException, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel


class ProductOut(BaseModel):
    id: int
    name: str
    price: Decimal


QUERY = "SELECT id, name, price FROM product WHERE id = $1"


# --8<-- [start:pool]
@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.pool = await asyncpg.create_pool(
        os.environ["POSTGRES_DSN"],  # (1)!
        min_size=1,
        max_size=5,
        command_timeout=5,
    )
    yield
    await app.state.pool.close()  # (2)!


app = FastAPI(lifespan=lifespan)


class DatabaseBusy(Exception):
    pass


@app.exception_handler(DatabaseBusy)
async def database_busy(request: Request, exc: DatabaseBusy) -> JSONResponse:
    return JSONResponse({"detail": "The database is busy; try again shortly."}, status_code=503,
                        headers={"Retry-After": "5"})


@app.get("/products/{product_id}")
async def get_product(product_id: Annotated[int, Path(ge=1, le=2**31 - 1)], request: Request) -> ProductOut:  # (5)!
    try:
        async with request.app.state.pool.acquire(timeout=5) as conn:  # (3)!
            row = await conn.fetchrow(QUERY, product_id)
    except TimeoutError as error:  # (6)!
        raise DatabaseBusy from error
    if row is None:
        raise HTTPException(status_code=404, detail="Product not found")  # (4)!
    return ProductOut(**row)
# --8<-- [end:pool]


# --8<-- [start:wrong]
@app.get("/v1/products/{product_id}")
async def get_product_v1(product_id: int):
    async with asyncpg.connect(os.environ["POSTGRES_DSN"]) as conn:  # (1)!
        row = await conn.fetchrow(QUERY, product_id)
        return dict(row) if row else {"error": "Not found"}  # (2)!
# --8<-- [end:wrong]
