"""Checks of the migrations exercise, Django: `python3 dev.py exercise migrations/django`.

pytest-django builds the test database with the reader's migrations; the checks then run
`makemigrations --check` and `migrate` (back to 0001 and forward again) through `call_command`
and read the schema and the rows back. The old release's INSERT (a rolling deploy: `migrate`
runs, the old code still serves) is SQL that leaves `published` out.
"""

import pytest
from blog.models import Post
from django.core.management import call_command
from django.db import IntegrityError, OperationalError, connection


def columns() -> list[str]:
    with connection.cursor() as cursor:
        return [column.name for column in connection.introspection.get_table_description(cursor, "blog_post")]


def rows() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM blog_post")
        return [tuple(row)[1:] for row in cursor.fetchall()]  # without the id


@pytest.fixture
def post_before_the_change(transactional_db):
    """The database of a site that already has a post, before the new migrations; then forward again."""
    call_command("migrate", "blog", "0001", verbosity=0)
    yield insert_the_post
    call_command("migrate", "blog", verbosity=0)


def insert_the_post() -> None:
    assert columns() == ["id", "title"], (
        f"[edited_first_migration] `migrate blog 0001` now creates the columns {columns()}: "
        "a database already at 0001 never gets the new field")
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO blog_post (title) VALUES ('Hello')")


def nullable() -> bool:
    with connection.cursor() as cursor:
        return next(c.null_ok for c in connection.introspection.get_table_description(cursor, "blog_post") if c.name == "published")


def migrate_forward() -> None:
    call_command("migrate", "blog", verbosity=0)
    assert "published" in columns(), (
        f"after `migrate` the blog_post table has the columns {columns()}, no `published`: "
        "add the field to the model, then write the migration with `makemigrations`")


def test_migrations_match_the_models(db):
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    except SystemExit:
        pytest.fail("the models have changes that no migration describes: run `makemigrations` and read the file it writes")


def test_new_posts_are_unpublished(db):
    assert hasattr(Post, "published"), "Post has no `published` field: add it to the model"
    try:
        post = Post.objects.create(title="New")
    except OperationalError as error:
        raise AssertionError(f"[model_without_migration] saving a Post failed: {error}; does a migration add the field?") from None
    except IntegrityError as error:
        raise AssertionError(f"[no_model_default] saving a Post without `published` failed: {error}") from None
    post.refresh_from_db()
    assert post.published is not None, "[column_nullable] a new post has published = None: the field accepts NULL and has no default"
    assert post.published is False, f"a new post has published = {post.published!r}, expected False"


def test_a_post_built_in_python_is_unpublished(db):
    assert hasattr(Post, "published"), "Post has no `published` field: add it to the model"
    value = Post(title="Draft").published  # not saved: Python's default, not the database's
    assert value is False, f"a Post built in Python, not saved yet, has published = {value!r}, expected False"


def test_existing_posts_get_false(post_before_the_change):
    post_before_the_change()
    migrate_forward()
    assert not nullable(), f"[column_nullable] after `migrate` `published` accepts NULL (the rows read {rows()}): it must be NOT NULL"
    assert rows() == [("Hello", 0)], f"after `migrate` the existing post reads {rows()}, expected [('Hello', 0)]"


def test_old_release_can_still_insert(post_before_the_change):
    post_before_the_change()
    migrate_forward()
    try:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO blog_post (title) VALUES ('Old release')")
    except IntegrityError as error:
        raise AssertionError(
            f"after `migrate` an INSERT without `published`, as the old release sends it, failed: {error}; "
            "expected the database to fill in false") from None
    assert rows()[-1:] != [("Old release", None)], (
        "[column_nullable] after `migrate` an INSERT without `published` stored NULL: the column must be NOT NULL")
    assert rows() == [("Hello", 0), ("Old release", 0)], (
        f"after `migrate` and an INSERT without `published` the posts read {rows()}, "
        "expected [('Hello', 0), ('Old release', 0)]")


def test_migration_rolls_back(post_before_the_change):
    post_before_the_change()
    migrate_forward()
    call_command("migrate", "blog", "0001", verbosity=0)
    assert columns() == ["id", "title"], f"[downgrade_keeps_column] after `migrate blog 0001` the blog_post table has the columns {columns()}, expected ['id', 'title']"
    assert rows() == [("Hello",)], f"[downgrade_loses_rows] after `migrate blog 0001` the posts are {rows()}, expected [('Hello',)]"
