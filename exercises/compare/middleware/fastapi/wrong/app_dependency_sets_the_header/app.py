"""Exercise (middleware): responses carry no request id. Add X-Request-ID to every response."""

import re
import uuid

from fastapi import Depends, FastAPI, Request, Response

CLIENT_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")  # anything else could forge or flood the logs


def request_id(request: Request, response: Response) -> None:
    sent = request.headers.get("x-request-id", "")
    response.headers["X-Request-ID"] = sent if CLIENT_ID.fullmatch(sent) else str(uuid.uuid4())


app = FastAPI(dependencies=[Depends(request_id)])  # runs for every endpoint


@app.get("/ping")
def ping() -> dict[str, bool]:
    return {"pong": True}
