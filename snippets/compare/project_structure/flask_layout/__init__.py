from flask import Flask

from . import blog, pages  # (1)!


def create_app(config: dict | None = None) -> Flask:  # (2)!
    app = Flask(__name__)
    app.config.from_mapping(SITE_NAME="Side by Side")  # defaults
    app.config.from_prefixed_env()  # (3)!
    if config is not None:
        app.config.from_mapping(config)  # (4)!
    key = app.config["SECRET_KEY"]
    if not key or (isinstance(key, str) and key.isspace()):
        raise RuntimeError("Set the FLASK_SECRET_KEY environment variable.")  # (5)!
    if not isinstance(key, (str, bytes)):  # (6)!
        raise RuntimeError(f"FLASK_SECRET_KEY must be a string, not {type(key).__name__}.")

    app.register_blueprint(pages.bp)
    app.register_blueprint(blog.bp, url_prefix="/blog")
    return app
