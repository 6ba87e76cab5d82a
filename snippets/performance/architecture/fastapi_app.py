import asyncio
from typing import Annotated

from fastapi import FastAPI, HTTPException, Path
from pydantic import BaseModel, Field

app = FastAPI()


# --8<-- [start:items]
class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    quantity: int = Field(ge=0)


class Item(BaseModel):
    id: int
    name: str
    quantity: int


ITEMS: dict[int, Item] = {1: Item(id=1, name="pen", quantity=3)}  # (1)!


@app.get("/items/{item_id}")
async def read_item(item_id: Annotated[int, Path(ge=1)]) -> Item:
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    return ITEMS[item_id]


@app.post("/items", status_code=201)
async def create_item(data: ItemIn) -> Item:
    item = Item(id=max(ITEMS) + 1, **data.model_dump())
    ITEMS[item.id] = item
    return item
# --8<-- [end:items]


# --8<-- [start:wait]
@app.get("/wait")
async def wait() -> dict[str, int]:
    await asyncio.sleep(1)  # (1)!
    return {"waited": 1}
# --8<-- [end:wait]
