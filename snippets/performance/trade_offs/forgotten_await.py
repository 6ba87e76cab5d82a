# --8<-- [start:app]
import asyncio

from fastapi import FastAPI

app = FastAPI()
AUDIT_LOG: list[str] = []  # stands for an audit table


async def record_audit(event: str) -> None:
    await asyncio.sleep(0)  # stands for the database write
    AUDIT_LOG.append(event)


@app.post("/orders", status_code=201)
async def create_order() -> dict[str, str]:
    record_audit("order created")  # (1)!
    return {"status": "created"}


@app.post("/v2/orders", status_code=201)
async def create_order_fixed() -> dict[str, str]:
    await record_audit("order created")  # (2)!
    return {"status": "created"}
# --8<-- [end:app]
