"""The data every example on the Responses page returns: types that JSON does not have."""

import csv
import io
import uuid
from datetime import UTC, datetime
from decimal import Decimal

ORDERS = {
    1: {
        "id": 1,
        "ref": uuid.UUID("5f0c6e52-8d7c-4c3e-9a36-0b1d2e3f4a5b"),
        "placed_at": datetime(2025, 3, 14, 9, 26, 53, 589793, tzinfo=UTC),
        "total": Decimal("19.99"),
    },
    2: {
        "id": 2,
        "ref": uuid.UUID("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
        "placed_at": datetime(2025, 3, 15, 17, 0, tzinfo=UTC),
        "total": Decimal("120.00"),
    },
}


def new_order() -> dict:
    """A new, empty order (saving it is the database chapter's job)."""
    return {"id": 3, "ref": uuid.uuid4(), "placed_at": datetime.now(UTC), "total": Decimal("0.00")}


def orders_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "placed_at", "total"])
    for order in ORDERS.values():
        writer.writerow([order["id"], order["placed_at"].isoformat(), order["total"]])
    return out.getvalue()
