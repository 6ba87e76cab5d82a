# --8<-- [start:factory]
import click
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


def create_app(test_config=None):  # (1)!
    app = Flask(__name__)
    app.config.from_mapping(SQLALCHEMY_DATABASE_URI="sqlite:///notes.db", NOTES_PAGE_SIZE=20)
    app.config.from_prefixed_env()  # (2)!
    if test_config is not None:
        app.config.update(test_config)  # (3)!
    db.init_app(app)
    app.register_blueprint(bp)
    app.cli.add_command(init_db)
    return app
# --8<-- [end:factory]


# --8<-- [start:views]
@bp.get("/health")
def health():
    return {"status": "ok"}  # (1)!


@bp.get("/notes")
def list_notes():
    query = select(Note).order_by(Note.id).limit(page_size())
    return [{"id": note.id, "text": note.text} for note in db.session.scalars(query)]


def page_size() -> int:  # (2)!
    largest = current_app.config["NOTES_PAGE_SIZE"]
    return max(1, min(request.args.get("limit", largest, type=int), largest))


@bp.post("/notes")
def add_note():
    data = request.get_json(silent=True)
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str) or not 1 <= len(text) <= 200:
        return {"error": "text: a string of 1 to 200 characters"}, 422
    note = Note(text=text)
    db.session.add(note)
    db.session.commit()  # (3)!
    return {"id": note.id, "text": note.text}, 201


@click.command("init-db")
def init_db():
    db.create_all()
    click.echo("Created the notes table.")
# --8<-- [end:views]
