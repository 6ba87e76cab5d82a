"""The benchmark endpoints in Flask: plain dicts to JSON, sync SQLAlchemy 2 with psycopg."""

from __future__ import annotations

import os
import time

from flask import Flask
from sqlalchemy import create_engine, make_url, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from performance.bench.catalog import HELLO, PRODUCT_COUNT, PRODUCT_TABLE, UPSTREAM, UPSTREAM_DELAY, order_dict, orders


class Base(DeclarativeBase):
    pass


class Product(Base):
    __tablename__ = PRODUCT_TABLE

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    price_cents: Mapped[int]
    in_stock: Mapped[bool]


ORDERS = orders()
engine = create_engine(make_url(os.environ["BENCH_DATABASE_URL"]).set(drivername="postgresql+psycopg"), pool_size=10)
app = Flask(__name__)


@app.get("/hello")
def hello():
    return HELLO


@app.get("/orders")
def list_orders():
    return [order_dict(order) for order in ORDERS]


@app.get("/upstream")
def upstream():
    time.sleep(UPSTREAM_DELAY)  # a blocking call: the worker (or thread) waits
    return UPSTREAM


@app.get("/products")
def list_products():
    with Session(engine) as session:
        rows = session.scalars(select(Product).order_by(Product.id).limit(PRODUCT_COUNT))
        return [{"id": p.id, "name": p.name, "price_cents": p.price_cents, "in_stock": p.in_stock} for p in rows]
