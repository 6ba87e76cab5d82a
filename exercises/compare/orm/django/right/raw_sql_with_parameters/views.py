"""Exercise (ORM): GET /books lists every book in no set order. Filter by author and order by title."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe
from library.models import Book


@require_safe
def book_list(request):
    if author := request.GET.get("author"):
        books = Book.objects.raw("SELECT * FROM library_book WHERE author = %s ORDER BY title", [author])
    else:
        books = Book.objects.raw("SELECT * FROM library_book ORDER BY title")
    return JsonResponse([{"title": book.title, "author": book.author} for book in books], safe=False)
