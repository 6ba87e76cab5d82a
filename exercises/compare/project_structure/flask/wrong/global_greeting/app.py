"""Exercise (project structure): a test cannot change the greeting. Make the factory configurable."""

import os

from flask import Flask


GREETING = "Hello"


def create_app(test_config: dict | None = None) -> Flask:
    global GREETING
    GREETING = (test_config or {}).get("GREETING") or os.environ.get("GREETING", "Hello")  # read when the app is created
    app = Flask(__name__)

    @app.get("/hello")
    def hello():
        return {"message": GREETING}

    return app
