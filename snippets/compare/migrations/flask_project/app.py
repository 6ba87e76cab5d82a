"""The app factory. `flask db ...` finds app.py and calls create_app()."""

import os

from flask import Flask
from flask_migrate import Migrate

from models import db

migrate = Migrate()  # (1)!


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite:///blog.db")  # (2)!
    db.init_app(app)
    migrate.init_app(app, db)  # (3)!
    return app
