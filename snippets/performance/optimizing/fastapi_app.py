"""A product catalogue: a PostgreSQL pool and a Redis client, both opened once in lifespan."""

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from decimal import Decimal
from typing import Annotated

import redis.asyncio as redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import Numeric, String, event, select
from sqlalchemy.exc import DBAPIError, TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


# --8<-- [start:models]
class Base(DeclarativeBase):
    pass


class Product(Base):
    __tablename__ = "product"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    price: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    supplier_cost: Mapped[Decimal] = mapped_column(Numeric(10, 2))  # (1)!


class ProductOut(BaseModel):  # (2)!
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    price: Decimal
# --8<-- [end:models]


# --8<-- [start:lifespan]
def set_timeouts(dbapi_connection, connection_record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("SET statement_timeout = '5s'")  # (4)!
    cursor.execute("SET lock_timeout = '2s'")
    cursor.close()
    dbapi_connection.commit()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    engine = create_async_engine(
        os.environ["DATABASE_URL"],  # (1)!
        pool_size=5,  # (2)!
        max_overflow=5,
        pool_timeout=5,
        pool_pre_ping=True,  # (3)!
    )
    event.listen(engine.sync_engine, "connect", set_timeouts)
    app.state.engine = engine
    app.state.sessions = async_sessionmaker(engine, expire_on_commit=False)
    app.state.cache = redis.Redis.from_pool(redis.BlockingConnectionPool.from_url(  # (5)!
        os.environ["REDIS_URL"],
        max_connections=100,
        timeout=1,
        socket_connect_timeout=0.25,  # (6)!
        socket_timeout=0.25,
        retry=Retry(NoBackoff(), retries=1),
    ))
    yield
    await app.state.cache.aclose()  # (7)!
    await engine.dispose()


app = FastAPI(lifespan=lifespan)


class DatabaseBusy(Exception):
    """The database did not answer in time: a lock or statement timeout, no free pooled connection, or silence."""


BUSY = {"55P03", "57014"}  # PostgreSQL's codes: lock_timeout and statement_timeout ran out
DATABASE_BOUND = 8  # seconds for a request's work with its session, the wait for a connection included


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    try:
        async with asyncio.timeout(DATABASE_BOUND) as bound:  # (9)!
            async with request.app.state.sessions() as session:  # (8)!
                try:
                    yield session
                finally:
                    await session.close()  # inside the bound, returned or raised: see note 8
    except TimeoutError as error:
        if not bound.expired():  # (10)!
            raise
        raise DatabaseBusy from error
    except PoolTimeout as error:  # (11)!
        raise DatabaseBusy from error
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) not in BUSY:  # (12)!
            raise
        raise DatabaseBusy from error


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]  # (13)!


@app.exception_handler(DatabaseBusy)
async def database_busy(request: Request, exc: DatabaseBusy) -> JSONResponse:
    return JSONResponse({"detail": "The database is busy; try again shortly."}, status_code=503,
                        headers={"Retry-After": "5"})
# --8<-- [end:lifespan]


# --8<-- [start:list]
@app.get("/products")
async def list_products(
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,  # (1)!
    after: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
) -> list[ProductOut]:  # (2)!
    rows = await session.scalars(
        select(Product).where(Product.id > after).order_by(Product.id).limit(limit)
    )
    return rows.all()
# --8<-- [end:list]


# --8<-- [start:cache]
CACHE_TTL = 60  # seconds
ProductId = Annotated[int, Path(ge=1, le=2**31 - 1)]  # (7)!


@app.get("/products/{product_id}")
async def get_product(product_id: ProductId, session: SessionDep, request: Request, response: Response) -> ProductOut:
    cache: redis.Redis = request.app.state.cache
    key = f"product:{product_id}"
    try:
        cached = await cache.get(key)
    except redis.RedisError:  # (5)!
        cached, response.headers["x-cache"] = None, "unavailable"
    if cached is not None:  # (1)!
        with suppress(ValidationError):  # (9)!
            product = ProductOut.model_validate_json(cached)
            response.headers["x-cache"] = "hit"
            return product
    product = await session.get(Product, product_id)  # (2)!
    await session.close()
    if product is None:
        raise HTTPException(status_code=404, detail="Product not found")
    result = ProductOut.model_validate(product)
    with suppress(redis.RedisError):
        await cache.set(key, result.model_dump_json(), ex=CACHE_TTL)  # (3)!
    response.headers.setdefault("x-cache", "miss")
    return result


class PriceChange(BaseModel):
    price: Decimal = Field(ge=0, max_digits=10, decimal_places=2)  # (8)!


@app.patch("/products/{product_id}")
async def change_price(product_id: ProductId, change: PriceChange, session: SessionDep, request: Request) -> ProductOut:
    product = await session.get(Product, product_id)
    if product is None:
        raise HTTPException(status_code=404, detail="Product not found")
    product.price = change.price
    await session.commit()
    with suppress(redis.RedisError):  # (6)!
        await request.app.state.cache.delete(f"product:{product_id}")  # (4)!
    return ProductOut.model_validate(product)
# --8<-- [end:cache]
