"""Exercise (ORM): GET /books lists every book in no set order. Filter by author and order by title."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe
from library.models import Book


@require_safe
def book_list(request):
    books = Book.objects.all()  # Meta.ordering: ORDER BY title
    if author := request.GET.get("author"):
        books = books.filter(author=author)  # in SQL: WHERE author = %s
    return JsonResponse([{"title": book.title, "author": book.author} for book in books], safe=False)
