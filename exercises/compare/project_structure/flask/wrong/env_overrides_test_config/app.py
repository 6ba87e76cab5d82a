"""Exercise (project structure): a test cannot change the greeting. Make the factory configurable."""

import os

from flask import Flask, current_app


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config["GREETING"] = "Hello"
    if test_config:
        app.config.update(test_config)
    if "GREETING" in os.environ:  # the environment has the last word, as in production
        app.config["GREETING"] = os.environ["GREETING"]

    @app.get("/hello")
    def hello():
        return {"message": current_app.config["GREETING"]}

    return app
