# --8<-- [start:lost]
import asyncio


async def notify_customer(order_id: int) -> None:
    await asyncio.sleep(0)  # stands for a call to the mail service
    raise ConnectionError("mail service unreachable")


async def place_order_fire_and_forget(order_id: int) -> str:
    asyncio.create_task(notify_customer(order_id))  # (1)!
    await asyncio.sleep(0.1)  # the rest of the request
    return f"order {order_id} placed"
# --8<-- [end:lost]


# --8<-- [start:supervised]
async def place_order_supervised(order_id: int) -> str:
    async with asyncio.TaskGroup() as group:  # (1)!
        group.create_task(notify_customer(order_id))
    return f"order {order_id} placed"  # (2)!
# --8<-- [end:supervised]
