"""The notes API of the testing chapter: an app factory, so each test builds its own app."""

from flask import Blueprint, Flask, current_app, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
bp = Blueprint("notes", __name__)


class Note(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(200))


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(SQLALCHEMY_DATABASE_URI="sqlite:///notes.db", NOTES_PAGE_SIZE=20)
    app.config.from_prefixed_env()
    if test_config is not None:
        app.config.update(test_config)
    db.init_app(app)
    app.register_blueprint(bp)
    return app


@bp.get("/notes")
def list_notes():
    largest = current_app.config["NOTES_PAGE_SIZE"]
    limit = max(1, min(request.args.get("limit", largest, type=int), largest))
    query = select(Note).order_by(Note.id).limit(limit)
    return [{"id": note.id, "text": note.text} for note in db.session.scalars(query)]
