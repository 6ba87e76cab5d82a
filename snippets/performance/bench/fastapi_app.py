"""The benchmark endpoints in FastAPI: Pydantic v2 models, async SQLAlchemy 2 with psycopg."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from pydantic import BaseModel, ConfigDict
from sqlalchemy import make_url, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from performance.bench.catalog import HELLO, PRODUCT_COUNT, PRODUCT_TABLE, UPSTREAM, UPSTREAM_DELAY, orders


class Customer(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    email: str


class Line(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    sku: str
    quantity: int
    unit_price: float


class Order(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    status: str
    paid: bool
    customer: Customer
    lines: list[Line]


class ProductOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    price_cents: int
    in_stock: bool


class Base(DeclarativeBase):
    pass


class Product(Base):
    __tablename__ = PRODUCT_TABLE

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    price_cents: Mapped[int]
    in_stock: Mapped[bool]


ORDERS = orders()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    driver = os.environ.get("BENCH_ASYNC_DRIVER", "psycopg")  # asyncpg: performance/optimizing/drivers.py
    url = make_url(os.environ["BENCH_DATABASE_URL"]).set(drivername=f"postgresql+{driver}")
    engine = create_async_engine(url, pool_size=10)
    app.state.sessions = async_sessionmaker(engine, expire_on_commit=False)
    yield
    await engine.dispose()


app = FastAPI(lifespan=lifespan)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.sessions() as session:
        yield session


Session = Annotated[AsyncSession, Depends(get_session)]


@app.get("/hello")
async def hello() -> dict[str, str]:
    return HELLO


@app.get("/orders")
async def list_orders() -> list[Order]:
    return [Order.model_validate(order) for order in ORDERS]


@app.get("/upstream")
async def upstream() -> dict[str, str | int]:
    await asyncio.sleep(UPSTREAM_DELAY)  # stands for an awaited HTTP call to another service
    return UPSTREAM


@app.get("/products")
async def list_products(session: Session) -> list[ProductOut]:
    rows = await session.scalars(select(Product).order_by(Product.id).limit(PRODUCT_COUNT))
    return [ProductOut.model_validate(row) for row in rows]
