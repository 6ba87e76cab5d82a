"""Checks of the N+1 exercise, Django: `python3 dev.py exercise n_plus_one/django`."""

import importlib
import os
import re
from collections import Counter

import pytest
from django.test import Client, override_settings
from library.models import Author, Book, Tag

BOOKS = 12  # more than the ten the page's example counts
TITLES = [f"Book {n:02}" for n in range(BOOKS - 1)] + ["Book 08"]  # two books share a title


@pytest.fixture
def get(db):  # pytest-django: a test database, rolled back after each check
    authors = [Author.objects.create(name=f"Author {n}") for n in range(3)]
    tags = [Tag.objects.create(name=name) for name in ("classic", "signed, first edition")]  # a comma in a name
    expected = []
    for n in reversed(range(BOOKS)):  # created in reverse: the ids are not in title order
        book = Book.objects.create(title=TITLES[n], author=authors[n % 3])
        book.tags.set(tags[: n % 3])
        expected.append({"title": TITLES[n], "author": f"Author {n % 3}", "tags": [t.name for t in tags[: n % 3]]})
    client = Client()

    def get():
        response = client.get("/books")
        assert response.status_code == 200, f"GET /books answered {response.status_code}, expected 200"
        return response.json()

    def add(title):  # a book added between two requests
        book = Book.objects.create(title=title, author=authors[0])
        book.tags.set(tags)

    get.expected, get.add = expected, add
    return get


def short(sql: str) -> str:
    """One readable line: no quotes, no column list, numbers as ?."""
    sql = sql.replace('"', "")
    sql = re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", sql)
    sql = re.sub(r"INNER JOIN (\S+) ON \([^)]*\)", r"JOIN \1", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    sql = re.sub(r"\bIN \([^)]*\)", "IN (…)", sql)
    return re.sub(r"\((\S+ = \? OR )+\S+ = \?\)", "(… OR …)", sql)


def most_repeated(queries: list[dict]) -> str:
    """'10× SELECT … FROM library_author WHERE library_author.id = ? LIMIT ?; …', the three most repeated first."""
    counts = Counter(short(q["sql"]) for q in queries)
    return "; ".join(f"{n}× {sql[:120]}" for sql, n in counts.most_common(3))


def key(book: dict) -> tuple:
    return book.get("title"), book.get("author")


def test_the_list_is_complete(get):
    body = get()
    expected = get.expected
    titles = sorted(TITLES)
    got = [b.get("title") for b in body]
    merged = len(got) < len(titles) and sorted(set(got)) == sorted(set(titles))
    assert not merged, f"[books_merged] GET /books answered {len(got)} books, expected {len(titles)}: the two books titled 'Book 08' came back as one"
    assert got != titles[: len(got)] or len(got) == len(titles), (
        f"[list_cut_short] GET /books answered the first {len(got)} of {len(titles)} books: {', '.join(titles[len(got):])} are missing")
    missing = sorted((Counter(titles) - Counter(got)).elements())
    tagless = sorted(b["title"] for b in expected if not b["tags"])
    assert not missing or missing != tagless, (
        f"[tagless_books_missing] GET /books left out {', '.join(missing)}: the books that have no tag")
    assert sorted(got) == titles, (
        f"GET /books answered {len(got)} books, expected {len(titles)}; missing: {missing}, the titles: {got!r}")
    assert [b["title"] for b in body] == titles, f"[not_ordered] the titles come in this order: {[b['title'] for b in body]!r}"
    found = sorted(({**b, "tags": sorted(b.get("tags") or [])} for b in body), key=key)
    wrong = [(f["title"], f["tags"], e["tags"]) for f, e in zip(found, sorted(expected, key=key))
             if key(f) == key(e) and f["tags"] != e["tags"]]
    assert not wrong, (  # (title, tags, expected tags) of the first one or two
        f"[tags_changed] GET /books answered other tags than the books have: {wrong[0][0]}: {wrong[0][1]!r}, expected {wrong[0][2]!r}"
        if len(wrong) == 1 else
        f"[tags_changed] GET /books answered other tags than the books have: {wrong[0][0]}: {wrong[0][1]!r}, expected {wrong[0][2]!r}; "
        f"{wrong[1][0]}: {wrong[1][1]!r}, expected {wrong[1][2]!r}")
    assert found == sorted(expected, key=key), f"GET /books answered {found!r}"

    get.add("Book 12")
    got = [b.get("title") for b in get()]
    assert "Book 12" in got, (
        f"[rows_read_once] after a book was added, GET /books answered {len(got)} books, without the new 'Book 12'")


def test_at_most_two_queries(get, django_assert_max_num_queries):
    try:
        with django_assert_max_num_queries(2) as captured:
            get()
    except pytest.fail.Exception:
        queries = captured.captured_queries
        repeated = [sql for sql, n in Counter(short(q["sql"]) for q in queries).items() if n > 1]
        authors = any("FROM library_author" in sql for sql in repeated)
        tags = any("FROM library_tag" in sql for sql in repeated)
        cause = "author_per_book" if authors and not tags else "tags_per_book" if tags and not authors else ""
        cause = cause or ("" if repeated else "one_query_too_many")
        tag = f"[{cause}] " if cause else ""
        raise AssertionError(f"{tag}GET /books ran {len(queries)} queries: {most_repeated(queries)}; expected at most 2") from None


def test_the_rest_of_the_app_is_unchanged(db):
    client = Client()
    response = client.post("/books")
    assert response.status_code == 405, (
        f"[other_methods_allowed] POST /books answered {response.status_code}, expected 405: the view lists on GET (and HEAD) only")
    # The test environment forces DEBUG off, so run with what the project's settings.py asks for.
    debug = importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"]).DEBUG
    with override_settings(DEBUG=debug):
        response = client.get("/no-such-page")
    assert response.status_code == 404 and b"URLconf" not in response.content, (
        f"[debug_on] GET /no-such-page answered {response.status_code} with Django's debug page, which lists "
        "the project's URL patterns: settings.py sets DEBUG = True")
    response = client.get("/books", HTTP_HOST="evil.example")
    assert response.status_code == 400, (
        f"[every_host_allowed] a request for Host: evil.example answered {response.status_code}, expected 400")
