"""What exists once the classes are defined, before any request."""

from performance.serialization.drf_app.serializers import LineItemSerializer, OrderSerializer
from performance.serialization.schemas import Order


def report() -> list[str]:
    lines = [
        f"Order.__pydantic_complete__: {Order.__pydantic_complete__}",  # (1)!
        f"type(Order.__pydantic_validator__): {type(Order.__pydantic_validator__).__name__}",
        f"type(Order.__pydantic_serializer__): {type(Order.__pydantic_serializer__).__name__}",
        f"OrderSerializer._declared_fields: {list(OrderSerializer._declared_fields)}",  # (2)!
    ]
    first, second = OrderSerializer(), OrderSerializer()
    lines.append(f"'fields' built before first use: {'fields' in vars(first)}")  # (3)!
    first_items, second_items = first.fields["items"], second.fields["items"]
    lines += [
        f"each instance has its own field objects: {first_items is not second_items}",
        f"...copied from the declared ones: {first_items is not OrderSerializer._declared_fields['items']}",
        f"nested child is a {type(first_items.child).__name__}: "
        f"{isinstance(first_items.child, LineItemSerializer)}",
    ]
    return lines
