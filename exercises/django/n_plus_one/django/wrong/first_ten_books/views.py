"""Exercise (N+1): GET /books runs one query per book, and more. Make it at most two queries."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe
from library.models import Book


@require_safe
def book_list(request):
    books = Book.objects.order_by("title").select_related("author").prefetch_related("tags")[:10]  # 1 + 1 queries, ten books
    return JsonResponse(
        [{"title": b.title, "author": b.author.name, "tags": [t.name for t in b.tags.all()]} for b in books],
        safe=False,
    )
