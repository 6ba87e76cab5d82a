"""Checks of the ORM exercise, FastAPI: `python3 dev.py exercise orm/fastapi`."""

import inspect

import anyio.to_thread
import app as app_module
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

    statements, parameters, on_the_loop = [], [], []

    def record(conn, cursor, statement, params, *args):
        statements.append(" ".join(statement.split()))
        parameters.append(params)
        on_the_loop.append(not in_worker)  # sent by the event loop itself, not from a worker thread

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
    # Starlette runs a plain `def` (endpoint or dependency) with anyio's to_thread.run_sync: in a worker
    # thread here, inline in the browser. SQL sent outside it was sent by the event loop's own code.
    run_sync, in_worker = anyio.to_thread.run_sync, 0

    async def counted(*args, **kwargs):
        nonlocal in_worker
        in_worker += 1
        try:
            return await run_sync(*args, **kwargs)
        finally:
            in_worker -= 1

    monkeypatch.setattr(anyio.to_thread, "run_sync", counted)
    # The checks' database behind the dependency, and behind the module's engine for an endpoint that
    # opens its own `Session(engine)`.
    monkeypatch.setattr(app_module, "engine", engine, raising=False)

    def add(title, author):
        with Session(engine) as session:
            session.add(Book(title=title, author=author))
            session.commit()
    app.dependency_overrides[get_session] = test_session
    with TestClient(app) as client:

        def get(url, cause=""):
            statements.clear()
            parameters.clear()
            on_the_loop.clear()
            held.clear()
            try:
                response = client.get(url)
            except Exception as error:  # the test client re-raises the app's exception
                if "no such table" in str(error):
                    cause = "session_not_from_dependency"
                tag = f"[{cause}] " if cause else ""
                raise AssertionError(f"{tag}GET {url} raised {type(error).__name__}: {error}"[:300]) from None
            if response.status_code == 422 and "author=" not in url:
                cause = "author_required"
            tag = f"[{cause}] " if cause else ""
            assert response.status_code == 200, f"{tag}GET {url} answered {response.status_code}, expected 200"
            return response.json()

        get.statements, get.parameters, get.add, get.held = statements, parameters, add, held
        get.on_the_loop = on_the_loop
        get.framework, get.reads = "FastAPI", "last"  # a `str` query parameter: the last of a repeated one
        yield get
    app.dependency_overrides.clear()
    engine.dispose()


def test_every_book_is_listed(get):
    shared.every_book_is_listed(get)


def test_books_are_ordered_by_title(get):
    shared.books_are_ordered_by_title(get)


def test_filter_by_author(get):
    shared.filter_by_author(get)


def test_the_connection_is_back_before_the_response(get):
    for author in (*shared.SHAPES, "Dune"):  # every request shape, not only GET /books
        url = shared.url_for(author)
        get(url)
        assert get.held == [0], (f"GET {url} returned with its transaction open: the session held a database connection "
                                 "while FastAPI waited to check the books against BookOut")


def test_the_session_is_used_in_a_def_endpoint(get):
    for route in app.routes:  # every endpoint of the app
        if not isinstance(route, fastapi.routing.APIRoute) or "GET" not in route.methods or "{" in route.path:
            continue
        get(route.path)
        asynchronous = inspect.iscoroutinefunction(route.endpoint)  # its queries then run on the loop itself
        assert not (asynchronous and any(get.on_the_loop)), (
            f"[async_endpoint_blocks] GET {route.path} is an async def endpoint that queries through the "
            "synchronous Session: each query blocks the event loop, and every other request waits for it")
