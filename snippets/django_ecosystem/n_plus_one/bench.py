"""Time the naive and the optimised book list on an SQLite file in a temporary folder.

    python -m django_ecosystem.n_plus_one.bench --authors 200 1000
"""

import argparse
import tempfile
import time
from pathlib import Path

import django
from django.conf import settings


def setup(db_path: Path) -> None:
    settings.configure(  # (1)!
        INSTALLED_APPS=["django_ecosystem.n_plus_one.library"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": db_path}},
    )
    django.setup()


def create_tables() -> None:
    from django.db import connection

    from django_ecosystem.n_plus_one.library.models import Author, Book, Tag

    with connection.schema_editor() as editor:  # (2)!
        for model in (Author, Tag, Book):
            editor.create_model(model)


def fill(authors: int, books_per_author: int, tags_per_book: int) -> None:
    from django.db import transaction

    from django_ecosystem.n_plus_one.library.models import Author, Book, Tag

    with transaction.atomic():
        Author.objects.all().delete()
        Tag.objects.all().delete()
        tags = Tag.objects.bulk_create(Tag(name=f"tag-{i}") for i in range(20))
        people = Author.objects.bulk_create(Author(name=f"Author {i}") for i in range(authors))
        books = Book.objects.bulk_create(
            Book(title=f"Book {a.id}-{n}", year=2000 + n, summary="x" * 2000, author=a)
            for a in people for n in range(books_per_author)
        )
        Book.tags.through.objects.bulk_create(
            Book.tags.through(book_id=b.id, tag_id=tags[(b.id + k) % len(tags)].id)
            for b in books for k in range(tags_per_book)
        )


def measure(queryset_factory, repeat: int = 2) -> tuple[int, float]:
    from django.db import connection

    from django_ecosystem.n_plus_one.library.queries import book_rows

    count = 0

    def counter(execute, sql, params, many, context):  # (3)!
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    best = float("inf")
    for _ in range(repeat):
        count = 0
        with connection.execute_wrapper(counter):
            start = time.perf_counter()
            book_rows(queryset_factory())
            best = min(best, time.perf_counter() - start)
    return count, best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--authors", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--books-per-author", type=int, default=3)
    parser.add_argument("--tags-per-book", type=int, default=2)
    args = parser.parse_args()
    print(f"{'authors':>7} {'books':>6} {'naive':>16} {'optimised':>16} {'speed-up':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        setup(Path(tmp) / "bench.sqlite3")
        create_tables()
        from django_ecosystem.n_plus_one.library.queries import naive_books, optimised_books

        for authors in args.authors:
            fill(authors, args.books_per_author, args.tags_per_book)
            naive_q, naive_s = measure(naive_books)
            fast_q, fast_s = measure(optimised_books)
            print(
                f"{authors:>7} {authors * args.books_per_author:>6} "
                f"{naive_q:>6} q {naive_s:>6.1f} s {fast_q:>6} q {fast_s:>6.1f} s {naive_s / fast_s:>7.0f}x"
            )


if __name__ == "__main__":
    main()
