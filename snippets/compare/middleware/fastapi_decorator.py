import re
import time
import uuid

from fastapi import FastAPI, Request

VALID_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

app = FastAPI()


@app.middleware("http")  # (1)!
async def request_id(request: Request, call_next):
    incoming = request.headers.get("X-Request-ID", "")
    request.state.request_id = incoming if VALID_ID.fullmatch(incoming) else str(uuid.uuid4())
    started = time.perf_counter()
    response = await call_next(request)  # (2)!
    elapsed_ms = (time.perf_counter() - started) * 1000
    response.headers["X-Request-ID"] = request.state.request_id
    response.headers["Server-Timing"] = f"app;dur={elapsed_ms:.1f}"
    return response


@app.get("/whoami")
async def whoami(request: Request):
    return {"request_id": request.state.request_id}
