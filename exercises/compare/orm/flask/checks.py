"""Checks of the ORM exercise, Flask: `python3 dev.py exercise orm/flask`."""

import gc

import pytest
from app import Book, create_app, db
from exercises.compare.orm import shared_checks as shared
from exercises.compare.orm.shared_checks import BOOKS
from sqlalchemy import event


@pytest.fixture
def get():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True})  # in memory
    with app.app_context():
        db.create_all()
        db.session.add_all(Book(title=title, author=author) for title, author in BOOKS)
        db.session.commit()
        db.session.remove()
        client = app.test_client()
        statements, parameters = [], []
        checked_out = set()  # the pool's lent connections

        def record(conn, cursor, statement, params, *args):
            statements.append(" ".join(statement.split()))
            parameters.append(params)

        event.listen(db.engine, "before_cursor_execute", record)
        event.listen(db.engine, "checkout", lambda dbapi_connection, record, proxy: checked_out.add(record))
        event.listen(db.engine, "checkin", lambda dbapi_connection, record: checked_out.discard(record))

        def add(title, author):
            db.session.add(Book(title=title, author=author))
            db.session.commit()
            db.session.remove()

        def get(url, cause=""):
            tag = f"[{cause}] " if cause else ""
            statements.clear()
            parameters.clear()
            gc.disable()  # a connection the app leaked stays lent until the check has looked
            try:
                response = client.get(url)
            except Exception as error:  # TESTING propagates the app's exception
                raise AssertionError(f"{tag}GET {url} raised {type(error).__name__}: {error}"[:300]) from None
            finally:
                db.session.remove()  # what the end of the app context does: the session's connection goes back
                leaked = len(checked_out)
                gc.enable()
            assert not leaked, (f"[connection_leaked] GET {url} left {leaked} database connection(s) checked out of "
                                "the pool after the response: a connection opened and never closed")
            assert response.status_code == 200, f"{tag}GET {url} answered {response.status_code}, expected 200"
            return response.get_json()

        get.statements, get.parameters, get.add = statements, parameters, add
        get.framework, get.reads = "Flask", "first"  # request.args.get(): the first of a repeated parameter
        yield get
        db.session.remove()
        db.engine.dispose()


def test_every_book_is_listed(get):
    shared.every_book_is_listed(get)


def test_books_are_ordered_by_title(get):
    shared.books_are_ordered_by_title(get)


def test_filter_by_author(get):
    shared.filter_by_author(get)
