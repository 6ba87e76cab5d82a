"""Exercise (N+1): GET /books runs one query per book, and more. Make it at most two queries."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe
from library.models import Book


@require_safe
def book_list(request):
    rows = Book.objects.order_by("title").values("title", "author__name", "tags__name")  # one query
    books = {}
    for row in rows:
        book = books.setdefault(row["title"], {"title": row["title"], "author": row["author__name"], "tags": []})
        if row["tags__name"]:
            book["tags"].append(row["tags__name"])
    return JsonResponse(list(books.values()), safe=False)
