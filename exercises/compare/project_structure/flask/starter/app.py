"""Exercise (project structure): a test cannot change the greeting. Make the factory configurable."""

import os

from flask import Flask

GREETING = os.environ.get("GREETING", "Hello")


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)

    @app.get("/hello")
    def hello():
        return {"message": GREETING}

    return app
