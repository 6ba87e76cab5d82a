"""Exercise (N+1): GET /books runs one query per book, and more. Make it at most two queries."""

from django.db.models import Prefetch
from django.http import JsonResponse
from django.views.decorators.http import require_safe
from library.models import Book, Tag


@require_safe
def book_list(request):
    tags = Prefetch("tags", queryset=Tag.objects.order_by("name"))  # the tags in name order, still one query
    books = Book.objects.order_by("title").select_related("author").prefetch_related(tags)
    return JsonResponse(
        [{"title": b.title, "author": b.author.name, "tags": [t.name for t in b.tags.all()]} for b in books],
        safe=False,
    )
