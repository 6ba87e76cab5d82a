"""The sample order both apps serve: a customer and ten line items, as plain Python data."""

from datetime import UTC, datetime
from decimal import Decimal

ORDER = {
    "id": 42,
    "customer": {"id": 7, "name": "Ada Lovelace"},
    "items": [
        {"sku": f"PEN-{n:03}", "quantity": n, "unit_price": Decimal("1.50") * n}
        for n in range(1, 11)
    ],
    "placed_at": datetime(2025, 1, 31, 9, 30, tzinfo=UTC),
}
