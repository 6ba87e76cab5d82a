from decimal import Decimal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class Customer(BaseModel):
    id: int
    name: str = Field(min_length=1, max_length=100)


class LineItem(BaseModel):
    sku: str = Field(pattern=r"^[A-Z]{3}-[0-9]{3}$")
    quantity: int = Field(gt=0)
    unit_price: Decimal = Field(max_digits=10, decimal_places=2)


class Order(BaseModel):
    id: int
    customer: Customer
    items: list[LineItem] = Field(min_length=1, max_length=100)
    placed_at: AwareDatetime  # (2)!


class StrictLineItem(LineItem):
    model_config = ConfigDict(strict=True)  # (1)!
