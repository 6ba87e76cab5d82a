"""Checks of the ORM exercise, FastAPI: `python3 dev.py exercise orm/fastapi`."""

import fastapi.routing
import pytest
from app import Base, Book, app, get_session
from exercises.compare.orm import shared_checks as shared
from exercises.compare.orm.shared_checks import BOOKS
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool


@pytest.fixture
def get(monkeypatch):
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add_all(Book(title=title, author=author) for title, author in BOOKS)
        session.commit()

    def test_session():
        with Session(engine) as session:
            yield session

    statements, parameters = [], []

    def record(conn, cursor, statement, params, *args):
        statements.append(" ".join(statement.split()))
        parameters.append(params)

    event.listen(engine, "before_cursor_execute", record)
    checked_out, held = set(), []  # the pool's lent connections; how many as each endpoint returned
    event.listen(engine, "checkout", lambda dbapi_connection, record, proxy: checked_out.add(record))
    event.listen(engine, "checkin", lambda dbapi_connection, record: checked_out.discard(record))
    run_endpoint = fastapi.routing.run_endpoint_function

    async def returned(**kwargs):
        value = await run_endpoint(**kwargs)
        held.append(len(checked_out))  # FastAPI has yet to check the value against list[BookOut]
        return value

    monkeypatch.setattr(fastapi.routing, "run_endpoint_function", returned)

    def add(title, author):
        with Session(engine) as session:
            session.add(Book(title=title, author=author))
            session.commit()
    app.dependency_overrides[get_session] = test_session
    with TestClient(app) as client:

        def get(url, cause=""):
            tag = f"[{cause}] " if cause else ""
            statements.clear()
            parameters.clear()
            held.clear()
            try:
                response = client.get(url)
            except Exception as error:  # the test client re-raises the app's exception
                raise AssertionError(f"{tag}GET {url} raised {type(error).__name__}: {error}"[:300]) from None
            assert response.status_code == 200, f"{tag}GET {url} answered {response.status_code}, expected 200"
            return response.json()

        get.statements, get.parameters, get.add, get.held = statements, parameters, add, held
        yield get
    app.dependency_overrides.clear()
    engine.dispose()


def test_every_book_is_listed(get):
    shared.every_book_is_listed(get, no_author="author_required")


def test_books_are_ordered_by_title(get):
    shared.books_are_ordered_by_title(get, no_author="author_required")


def test_filter_by_author(get):
    shared.filter_by_author(get, no_author="author_required")


def test_the_connection_is_back_before_the_response(get):
    get("/books", cause="author_required")
    assert get.held == [0], ("GET /books returned with its transaction open: the session held a database connection "
                             "while FastAPI waited to check the books against BookOut")
