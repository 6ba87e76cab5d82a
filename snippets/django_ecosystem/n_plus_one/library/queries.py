from django.db.models import Count, Prefetch

from django_ecosystem.n_plus_one.library.models import Author, Book


# --8<-- [start:rows]
def book_rows(books):
    return [
        {
            "title": book.title,
            "author": book.author.name,  # (1)!
            "tags": [tag.name for tag in book.tags.all()],  # (2)!
        }
        for book in books
    ]
# --8<-- [end:rows]


# --8<-- [start:books]
def naive_books():
    return Book.objects.order_by("id")


def optimised_books():
    return (
        Book.objects.order_by("id")
        .select_related("author")  # (1)!
        .prefetch_related("tags")  # (2)!
        .defer("summary")  # (3)!
    )
# --8<-- [end:books]


# --8<-- [start:authors]
def authors_with_recent_books(since: int):
    recent = Book.objects.filter(year__gte=since).order_by("-year", "id").only("id", "title", "year", "author_id")  # (1)!
    return (
        Author.objects.order_by("name")
        .annotate(book_count=Count("books"))  # (2)!
        .prefetch_related(Prefetch("books", queryset=recent, to_attr="recent_books"))  # (3)!
    )
# --8<-- [end:authors]
