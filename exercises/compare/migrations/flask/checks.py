"""Checks of the migrations exercise, Flask: `python3 dev.py exercise migrations/flask`.

Each check upgrades a new SQLite file with the reader's migrations (Flask-Migrate's `upgrade()`
and `downgrade()`, what `flask db upgrade` runs) and reads the schema and the rows back.
"""

from pathlib import Path

import app as blog
import flask_migrate
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from app import Post, create_app, db

MIGRATIONS = str(Path(blog.__file__).resolve().parent / "migrations")
FIRST = "94b28327ea32"  # the starter's revision: create the posts table
POSTS = ["Hello", "World"]  # written before the change; a migration must fill every row, not the first

# Flask-Migrate's env.py template tries `db.get_engine()` first, which Flask-SQLAlchemy 3.1 still
# answers, with this warning (Flask-Migrate issue 510); `flask db` never shows it.
pytestmark = pytest.mark.filterwarnings("ignore:'get_engine' is deprecated:DeprecationWarning")


@pytest.fixture
def app(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'blog.db'}", "TESTING": True})
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def columns() -> list[str]:
    return [column["name"] for column in inspect(db.engine).get_columns("posts")]


def rows() -> list[tuple]:
    with db.engine.connect() as connection:
        return [tuple(row)[1:] for row in connection.execute(text("SELECT * FROM posts"))]  # without the id


def upgrade(revision: str = "head") -> None:
    """`flask db upgrade`, with the reason in the learner's terms when it fails."""
    tables = inspect(db.engine).get_table_names()
    assert "posts" not in tables or "alembic_version" in tables, (
        "[tables_without_migrations] a new database had the posts table before any migration ran: "
        "`db.create_all()` made it, so `flask db upgrade` cannot create it")
    try:
        flask_migrate.upgrade(directory=MIGRATIONS, revision=revision)
    except SystemExit:  # Flask-Migrate logs alembic's error and exits
        heads = ScriptDirectory(MIGRATIONS).get_heads()
        assert len(heads) < 2, (
            f"[several_heads] `flask db upgrade` stopped: the migrations have {len(heads)} heads {sorted(heads)}, "
            f"expected one chain: the new revision's down_revision should be {FIRST!r}")
        raise
    except IntegrityError as error:
        raise AssertionError(f"[rows_left_null] the upgrade failed on a table with rows: {error.orig}; "
                             "a row the migration did not fill") from None
    except OperationalError as error:
        if "already exists" in str(error.orig):
            raise AssertionError(f"[recreates_table] `flask db upgrade` failed: {error.orig}; the new revision creates the table again") from None
        raise AssertionError(f"[not_null_without_default] the upgrade failed on a table with a row: {error.orig}") from None


def upgrade_with_a_post() -> None:
    """The database of a site that already has a post, then the new migrations."""
    upgrade(FIRST)
    assert columns() == ["id", "title"], (
        f"[edited_first_migration] the first revision now creates the columns {columns()}: "
        "a database already at that revision never gets the new column")
    with db.engine.begin() as connection:
        for title in POSTS:
            connection.execute(text("INSERT INTO posts (title) VALUES (:title)"), {"title": title})
    upgrade()
    assert "published" in columns(), (
        f"after `flask db upgrade` the posts table has the columns {columns()}, no `published`: "
        "add it to the model, then generate the migration with `flask db migrate`")


def nullable() -> bool:
    return next(column["nullable"] for column in inspect(db.engine).get_columns("posts") if column["name"] == "published")


def test_migrations_match_the_models(app):
    upgrade()
    with db.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert diffs == [], f"the models and the migrations differ: {diffs}; run `flask db migrate` and read the file it writes"


def test_new_posts_are_unpublished(app):
    upgrade()
    assert hasattr(Post, "published"), "Post has no `published` column: add it to the model"
    try:
        db.session.add(Post(title="New"))
        db.session.commit()
    except OperationalError as error:
        raise AssertionError(f"[model_without_migration] saving a Post failed: {error.orig}; does a migration add the column?") from None
    db.session.expire_all()
    post = db.session.scalars(select(Post)).one()
    assert post.published is not None, "[column_nullable] a new post has published = None: the field accepts NULL and has no default"
    assert post.published is False, f"a new post has published = {post.published!r}, expected False"


def test_existing_posts_get_false(app):
    upgrade_with_a_post()
    assert not nullable(), f"[column_nullable] after the upgrade `published` accepts NULL (the rows read {rows()}): it must be NOT NULL"
    expected = [(title, 0) for title in POSTS]
    assert rows() == expected, f"after the upgrade the existing posts read {rows()}, expected {expected}"


def test_migration_rolls_back(app):
    upgrade_with_a_post()
    flask_migrate.downgrade(directory=MIGRATIONS, revision=FIRST)
    assert columns() == ["id", "title"], f"[downgrade_keeps_column] after `flask db downgrade` the posts table has the columns {columns()}, expected ['id', 'title']"
    expected = [(title,) for title in POSTS]
    assert rows() == expected, f"[downgrade_loses_rows] after `flask db downgrade` the posts are {rows()}, expected {expected}"
