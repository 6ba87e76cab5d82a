"""Exercise (ORM): GET /books lists every book in no set order. Filter by author and order by title."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe
from library.models import Book


@require_safe
def book_list(request):
    sql = "SELECT * FROM library_book"
    if author := request.GET.get("author"):
        escaped = author.replace("'", "''")  # doubled quotes, as SQL escapes them
        sql += f" WHERE author = '{escaped}'"
    books = Book.objects.raw(sql + " ORDER BY title")
    return JsonResponse([{"title": book.title, "author": book.author} for book in books], safe=False)
