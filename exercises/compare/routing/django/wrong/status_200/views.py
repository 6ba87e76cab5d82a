"""Exercise (routing): GET /books/<id> answers an unknown id with a crash. Make it a JSON 404."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe

BOOKS = {
    1: {"id": 1, "title": "Two Scoops of Django"},
    2: {"id": 2, "title": "Flask Web Development"},
}


@require_safe
def book_list(request):
    return JsonResponse(list(BOOKS.values()), safe=False)


@require_safe
def book_detail(request, book_id: int):
    book = BOOKS.get(book_id)
    if book is None:
        return JsonResponse({"detail": "Book not found"})
    return JsonResponse(book)
