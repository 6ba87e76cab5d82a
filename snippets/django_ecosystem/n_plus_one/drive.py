"""The requests behind the outputs django/n_plus_one.md shows (out/*.txt), and the library they read.

tests/django_ecosystem/test_n_plus_one.py checks each output with these requests, on an empty
database filled by `library()` (SETUP), and the page's Run button sends the same ones in the
browser (guide_tools/runtime/drive.py; contributing/runnable-listings.md, "Runnable listings"). SHOW_SQL "queries": the
output is the number of queries each request issued and their shapes, not the response.
"""

APPS = {
    "django": {"ROOT_URLCONF": "django_ecosystem.n_plus_one.library.urls",
               "INSTALLED_APPS": ["django.contrib.contenttypes", "django.contrib.auth",
                                  "django_ecosystem.n_plus_one.library"]},
}
OUTPUTS = {
    "json_view_queries.txt": ("django", ["GET /books/naive/", "GET /books/"]),
    "drf_queries.txt": ("django", ["GET /api/books/naive/", "GET /api/books/"]),
    "authors_api.txt": ("django", "GET /api/authors/", ["content-type"]),
    # Django 6.1's fetch modes: the rows of peer_books() (FETCH_PEERS), the queries they cost
    "fetch_peers.latest.txt": ("django", "call django_ecosystem.n_plus_one.library.queries:book_rows("
                                         "django_ecosystem.n_plus_one.fetch_modes.peer_books())"),
}
SETUP = {output: "library" for output in OUTPUTS}
SHOW_SQL = {"json_view_queries.txt": "queries", "drf_queries.txt": "queries", "fetch_peers.latest.txt": "queries"}
NOT_IN_BROWSER = {
    "bench.txt": "a benchmark script's timings over thousands of rows: a command for a terminal",
}
EDITABLE = {
    "django": ["django_ecosystem/n_plus_one/library/queries.py", "django_ecosystem/n_plus_one/library/api.py",
               "django_ecosystem/n_plus_one/library/views.py", "django_ecosystem/n_plus_one/library/models.py"],
    "fetch_peers.latest.txt": ["django_ecosystem/n_plus_one/fetch_modes.py", "django_ecosystem/n_plus_one/library/queries.py",
                               "django_ecosystem/n_plus_one/library/models.py"],
}
AUTHORS = ("Ada", "Grace", "Linus")
YEARS = (2018, 2020, 2022)  # one book a year per author
TAGS, TAGS_EACH = ("django", "orm", "sql"), 2


def library():
    """Three authors with three books each, every book with two of three tags: 9 books, so an N+1
    list costs 1 + 9 + 9 queries. Returns the authors."""
    from django_ecosystem.n_plus_one.library.models import Author, Book, Tag

    tags = Tag.objects.bulk_create(Tag(name=name) for name in TAGS)
    authors = Author.objects.bulk_create(Author(name=name) for name in AUTHORS)
    for author in authors:
        for n, year in enumerate(YEARS):
            book = Book.objects.create(title=f"{author.name} {year}", year=year, summary="…" * 500, author=author)
            book.tags.set([tags[(n + k) % len(tags)] for k in range(TAGS_EACH)])
    return authors
