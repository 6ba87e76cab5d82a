"""Exercise (middleware): responses carry no request id. Add X-Request-ID to every response."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/ping")
def ping() -> dict[str, bool]:
    return {"pong": True}
