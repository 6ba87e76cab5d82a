"""Exercise (project structure): a test cannot change the greeting. Make the factory configurable."""

import os

from flask import Flask, current_app


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    if test_config:
        app.config.update(test_config)  # a test's values win

    @app.get("/hello")
    def hello():
        return {"message": current_app.config.get("GREETING", os.environ.get("GREETING", "Hello"))}

    return app
