"""Closing what tests open: SQLite connections left to the garbage collector are a ResourceWarning
on Python 3.13 (an error here), so every fixture that makes an engine disposes of it."""

from __future__ import annotations


def dispose_flask_db(app) -> None:
    """Close the pooled connections of a Flask-SQLAlchemy app (every engine it made)."""
    db = app.extensions["sqlalchemy"]
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose()
