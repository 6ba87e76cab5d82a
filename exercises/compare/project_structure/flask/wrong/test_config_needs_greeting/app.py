"""Exercise (project structure): a test cannot change the greeting. Make the factory configurable."""

import os

from flask import Flask, current_app


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    if test_config:
        app.config["GREETING"] = test_config["GREETING"]  # a test's greeting
    else:
        app.config["GREETING"] = os.environ.get("GREETING", "Hello")  # read when the app is created

    @app.get("/hello")
    def hello():
        return {"message": current_app.config["GREETING"]}

    return app
