"""Two helpers for the tests of a SQLAlchemy app: SQLite that checks foreign keys, and a PostgreSQL
session whose every commit is undone when the test ends."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event
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
def rolled_back(engine: Engine) -> Iterator[Session]:
    with engine.connect() as connection:
        transaction = connection.begin()  # (1)!
        session = Session(bind=connection, join_transaction_mode="create_savepoint")  # (2)!
        try:
            yield session
        finally:
            session.close()
            transaction.rollback()  # (3)!
# --8<-- [end:rollback]
