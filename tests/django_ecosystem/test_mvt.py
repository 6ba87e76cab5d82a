"""Django and MVT: the model, the view and the template of one small app, each tested on its own.

The model's rules are checked against the database, the views through Django's test Client (the
URLconf dispatch included: that dispatch is the "controller"), and the templates by rendering them.
The responses the page shows come from the requests snippets/django_ecosystem/mvt/drive.py
declares, on the books its SETUP functions add (the page's Run button sends the same ones).
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.test import Client
from django_ecosystem.mvt import drive
from django_ecosystem.mvt.shelf.models import Book
from guide_tools.runtime.drive import converse
from tests.support.links import crawl, prefixed_urlconf

OUT = "django_ecosystem/mvt/out"
URLS = "django_ecosystem.mvt.urls"

pytestmark = pytest.mark.urls(URLS)


def make(**fields) -> Book:
    return Book.objects.create(**{**drive.BOOKS[0], **fields})


# --------------------------------------------------------------------------- the model


@pytest.mark.django_db
def test_model_str_order_and_url():
    make(title="Zen of Python", slug="zen", year=2004)
    make()
    assert [str(b) for b in Book.objects.all()] == ["Two Scoops of Django (2024)", "Zen of Python (2004)"]  # Meta.ordering
    assert Book.objects.get(slug="zen").get_absolute_url() == "/books/zen/"
    assert Book._meta.db_table == "mvt_shelf_book"  # the app label names the table


@pytest.mark.django_db
def test_database_enforces_the_constraints():
    make()
    with pytest.raises(IntegrityError), transaction.atomic():
        make(title="Copy", year=2020)  # same slug: unique=True is a UNIQUE index
    with pytest.raises(IntegrityError, match="mvt_shelf_book_printed_after_1450"), transaction.atomic():
        make(title="Manuscript", slug="manuscript", year=1200)  # the CHECK constraint, named per app
    assert Book.objects.count() == 1


@pytest.mark.django_db
def test_the_year_bound_is_the_one_the_page_states():
    """"A book printed before 1450 … (1450 itself passes)": at the bound, n - 1 is refused by the
    database and n is saved."""
    from tests.support.page_text import stated

    first = stated("django/mvt.md", r"a book printed before (\d+)\n\(from 1200, say; \d+ itself passes\)")
    make(title="Bible", slug="bible", year=first)
    with pytest.raises(IntegrityError, match="printed_after"), transaction.atomic():
        make(title="Psalter", slug="psalter", year=first - 1)
    assert list(Book.objects.values_list("year", flat=True)) == [first]


@pytest.mark.django_db
def test_full_clean_checks_the_same_rules_before_the_database():
    make()
    book = Book(title="Manuscript", author="Anonymous", year=1200, slug="two-scoops")
    with pytest.raises(ValidationError) as invalid:
        book.full_clean()  # Django 4.1+ validates Meta.constraints too
    errors = invalid.value.message_dict
    assert errors["slug"] == ["Book with this Slug already exists."]
    assert errors["__all__"] == ["Constraint “mvt_shelf_book_printed_after_1450” is violated."]


@pytest.mark.django_db
def test_a_model_form_skips_the_rules_of_fields_it_leaves_out():
    """The page: a ModelForm validates unique fields and constraints only for the fields it
    includes. Fields set in code (slug, year) are left to the database: IntegrityError at save()."""
    from django import forms

    class TitleForm(forms.ModelForm):
        class Meta:
            model = Book
            fields = ["title", "author"]

    make()
    form = TitleForm({"title": "Manuscript", "author": "Anonymous"},
                     instance=Book(year=1200, slug="two-scoops"))  # both rules broken, outside the form
    assert form.is_valid()  # neither the unique slug nor the CHECK on year was looked at
    with pytest.raises(IntegrityError), transaction.atomic():
        form.save()
    with pytest.raises(ValidationError) as invalid:
        form.instance.full_clean()  # the whole model: both problems
    assert set(invalid.value.message_dict) == {"slug", "__all__"}


@pytest.mark.django_db
def test_two_racing_submissions_both_validate_and_the_second_save_fails():
    """The page: a form that includes `slug` checks it with a SELECT before the INSERT, so two submissions of
    one slug that race both validate; the database refuses the second save() with IntegrityError, a 500
    unless the view catches it, in a transaction of its own, and reports it on the form."""
    from django import forms

    class BookForm(forms.ModelForm):
        class Meta:
            model = Book
            fields = ["title", "author", "year", "slug"]

    data = {"title": "Two Scoops of Django", "author": "D. Feldroy", "year": 2020, "slug": "two-scoops"}
    first, second = BookForm(data), BookForm(data)
    assert first.is_valid() and second.is_valid()  # both requests validate before either saves
    first.save()
    try:
        with transaction.atomic():
            second.save()
    except IntegrityError:
        second.add_error("slug", "A book with this slug already exists.")
    assert second.errors == {"slug": ["A book with this slug already exists."]}
    assert Book.objects.filter(slug="two-scoops").count() == 1


def test_escaping_does_not_make_a_url_safe():
    """The page: autoescaping leaves `javascript:` in an href; URLField's validator refuses it,
    but only when something validates."""
    from django.db import models
    from django.template import engines

    html = engines["django"].from_string('<a href="{{ url }}">site</a>').render({"url": "javascript:alert(1)"})
    assert html == '<a href="javascript:alert(1)">site</a>'
    with pytest.raises(ValidationError, match="Enter a valid URL"):
        models.URLField().clean("javascript:alert(1)", None)
    assert models.URLField().clean("https://example.com/", None) == "https://example.com/"


def test_check_constraint_takes_condition_not_check():
    """`check=` was deprecated in Django 5.1 and removed in 6.0; `condition=` replaces it."""
    import django
    from django.db import models

    if django.VERSION[:2] < (6, 0):
        with pytest.warns(Warning, match="CheckConstraint.check is deprecated in favor of `.condition`"):
            models.CheckConstraint(check=models.Q(year__gte=1450), name="old_style")
    else:
        with pytest.raises(TypeError, match="unexpected keyword argument 'check'"):
            models.CheckConstraint(check=models.Q(year__gte=1450), name="old_style")
    assert models.CheckConstraint(condition=models.Q(year__gte=1450), name="new_style").condition


# --------------------------------------------------------------------------- the views (and the URLconf)


@pytest.mark.django_db
def test_list_view():
    drive.shelf()
    response = Client().get("/books/")
    assert response.status_code == 200
    assert [t.name for t in response.templates] == ["shelf/book_list.html"]
    assert list(response.context["books"]) == list(Book.objects.all())
    assert [book.slug for book in response.context["books"]] == ["fish-and-chips", "two-scoops"]  # by title


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["list.txt", "detail.txt", "not_found.txt"])
def test_the_responses_the_page_shows(name, outputs):
    """drive.py's requests, after its SETUP (the books), on an empty database: what Run shows."""
    outputs.check(f"{OUT}/{name}", converse(Client(), drive, name))


@pytest.mark.django_db
def test_list_view_is_paginated():
    """The page: the list shows one page of PER_PAGE books, however many the table holds, and a
    missing, bad, negative or huge page number gives a page, never an error. PER_PAGE is the
    number the page states, read from it: n books are one page, n + 1 two."""
    from tests.support.page_text import stated

    PER_PAGE = stated("django/mvt.md", r"one page of `PER_PAGE` \((\d+)\) rows")  # noqa: N806
    Book.objects.bulk_create(Book(title=f"Book {n:03}", author="A", year=2000, slug=f"b{n}") for n in range(PER_PAGE))
    alone = Client().get("/books/")
    assert len(alone.context["books"]) == PER_PAGE and "Next" not in alone.content.decode()
    Book.objects.all().delete()

    Book.objects.bulk_create(Book(title=f"Book {n:03}", author="A", year=2000, slug=f"b{n}") for n in range(PER_PAGE + 5))
    client = Client()
    first = client.get("/books/")
    assert first.status_code == 200
    assert len(first.context["books"]) == PER_PAGE
    assert '<a href="?page=2">Next</a>' in first.content.decode()
    second = client.get("/books/?page=2")
    assert len(second.context["books"]) == 5
    assert '<a href="?page=1">Previous</a>' in second.content.decode() and "Next" not in second.content.decode()
    for bad in ("two", "-1", "0", "9" * 30):
        response = client.get(f"/books/?page={bad}")
        assert response.status_code == 200, bad
        assert len(response.context["books"]) in (PER_PAGE, 5), bad


@pytest.mark.django_db
def test_every_link_follows_the_prefix_the_app_is_served_under(settings):
    """"The model knows its own URL, built in reverse from the route's name" and templates never
    hard-code paths: served under /library/, every link of every page names /library/."""
    from django_ecosystem.mvt.shelf.views import PER_PAGE

    Book.objects.bulk_create(Book(title=f"Book {n:03}", author="A", year=2000, slug=f"b{n}") for n in range(PER_PAGE + 1))
    settings.ROOT_URLCONF = prefixed_urlconf("library/", URLS)
    pages = crawl(Client().get, ["/library/books/"], "/library/")
    assert "/library/books/?page=2" in pages and f"/library/books/b{PER_PAGE}/" in pages  # both pages, every book


def postgres_connection(postgres_dsn: str):
    """A Django connection to the test PostgreSQL server beside the SQLite default: the view's
    queries are built by Django as usual, then compiled for PostgreSQL and run there."""
    from urllib.parse import urlsplit

    from django.db import connection
    from django.db.backends.postgresql.base import DatabaseWrapper

    dsn = urlsplit(postgres_dsn)
    return DatabaseWrapper({**connection.settings_dict, "ENGINE": "django.db.backends.postgresql",
                            "NAME": dsn.path.lstrip("/"), "USER": dsn.username or "", "PASSWORD": dsn.password or "",
                            "HOST": dsn.hostname, "PORT": str(dsn.port), "OPTIONS": {}}, alias="mvt-postgres")


@pytest.mark.django_db
def test_pages_show_every_book_once_when_titles_repeat(postgres_dsn):
    """LIMIT/OFFSET over an order with ties is not deterministic on PostgreSQL (top-N heapsort per
    page): with only `title` in the order, books titled alike moved between pages, so some showed
    twice and others never. The view's pages, compiled for PostgreSQL and run there, must list
    every book exactly once. (SQLite happens to keep ties in row order, so it cannot show this.)"""
    import math
    import random

    from django.db.models import QuerySet

    from django_ecosystem.mvt.shelf.views import PER_PAGE

    titles = ["Poems"] * 120 + [f"Title {n:03}" for n in range(200)]  # editions, volumes, "Poems"
    random.Random(1).shuffle(titles)
    books = [Book(id=n + 1, title=t, author="A", year=2000, slug=f"s{n}") for n, t in enumerate(titles)]
    Book.objects.bulk_create(books)  # the Paginator counts them here
    postgres = postgres_connection(postgres_dsn)
    try:
        with postgres.schema_editor(atomic=False) as editor:
            editor.execute(f"DROP TABLE IF EXISTS {Book._meta.db_table}")
            editor.create_model(Book)
        with postgres.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {Book._meta.db_table} (id, title, author, year, slug) VALUES (%s, %s, %s, %s, %s)",
                               [(b.id, b.title, b.author, b.year, b.slug) for b in books])
            cursor.execute(f"UPDATE {Book._meta.db_table} SET author = 'B' WHERE title = 'Poems' AND id % 3 = 0")
            shown, pages = [], range(1, math.ceil(len(books) / PER_PAGE) + 1)
            for number in pages:  # each page's query as the view built it, run on PostgreSQL
                shown_page = Client().get(f"/books/?page={number}").context["books"]  # its rows: a list by now
                assert shown_page.number == number and shown_page.paginator.num_pages == len(pages)
                view_queryset = shown_page.paginator.object_list  # the queryset the view gave its Paginator
                assert isinstance(view_queryset, QuerySet)
                page = shown_page.paginator.page(number).object_list.query  # the same page, unevaluated
                sql, params = page.get_compiler(connection=postgres).as_sql()
                cursor.execute(sql, params)
                shown += [row[0] for row in cursor.fetchall()]
            with postgres.schema_editor(atomic=False) as editor:
                editor.delete_model(Book)
    finally:
        postgres.close()
    assert len(shown) == len(books)
    assert sorted(shown) == [b.id for b in books], f"{len(books) - len(set(shown))} books never shown"


@pytest.mark.django_db
def test_a_page_costs_a_count_and_reads_the_index(django_assert_num_queries):
    """Pagination bounds the rows sent, not the work: every page runs a COUNT(*) over the table, and
    the order needs an index on (title, id), or each page sorts the whole table first."""
    from django.db import connection

    from django_ecosystem.mvt.shelf.views import PER_PAGE

    Book.objects.bulk_create(Book(title=f"Book {n:03}", author="A", year=2000, slug=f"b{n}") for n in range(PER_PAGE + 5))
    with django_assert_num_queries(2) as captured:
        assert Client().get("/books/?page=2").status_code == 200
    count, page = (query["sql"] for query in captured.captured_queries)
    assert count.startswith("SELECT COUNT(*)")
    assert page.endswith(f"LIMIT 5 OFFSET {PER_PAGE}"), page  # the 5 rows of page 2
    with connection.cursor() as cursor:  # the plan of the query the view ran, not of a copy of it
        cursor.execute(f"EXPLAIN QUERY PLAN {page}")
        plan = " / ".join(row[-1] for row in cursor.fetchall())
    assert "USING INDEX mvt_shelf_book_title_id" in plan and "TEMP B-TREE" not in plan, plan


@pytest.mark.django_db
def test_a_page_reads_the_title_id_index_without_a_sort_on_postgresql(postgres_dsn):
    """The index on (title, id) on PostgreSQL, where an index does not end in the row id as SQLite's
    do: the plan of the view's page query, on a table of 20,000 books with repeated titles,
    analyzed, so the planner chooses by cost (no enable_seqscan=off or other planner switch) is
    an index scan of the model's index with no sort. An index on `title` alone still needs a
    sort of the ties on `id` (an Incremental Sort), and no index a sort of the whole table."""
    from django_ecosystem.mvt.shelf.views import PER_PAGE

    Book.objects.bulk_create(Book(title=f"Book {n:03}", author="A", year=2000, slug=f"b{n}") for n in range(PER_PAGE + 5))
    shown_page = Client().get("/books/?page=2").context["books"]
    query = shown_page.paginator.page(2).object_list.query  # page 2 as the view's Paginator slices it
    table = Book._meta.db_table
    postgres = postgres_connection(postgres_dsn)
    try:
        with postgres.schema_editor(atomic=False) as editor:
            editor.execute(f"DROP TABLE IF EXISTS {table}")
            editor.create_model(Book)  # the model's own Meta: its index and its constraint
        with postgres.cursor() as cursor:
            cursor.execute(f"INSERT INTO {table} (id, title, author, year, slug) SELECT n, 'Title ' || (n % 2000),"
                           " 'A', 2000, 's' || n FROM generate_series(1, 20000) AS n")
            cursor.execute(f"ANALYZE {table}")
            sql, params = query.get_compiler(connection=postgres).as_sql()
            assert sql.endswith(f"LIMIT 5 OFFSET {PER_PAGE}"), sql
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            with postgres.schema_editor(atomic=False) as editor:
                editor.delete_model(Book)
    finally:
        postgres.close()
    assert f"Index Scan using {table}_title_id on {table}" in plan and "Sort" not in plan, plan


@pytest.mark.django_db
def test_detail_view(django_assert_num_queries):
    drive.one_book()
    with django_assert_num_queries(1):  # the view's one SELECT; the template needs no other
        response = Client().get("/books/two-scoops/")
    assert response.status_code == 200
    assert response.context["book"].slug == "two-scoops"
    assert b"by D. &amp; A. Greenfeld, 2024" in response.content  # autoescaped in the template


@pytest.mark.django_db
def test_unknown_book_is_404():
    response = Client().get("/books/no-such-book/")
    assert response.status_code == 404  # get_object_or_404 raised Http404; Django answered


@pytest.mark.django_db
def test_views_only_answer_safe_methods():
    from tests.support.methods import assert_takes_only, django_routes

    make()
    takes = {"/books/": {"GET", "HEAD"}, "/books/two-scoops/": {"GET", "HEAD"}}
    assert len(django_routes(URLS)) == len(takes)  # every route of the URLconf
    assert_takes_only(lambda method, path: Client().generic(method, path).status_code, takes)
    assert Client().head("/books/two-scoops/").status_code == 200


def test_no_url_no_view():
    assert Client().get("/authors/").status_code == 404  # the URLconf found no pattern; no view ran


# --------------------------------------------------------------------------- the templates


def test_template_escapes_what_it_prints(outputs):
    book = Book(title="<script>alert('hi')</script>", author="Mallory & Co", year=2025, slug="xss")
    html = render_to_string("shelf/book_detail.html", {"book": book})  # no database, no view, no request
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;" in html
    assert "Mallory &amp; Co" in html
    assert '<a href="/books/">All books</a>' in html  # {% url %} reverses the namespaced name
    outputs.check(f"{OUT}/escaped.txt", html)


def test_empty_list_template():
    html = render_to_string("shelf/book_list.html", {"books": []})
    assert "No books yet." in html


def test_old_shortcuts_are_gone():
    """Old tutorials: render_to_response() (removed in Django 3.0) and url() (removed in 4.0)."""
    import django.conf.urls
    import django.shortcuts

    assert not hasattr(django.shortcuts, "render_to_response")
    assert not hasattr(django.conf.urls, "url")


@pytest.mark.django_db
def test_the_model_bounds_each_text_at_its_max_length():
    """CharField(max_length=...) is the column's size and a validation rule: full_clean() takes a
    title of 200 characters and an author of 100 (counted in characters), and refuses one more of each."""
    fits = Book(title="é" * 200, author="A" * 100, year=2020, slug="fits")
    fits.full_clean()
    too_long = Book(title="é" * 201, author="A" * 101, year=2020, slug="too-long")
    with pytest.raises(ValidationError) as invalid:
        too_long.full_clean()
    assert set(invalid.value.message_dict) == {"title", "author"}
