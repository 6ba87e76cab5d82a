"""The N+1 problem: exact query counts before and after select_related / prefetch_related,
Prefetch(to_attr=...), defer() and Count(), for a JSON view and for DRF serializers, plus the
benchmark script run in a subprocess.

Each assertion is a claim the page makes; each `outputs.check` is a transcript the page shows, of
the requests snippets/django_ecosystem/n_plus_one/drive.py declares for it, on the library its
`library()` makes (the page's Run button sends the same ones in the browser: tests/browser/test_run.py).
The counter-examples inside the tests (a filter on a prefetched relation, a deferred field read
in a loop, two Counts over joins) are what the page warns about, never shown as code to copy.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from django_ecosystem.n_plus_one import drive
from django_ecosystem.n_plus_one.library.models import Author, Book, Tag
from django_ecosystem.n_plus_one.library.queries import authors_with_recent_books, book_rows, naive_books, optimised_books
from guide_tools.runtime.drive import called, converse, sql_shapes
from guide_tools.website.content import SNIPPETS
from tests.support.responses import json_of
from tests.support.services import python_env

OUT = "django_ecosystem/n_plus_one/out"
URLS = "django_ecosystem.n_plus_one.library.urls"

AUTHORS, BOOKS_EACH, TAGS_EACH = len(drive.AUTHORS), len(drive.YEARS), drive.TAGS_EACH
BOOKS = AUTHORS * BOOKS_EACH
NAIVE = 1 + BOOKS + BOOKS  # the list, then one author and one tag query per book

pytestmark = [pytest.mark.urls(URLS)]


@pytest.fixture
def library(db):
    return drive.library()  # what the page's Run makes first too (SETUP)


def shapes(queries: list[dict]) -> str:
    """The captured SQL grouped by shape (literals ?, column lists …), as the page's outputs show it."""
    return sql_shapes([(q["sql"], None) for q in queries])


# --------------------------------------------------------------------------- the plain JSON view


def test_json_view_naive_is_n_plus_one(library, django_assert_num_queries):
    with django_assert_num_queries(NAIVE):  # 19 for 9 books
        response = Client().get("/books/naive/")
    assert response.status_code == 200
    assert len(json_of(response)["books"]) == BOOKS


def test_json_view_optimised_is_two_queries(library, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = Client().get("/books/")
    assert json_of(response) == json_of(Client().get("/books/naive/"))  # same data
    assert json_of(response)["books"][0] == {"title": "Ada 2018", "author": "Ada", "tags": ["django", "orm"]}


def test_json_view_query_shapes(db, outputs):
    report = converse(Client(), drive, "json_view_queries.txt")  # drive.library() first (SETUP)
    assert json_of(Client().get("/books/naive/")) == json_of(Client().get("/books/"))
    assert f"GET /books/naive/  →  {NAIVE} queries" in report and "GET /books/  →  2 queries" in report
    outputs.check(f"{OUT}/json_view_queries.txt", report)


def test_queries_grow_with_the_data(library, django_assert_num_queries):
    """One more book costs the naive list two more queries, the optimised list none."""
    extra = Book.objects.create(title="Extra", year=2024, author=library[0])
    extra.tags.set(Tag.objects.all()[:1])
    with django_assert_num_queries(NAIVE + 2):
        book_rows(naive_books())
    with django_assert_num_queries(2):
        book_rows(optimised_books())


def test_slicing_keeps_the_prefetch(library, django_assert_num_queries):
    with django_assert_num_queries(2):
        rows = book_rows(optimised_books()[:2])  # slicing before the prefetch still prefetches
    assert len(rows) == 2


# --------------------------------------------------------------------------- DRF nested serializers


def test_drf_nested_serializer_is_n_plus_one(library, django_assert_num_queries):
    with django_assert_num_queries(NAIVE):
        naive = Client().get("/api/books/naive/")
    with django_assert_num_queries(2):
        fast = Client().get("/api/books/")
    assert json_of(naive) == json_of(fast)
    assert json_of(fast)[0] == {"id": json_of(fast)[0]["id"], "title": "Ada 2018", "year": 2018,
                                "author": {"id": library[0].id, "name": "Ada"}, "tags": ["django", "orm"]}


def test_drf_queries_output(db, outputs):
    report = converse(Client(), drive, "drf_queries.txt")  # drive.library() first (SETUP)
    assert f"GET /api/books/naive/  →  {NAIVE} queries" in report and "GET /api/books/  →  2 queries" in report
    outputs.check(f"{OUT}/drf_queries.txt", report)


def test_authors_api_prefetch_to_attr_and_count(library, django_assert_num_queries):
    with django_assert_num_queries(2):  # authors with their counts, then the recent books of all of them
        response = Client().get("/api/authors/")
    data = json_of(response)
    assert [a["book_count"] for a in data] == [BOOKS_EACH] * AUTHORS
    assert data[0]["recent_books"] == [{"title": "Ada 2022", "year": 2022}, {"title": "Ada 2020", "year": 2020}]


def test_authors_api_output(db, outputs):
    outputs.check(f"{OUT}/authors_api.txt", converse(Client(), drive, "authors_api.txt"))  # drive.library() first


def test_count_is_a_join_with_group_by(library):
    with CaptureQueriesContext(connection) as ctx:
        list(authors_with_recent_books(since=2020))
    authors_sql, books_sql = (q["sql"] for q in ctx.captured_queries)
    assert "LEFT OUTER JOIN" in authors_sql and "GROUP BY" in authors_sql
    assert '"summary"' not in books_sql  # only() left it out


def test_query_log_keeps_9000():
    assert connection.queries_limit == 9000  # connection.queries under DEBUG keeps only the last 9000


def test_a_sliced_prefetch_is_still_one_query(library):
    """The page: a Prefetch queryset may be sliced (Django 4.2+): the newest book of each author,
    in one query, numbered per author by a window function."""
    from django.db.models import Prefetch

    newest = Book.objects.order_by("-year", "id").only("id", "title", "year", "author_id")[:1]
    with CaptureQueriesContext(connection) as ctx:
        authors = list(Author.objects.order_by("name").prefetch_related(
            Prefetch("books", queryset=newest, to_attr="newest_book")))
    assert len(ctx.captured_queries) == 2
    assert [[b.title for b in a.newest_book] for a in authors] == [["Ada 2022"], ["Grace 2022"], ["Linus 2022"]]
    assert "ROW_NUMBER() OVER (PARTITION BY" in ctx.captured_queries[1]["sql"]


LIST_APIS = ["/api/books/naive/", "/api/books/", "/api/authors/"]


def test_the_lists_are_not_paginated(library, monkeypatch):
    """The page: the lists of this page return every row; two queries is not a bound. They do so
    in a project that pages every list by default too (DEFAULT_PAGINATION_CLASS is read when DRF
    is imported, into GenericAPIView.pagination_class, and PAGE_SIZE into the class's page_size:
    set here as such a project would)."""
    from rest_framework.generics import GenericAPIView
    from rest_framework.pagination import PageNumberPagination

    class PagesOfTwo(PageNumberPagination):
        page_size = 2

    monkeypatch.setattr(GenericAPIView, "pagination_class", PagesOfTwo)
    for path in LIST_APIS:
        data = json_of(Client().get(path))
        assert isinstance(data, list) and len(data) == (AUTHORS if "authors" in path else BOOKS), path


def test_a_browser_gets_the_same_json(library):
    """The lists answer JSON whatever the client accepts (renderer_classes = [JSONRenderer]): a
    browser's Accept gets the same body and the same query count as the page's captures, not
    DRF's browsable API page."""
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    for path in LIST_APIS:
        plain = Client().get(path)
        with CaptureQueriesContext(connection) as plain_queries:
            Client().get(path)
        with CaptureQueriesContext(connection) as browser_queries:
            answered = Client().get(path, HTTP_ACCEPT=browser)
        assert answered["Content-Type"] == "application/json", path
        assert answered.content == plain.content and len(browser_queries) == len(plain_queries), path


def test_the_authors_come_by_name(db):
    """The authors list is in name order, as the page's capture shows it, whatever order the rows
    were written in."""
    for name in ("Linus", "Ada", "Grace"):
        Author.objects.create(name=name)
    assert [a["name"] for a in json_of(Client().get("/api/authors/"))] == ["Ada", "Grace", "Linus"]


def test_prefetch_to_attr_is_a_list(library):
    author = authors_with_recent_books(since=2020).first()
    assert isinstance(author.recent_books, list)  # to_attr: a plain list, not a manager
    assert author.books.count() == 3  # the relation itself is untouched (and queried again)


# --------------------------------------------------------------------------- how the fixes break again


def test_filtering_a_prefetched_relation_queries_again(library, django_assert_num_queries):
    """prefetch_related("books") caches books.all(); .filter() on it is a new query per author."""
    with django_assert_num_queries(1 + 1 + AUTHORS):
        for author in Author.objects.prefetch_related("books"):
            list(author.books.filter(year__gte=2020))


def test_reading_a_deferred_field_queries_per_row(library, django_assert_num_queries):
    with django_assert_num_queries(2 + BOOKS):
        for book in optimised_books():
            len(book.summary)  # deferred: one query per book to load it


def test_count_per_author_without_annotate(library, django_assert_num_queries):
    with django_assert_num_queries(1 + AUTHORS):
        [author.books.count() for author in Author.objects.all()]
    with django_assert_num_queries(1):
        [author.book_count for author in Author.objects.annotate(book_count=Count("books"))]


def test_two_counts_over_joins_multiply(library):
    """Two Count()s across multi-valued relations join both; each count is multiplied."""
    wrong = Author.objects.annotate(book_count=Count("books"), tag_count=Count("books__tags")).get(name="Ada")
    assert (wrong.book_count, wrong.tag_count) == (BOOKS_EACH * TAGS_EACH, BOOKS_EACH * TAGS_EACH)
    right = Author.objects.annotate(book_count=Count("books", distinct=True), tag_count=Count("books__tags")).get(name="Ada")
    assert (right.book_count, right.tag_count) == (BOOKS_EACH, BOOKS_EACH * TAGS_EACH)


def test_select_related_cannot_follow_many_to_many(library):
    from django.core.exceptions import FieldError

    with pytest.raises(FieldError, match="Invalid field name"):
        list(Book.objects.select_related("tags"))


# --------------------------------------------------------------------------- the benchmark script

BENCH_LINE = re.compile(
    r"^ +(?P<authors>\d+) +(?P<books>\d+) +(?P<naive_q>\d+) q +(?P<naive_s>\d+\.\d) s"
    r" +(?P<fast_q>\d+) q +(?P<fast_s>\d+\.\d) s +(?P<ratio>\d+)x$"
)


def run_bench(command: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **python_env(), "PYTHONWARNINGS": "error"}
    return subprocess.run(["bash", "-c", command], cwd=SNIPPETS, env=env, capture_output=True, text=True,
                          timeout=300, check=False)


@pytest.mark.slow
def test_bench_output_shape():
    done = run_bench(f"{sys.executable} -m django_ecosystem.n_plus_one.bench --authors 2 5 --books-per-author 2 --tags-per-book 1")
    assert done.returncode == 0, done.stderr
    header, *rows = done.stdout.splitlines()
    assert header.split() == ["authors", "books", "naive", "optimised", "speed-up"]
    found = [BENCH_LINE.match(row).groupdict() for row in rows]
    assert [(r["authors"], r["books"], r["naive_q"], r["fast_q"]) for r in found] == [
        ("2", "4", "9", "2"), ("5", "10", "21", "2"),
    ]


def carry_over_timings(stored_path) -> list:
    """Timings change from run to run; query counts must not. Outside --update-outputs, keep the
    stored figures (from the run that last refreshed the file) and compare everything else."""
    if not stored_path.is_file():
        return []
    stored = [BENCH_LINE.match(line) for line in stored_path.read_text().splitlines()[2:]]
    figures = iter([(m["naive_s"], m["fast_s"], m["ratio"]) for m in stored if m])

    def keep(match: re.Match) -> str:
        line, base = match.group(0), match.start()
        for group, value in zip(("ratio", "fast_s", "naive_s"), reversed(next(figures))):  # right to left
            start, end = match.start(group) - base, match.end(group) - base
            line = line[:start] + value.rjust(end - start) + line[end:]
        return line

    return [(re.compile(BENCH_LINE.pattern, re.MULTILINE), keep)]


@pytest.mark.slow
def test_bench_realistic_run(outputs):
    text = (SNIPPETS / "django_ecosystem/n_plus_one/run.sh").read_text()
    command = text.split("[start:bench]\n", 1)[1].split("\n# --8<-- [end:bench]", 1)[0].strip()
    done = run_bench(command)
    assert done.returncode == 0, done.stderr
    rows = [BENCH_LINE.match(row) for row in done.stdout.splitlines()[1:]]
    assert [(m["authors"], m["books"], m["naive_q"], m["fast_q"]) for m in rows] == [
        ("200", "600", "1201", "2"), ("1000", "3000", "6001", "2"),
    ]
    name = f"{OUT}/bench.txt"
    normalisers = [] if outputs.update else carry_over_timings(SNIPPETS / name)
    outputs.check(name, f"$ {command}\n{done.stdout}", normalisers=normalisers)


PAGE = "django/n_plus_one.md"
FILL = """
import json, sys
from django_ecosystem.n_plus_one import bench
real_fill = bench.fill

def fill(authors, books_per_author, tags_per_book):  # the library the shown command makes, counted
    real_fill(authors, books_per_author, tags_per_book)
    from django.db.models import Count
    from django_ecosystem.n_plus_one.library.models import Author, Book
    print(json.dumps({"books": sorted(set(Author.objects.annotate(n=Count("books")).values_list("n", flat=True))),
                      "tags": sorted(set(Book.objects.annotate(n=Count("tags")).values_list("n", flat=True)))}))
    raise SystemExit(0)

bench.fill = fill
sys.argv = ["bench", *sys.argv[1:]]
bench.main()
"""


@pytest.mark.slow
def test_the_bench_library_is_the_one_the_page_describes():
    """"Each author has 3 books, each book 2 tags", of the library the shown command fills (the
    script's defaults), read from the page."""
    from tests.support.page_text import stated

    books = stated(PAGE, r"Each author has (\d+) books, each book \d+ tags")
    tags = stated(PAGE, r"Each author has \d+ books, each book (\d+) tags")
    text = (SNIPPETS / "django_ecosystem/n_plus_one/run.sh").read_text()
    command = text.split("[start:bench]\n", 1)[1].split("\n# --8<-- [end:bench]", 1)[0].strip()
    arguments = command.split("-m django_ecosystem.n_plus_one.bench", 1)[1].split()
    done = subprocess.run([sys.executable, "-c", FILL, *arguments], cwd=SNIPPETS, env={**os.environ, **python_env()},
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == {"books": [books], "tags": [tags]}


def test_the_bench_keeps_the_best_of_the_runs_the_page_states(library, monkeypatch):
    """"best of two runs each": measure() runs the list that many times and keeps the fastest,
    not the last (clock stubbed: the first run takes 1 s, the second 4 s)."""
    from types import SimpleNamespace

    from django_ecosystem.n_plus_one import bench

    words = {"two": 2, "three": 3, "five": 5}
    found = re.findall(r"best of\s+(\w+)\s+runs each", (SNIPPETS.parent / "docs/en" / PAGE).read_text(encoding="utf-8"))
    assert len(found) == 1 and found[0] in words, found
    runs = words[found[0]]
    clock = iter([0.0, 1.0] + [t for n in range(1, runs) for t in (10.0 * n, 10.0 * n + 4.0)])
    monkeypatch.setattr(bench, "time", SimpleNamespace(perf_counter=lambda: next(clock)))
    made = []

    def factory():
        made.append(1)
        return naive_books()

    assert bench.measure(factory) == (NAIVE, 1.0)
    assert len(made) == runs


# --------------------------------------------------------------------------- fetch modes (Django 6.1)


def fetch_modes():
    from tests.support.latest_only import latest_only

    return latest_only("django_ecosystem.n_plus_one.fetch_modes", "django.db.models.fetch_modes")


def test_fetch_peers_loads_a_foreign_key_for_every_peer(db, django_assert_num_queries, outputs):
    modes = fetch_modes()
    if modes is None:  # the floor: no fetch modes before 6.1
        assert not hasattr(Book.objects.all(), "fetch_mode")
        return
    # book_rows(peer_books()) on drive.library(), as the page's Run calls it: its queries, counted
    text = called(drive, "fetch_peers.latest.txt")
    # The author of every book in one query; the many-to-many is not a field fetch: one per book.
    assert text.startswith(f"{1 + 1 + BOOKS} queries\n")
    with django_assert_num_queries(1 + 1 + BOOKS):
        rows = book_rows(modes.peer_books())
    assert rows == book_rows(naive_books())
    with CaptureQueriesContext(connection) as ctx:
        book_rows(modes.peer_books())
    assert text == f"{len(ctx)} queries\n{shapes(ctx.captured_queries)}\n"
    outputs.check(f"{OUT}/fetch_peers.txt", text, per_stack=True)


def test_fetch_peers_loads_a_deferred_field_for_every_peer(library, django_assert_num_queries):
    modes = fetch_modes()
    if modes is None:
        return  # the floor: asserted absent by fetch_modes()
    with django_assert_num_queries(2):  # naive: 1 + one per book (test_reading_a_deferred_field_queries_per_row)
        [book.summary for book in modes.peer_books().defer("summary")]


def test_fetch_raise_blocks_a_lazy_foreign_key(library):
    modes = fetch_modes()
    if modes is None:
        return  # the floor: asserted absent by fetch_modes()
    from django.core.exceptions import FieldFetchBlocked

    book = modes.strict_books().first()
    with pytest.raises(FieldFetchBlocked, match="Fetching of Book.author blocked"):
        book.author  # noqa: B018
    assert [t.name for t in book.tags.all()] == ["django", "orm"]  # a related manager still queries
    assert modes.strict_books().select_related("author").first().author.name == "Ada"


@pytest.mark.django_db
def test_every_route_takes_get_and_head_alone():
    """The plain views are require_safe and the API views are ListAPIViews: on every route of the
    URLconf, GET and HEAD are answered and every other method gets 405 (nothing here writes)."""
    from django.test import Client

    from tests.support.methods import assert_takes_only, django_routes

    safe = {"GET", "HEAD"}
    takes = {"/books/naive/": safe, "/books/": safe, "/api/books/naive/": safe, "/api/books/": safe, "/api/authors/": safe}
    assert sorted(django_routes(URLS)) == sorted(takes)
    client = Client()
    assert_takes_only(lambda method, path: client.generic(method, path).status_code, takes)
