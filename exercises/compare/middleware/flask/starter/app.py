"""Exercise (middleware): responses carry no request id. Add X-Request-ID to every response."""

from flask import Flask

app = Flask(__name__)


@app.get("/ping")
def ping():
    return {"pong": True}
