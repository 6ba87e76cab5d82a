from flask import Flask
from flask_admin import Admin
from flask_admin.contrib.sqla import ModelView

from compare.admin.flask_models import Book, db


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///bookshop.db"
    app.config.from_prefixed_env()  # FLASK_SECRET_KEY, FLASK_SQLALCHEMY_DATABASE_URI
    app.config.update(config or {})
    db.init_app(app)
    admin = Admin(app, name="Bookshop")  # (1)!
    admin.add_view(ModelView(Book, db))  # (2)!
    return app
