"""Checks of the N+1 exercise, Django: `python3 dev.py exercise n_plus_one/django`."""

import re
from collections import Counter
from urllib.parse import quote

import pytest
from django.test import Client
from library.models import Author, Book, Tag

from exercises.batteries import debug, hosts, secrets

# Two books share a title; case and spaces as stored: "apple" sorts after "Book 00" and " Zed " first.
TITLES = [f"Book {n:02}" for n in range(11)] + ["Book 08", "apple", "Banana", " Zed "]
BOOKS = len(TITLES)  # more than the ten the page's example counts
AUTHORS = ["Author 0", " Author 1 ", "author 2"]
MANY = 150  # books added to count the queries again: more than a page or a chunk of 100
# A list with no parameters: a query string changes nothing (no column, order, filter or length chosen by the
# client), under any name an app might read, with values that would change the list (a real author, tag, title).
NAMES = ("sort", "order", "ordering", "order_by", "o", "limit", "page", "page_size", "offset", "fields",
         "author", "title", "tag", "tags", "q", "search", "filter")
VALUES = ("-title", "author__name", "nope", "abc", "1", "2", AUTHORS[0], "classic", TITLES[0])
QUERIES = tuple(f"?{name}={quote(value)}" for name in NAMES for value in VALUES)


@pytest.fixture
def get(db):  # pytest-django: a test database, rolled back after each check
    authors = [Author.objects.create(name=name) for name in AUTHORS]
    tags = [Tag.objects.create(name=name) for name in ("classic", "signed, first edition")]  # a comma in a name
    expected = []
    for n in reversed(range(BOOKS)):  # created in reverse: the ids are not in title order
        book = Book.objects.create(title=TITLES[n], author=authors[n % 3])
        book.tags.set(tags[: n % 3])
        expected.append({"title": TITLES[n], "author": AUTHORS[n % 3], "tags": [t.name for t in tags[: n % 3]]})
    client = Client()

    def get(query: str = "", cause: str = ""):
        tag = f"[{cause}] " if cause else ""
        try:
            response = client.get(f"/books{query}")
        except Exception as error:  # the test client re-raises the view's exception
            raise AssertionError(f"{tag}GET /books{query} raised {type(error).__name__}: {error}"[:300]) from None
        assert response.status_code == 200, f"{tag}GET /books{query} answered {response.status_code}, expected 200"
        return response.json()

    def add(title):  # a book added between two requests
        book = Book.objects.create(title=title, author=authors[0])
        book.tags.set(tags)

    def grow():  # MANY more books, each with its author and tags, in a few queries
        added = Book.objects.bulk_create(Book(title=f"More {n:03}", author=authors[n % 3]) for n in range(MANY))
        through = Book.tags.through
        through.objects.bulk_create(through(book_id=book.pk, tag_id=tag.pk) for n, book in enumerate(added) for tag in tags[: n % 3])
        return sorted([*TITLES, *(book.title for book in added)])

    get.expected, get.add, get.grow = expected, add, grow
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
    assert sorted(t.strip() for t in got) != sorted(t.strip() for t in titles) or sorted(got) == titles, (
        f"[text_changed] GET /books answered the titles {sorted(set(got) - set(titles))!r}, stored as {sorted(set(titles) - set(got))!r}")
    assert sorted(got) == titles, (
        f"GET /books answered {len(got)} books, expected {len(titles)}; missing: {missing}, the titles: {got!r}")
    assert got != sorted(titles, key=str.lower), f"[order_case_folded] the titles come in this order: {got!r}"
    assert got == titles, f"[not_ordered] the titles come in this order: {got!r}"
    authors = sorted({b.get("author") for b in body}, key=str)
    assert authors == sorted(AUTHORS), f"[text_changed] GET /books answered the authors {authors!r}, stored as {sorted(AUTHORS)!r}"
    found = sorted(({**b, "tags": sorted(b.get("tags") or [])} for b in body), key=key)
    wrong = [(f["title"], f["tags"], e["tags"]) for f, e in zip(found, sorted(expected, key=key))
             if key(f) == key(e) and f["tags"] != e["tags"]]
    assert not wrong, (  # (title, tags, expected tags) of the first one or two
        f"[tags_changed] GET /books answered other tags than the books have: {wrong[0][0]}: {wrong[0][1]!r}, expected {wrong[0][2]!r}"
        if len(wrong) == 1 else
        f"[tags_changed] GET /books answered other tags than the books have: {wrong[0][0]}: {wrong[0][1]!r}, expected {wrong[0][2]!r}; "
        f"{wrong[1][0]}: {wrong[1][1]!r}, expected {wrong[1][2]!r}")
    assert found == sorted(expected, key=key), f"GET /books answered {found!r}"

    for query in QUERIES:
        assert get(query, "query_string_used") == body, (
            f"[query_string_used] GET /books{query} answered another list than GET /books, expected the same list")

    get.add("Book 12")
    got = [b.get("title") for b in get()]
    assert "Book 12" in got, (
        f"[rows_read_once] after a book was added, GET /books answered {len(got)} books, without the new 'Book 12'")
    titles = sorted([*get.grow(), "Book 12"])
    got = [b.get("title") for b in get()]
    assert got == titles, (
        f"[list_cut_short] with {len(titles)} books, GET /books answered {len(got)}, expected every book in title order")


def test_at_most_two_queries(get, django_assert_max_num_queries):
    count_queries(get, django_assert_max_num_queries, "")
    get.grow()
    count_queries(get, django_assert_max_num_queries, "grows_with_books")


def count_queries(get, django_assert_max_num_queries, grown: str):
    """At most 2 queries for one GET /books; `grown`: the cause when only the larger list takes more."""
    try:
        with django_assert_max_num_queries(2) as captured:
            get()
    except pytest.fail.Exception:
        queries = captured.captured_queries
        repeated = [sql for sql, n in Counter(short(q["sql"]) for q in queries).items() if n > 1]
        authors = any("FROM library_author" in sql for sql in repeated)
        tags = any("FROM library_tag" in sql for sql in repeated)
        cause = "author_per_book" if authors and not tags else "tags_per_book" if tags and not authors else ""
        cause = grown or cause or ("" if repeated else "one_query_too_many")
        tag = f"[{cause}] " if cause else ""
        raise AssertionError(f"{tag}GET /books ran {len(queries)} queries for {Book.objects.count()} books: "
                             f"{most_repeated(queries)}; expected at most 2") from None


def test_the_rest_of_the_app_is_unchanged(db, monkeypatch):
    client = Client()
    response = client.post("/books")
    assert response.status_code == 405, (
        f"[other_methods_allowed] POST /books answered {response.status_code}, expected 405: the view lists on GET (and HEAD) only")
    response = client.head("/books")
    assert response.status_code == 200, f"[head_refused] HEAD /books answered {response.status_code}, expected 200"
    # The test environment forces DEBUG off, so read what the project's settings.py asks for, however it is started.
    debug.check_debug_off(monkeypatch, "settings", lambda module: module.DEBUG)
    hosts.check_no_wildcard_host("settings")
    secrets.check_no_literal_fallback(monkeypatch, "settings", lambda module: module.SECRET_KEY)
    response = client.get("/books", HTTP_HOST="evil.example")
    assert response.status_code == 400, (
        f"[every_host_allowed] a request for Host: evil.example answered {response.status_code}, expected 400")
