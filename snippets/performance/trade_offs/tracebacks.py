import asyncio
import traceback

PRICES = {"A-1": 12}


async def fetch_price(sku: str) -> int:
    await asyncio.sleep(0)  # stands for a call to the price service
    return PRICES[sku]


async def order_total(skus: list[str]) -> int:
    total = 0
    for sku in skus:
        total += await fetch_price(sku)
    return total


async def checkout(skus: list[str]) -> str:
    try:
        return f"total: {await order_total(skus)}"
    except KeyError:
        return traceback.format_exc()  # what a logger's exception() would print
