"""Helpers for the tests of a SQLAlchemy app: SQLite that checks foreign keys, and PostgreSQL
sessions whose every commit is undone when the test ends."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, event
from sqlalchemy.orm import Session


# --8<-- [start:foreign_keys]
def enforce_foreign_keys(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def foreign_keys_on(dbapi_connection, connection_record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")  # (1)!
        cursor.close()
# --8<-- [end:foreign_keys]


# --8<-- [start:rollback]
@contextmanager
def rolled_back(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        transaction = connection.begin()  # (1)!
        try:
            yield connection
        finally:
            transaction.rollback()  # (2)!


def sessions_on(connection: Connection) -> Callable[[], Iterator[Session]]:
    def session_per_request() -> Iterator[Session]:
        with Session(bind=connection, join_transaction_mode="create_savepoint") as session:  # (3)!
            yield session

    return session_per_request
# --8<-- [end:rollback]
