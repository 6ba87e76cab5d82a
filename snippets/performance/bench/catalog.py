"""The data every app serves: the same payloads, so every framework does the same work."""

from __future__ import annotations

from dataclasses import dataclass

HELLO = {"message": "Hello, World!"}
UPSTREAM_DELAY = 0.02  # seconds: the simulated upstream call of the I/O-bound endpoint
UPSTREAM = {"upstream": "ok", "waited_ms": 20}
ORDER_COUNT = 100
PRODUCT_COUNT = 5  # rows the database endpoint reads
PRODUCT_TABLE = "bench_product"


@dataclass(frozen=True, slots=True)
class Customer:
    id: int
    name: str
    email: str


@dataclass(frozen=True, slots=True)
class Line:
    sku: str
    quantity: int
    unit_price: float


@dataclass(frozen=True, slots=True)
class Order:
    id: int
    status: str
    paid: bool
    customer: Customer
    lines: list[Line]


def orders(count: int = ORDER_COUNT) -> list[Order]:
    """`count` orders, each with a customer and three lines: deterministic, built once per app."""
    return [
        Order(
            id=n,
            status=("new", "paid", "shipped")[n % 3],
            paid=n % 3 != 0,
            customer=Customer(id=1000 + n, name=f"Customer {n}", email=f"customer{n}@example.com"),
            lines=[Line(sku=f"SKU-{n:04d}-{k}", quantity=k + 1, unit_price=round(9.99 + k * 2.5, 2)) for k in range(3)],
        )
        for n in range(1, count + 1)
    ]


def order_dict(order: Order) -> dict:
    """An order as plain JSON-ready data (what the apps without a serializer library return)."""
    return {
        "id": order.id,
        "status": order.status,
        "paid": order.paid,
        "customer": {"id": order.customer.id, "name": order.customer.name, "email": order.customer.email},
        "lines": [{"sku": ln.sku, "quantity": ln.quantity, "unit_price": ln.unit_price} for ln in order.lines],
    }


def products(count: int = 20) -> list[dict]:
    """The rows the harness seeds; the database endpoint returns the first PRODUCT_COUNT by id."""
    return [{"id": n, "name": f"Product {n}", "price_cents": 199 * n, "in_stock": n % 4 != 0} for n in range(1, count + 1)]
