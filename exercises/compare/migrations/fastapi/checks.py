"""Checks of the migrations exercise, FastAPI: `python3 dev.py exercise migrations/fastapi`.

Each check upgrades a new SQLite file with the reader's migrations (Alembic's own `command`
functions, what `alembic upgrade` runs) and reads the schema and the rows back.
"""

import sys
from pathlib import Path

import models
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from models import Base, Post

ALEMBIC_INI = str(Path(models.__file__).resolve().parent / "alembic.ini")
FIRST = "61b0a684721f"  # the starter's revision: create the posts table


@pytest.fixture
def alembic(tmp_path, monkeypatch):
    """Alembic's configuration, with DATABASE_URL pointing at a new SQLite file."""
    url = f"sqlite:///{tmp_path / 'blog.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delitem(sys.modules, "database", raising=False)  # env.py imports it: read the URL again
    config = Config(ALEMBIC_INI)
    config.engine = create_engine(url)
    yield config
    config.engine.dispose()
    sys.modules.pop("database", None)


def columns(engine) -> list[str]:
    return [column["name"] for column in inspect(engine).get_columns("posts")]


def rows(engine) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row)[1:] for row in connection.execute(text("SELECT * FROM posts"))]  # without the id


def upgrade(config, revision: str = "head") -> None:
    """`alembic upgrade`, with the reason in the learner's terms when it fails."""
    try:
        command.upgrade(config, revision)
    except OperationalError as error:
        if "already exists" in str(error.orig):
            raise AssertionError(f"[recreates_table] `alembic upgrade head` failed: {error.orig}; the new revision creates the table again") from None
        raise AssertionError(f"[not_null_without_default] the upgrade failed on a table with a row: {error.orig}") from None


def nullable(engine) -> bool:
    return next(column["nullable"] for column in inspect(engine).get_columns("posts") if column["name"] == "published")


def upgrade_with_a_post(config) -> None:
    """The database of a site that already has a post, then the new migrations."""
    upgrade(config, FIRST)
    assert columns(config.engine) == ["id", "title"], (
        f"[edited_first_migration] the first revision now creates the columns {columns(config.engine)}: "
        "a database already at that revision never gets the new column")
    with config.engine.begin() as connection:
        connection.execute(text("INSERT INTO posts (title) VALUES ('Hello')"))
    upgrade(config)
    assert "published" in columns(config.engine), (
        f"after `alembic upgrade head` the posts table has the columns {columns(config.engine)}, no `published`: "
        "add it to the model, then generate the migration with `alembic revision --autogenerate`")


def test_migrations_match_the_models(alembic):
    upgrade(alembic)
    with alembic.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diffs == [], f"the models and the migrations differ: {diffs}; run `alembic revision --autogenerate` and read the file it writes"


def test_new_posts_are_unpublished(alembic):
    upgrade(alembic)
    assert hasattr(Post, "published"), "Post has no `published` column: add it to the model"
    with Session(alembic.engine) as session:
        try:
            session.add(Post(title="New"))
            session.commit()
        except OperationalError as error:
            raise AssertionError(f"[model_without_migration] saving a Post failed: {error.orig}; does a migration add the column?") from None
        session.expire_all()
        post = session.scalars(select(Post)).one()
        assert post.published is not None, "[column_nullable] a new post has published = None: the field accepts NULL and has no default"
    assert post.published is False, f"a new post has published = {post.published!r}, expected False"


def test_existing_posts_get_false(alembic):
    upgrade_with_a_post(alembic)
    found = rows(alembic.engine)
    assert not nullable(alembic.engine), (
        f"[column_nullable] after the upgrade `published` accepts NULL (the rows read {found}): it must be NOT NULL")
    assert found == [("Hello", 0)], f"after the upgrade the existing post reads {found}, expected [('Hello', 0)]"


def test_migration_rolls_back(alembic):
    upgrade_with_a_post(alembic)
    command.downgrade(alembic, FIRST)
    assert columns(alembic.engine) == ["id", "title"], (
        f"[downgrade_keeps_column] after `alembic downgrade` the posts table has the columns {columns(alembic.engine)}, expected ['id', 'title']")
    assert rows(alembic.engine) == [("Hello",)], f"[downgrade_loses_rows] after `alembic downgrade` the posts are {rows(alembic.engine)}, expected [('Hello',)]"
