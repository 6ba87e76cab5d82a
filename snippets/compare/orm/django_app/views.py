# --8<-- [start:setup]
import json

from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from compare.orm.django_app.models import Author, Book


def book_dict(book: Book) -> dict:
    return {"id": book.id, "title": book.title, "year": book.year}


def is_year(value) -> bool:
    return value is None or type(value) is int and 0 <= value <= 9999


def json_object(request) -> dict:
    try:
        data = json.loads(request.body)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deeply
        return {}
    return data if isinstance(data, dict) else {}
# --8<-- [end:setup]


# --8<-- [start:create]
@require_POST
def create_author(request):
    name = json_object(request).get("name")
    if not isinstance(name, str):
        return JsonResponse({"error": "name must be a string"}, status=400)
    try:
        with transaction.atomic():  # (1)!
            author = Author.objects.create(name=name)  # (2)!
    except IntegrityError:
        return JsonResponse({"error": "an author with this name exists"}, status=409)
    return JsonResponse({"id": author.id, "name": author.name}, status=201)


@require_POST
def add_book(request, author_id: int):
    author = get_object_or_404(Author, pk=author_id)  # (3)!
    data = json_object(request)
    title, year = data.get("title"), data.get("year")
    if not isinstance(title, str) or not is_year(year):
        return JsonResponse({"error": "title must be a string, year a year or null"}, status=400)
    book = author.books.create(title=title, year=year)  # (4)!
    return JsonResponse(book_dict(book), status=201)
# --8<-- [end:create]


# --8<-- [start:read]
class AuthorDetail(View):  # (1)!
    def get(self, request, author_id: int):
        author = get_object_or_404(Author, pk=author_id)
        books = [book_dict(book) for book in author.books.all()]  # (2)!
        return JsonResponse({"id": author.id, "name": author.name, "books": books})
# --8<-- [end:read]

# --8<-- [start:delete]
    def delete(self, request, author_id: int):
        get_object_or_404(Author, pk=author_id).delete()  # (1)!
        return HttpResponse(status=204)
# --8<-- [end:delete]


# --8<-- [start:filter]
@require_GET
@ensure_csrf_cookie  # (1)!
def list_books(request):
    try:
        since = int(request.GET.get("since", 0))
    except ValueError:
        return JsonResponse({"error": "since must be a year"}, status=400)
    if not 0 <= since <= 9999:
        return JsonResponse({"error": "since must be a year"}, status=400)
    try:
        limit = int(request.GET.get("limit", 100))
    except ValueError:
        return JsonResponse({"error": "limit must be from 1 to 100"}, status=400)
    if not 1 <= limit <= 100:
        return JsonResponse({"error": "limit must be from 1 to 100"}, status=400)
    books = Book.objects.filter(year__gte=since).order_by("year", "title")[:limit]  # (2)!
    return JsonResponse([book_dict(book) for book in books], safe=False)  # (3)!
# --8<-- [end:filter]


# --8<-- [start:update]
@require_http_methods(["PATCH"])
def update_book(request, book_id: int):
    book = get_object_or_404(Book, pk=book_id)
    data = json_object(request)
    if "year" not in data or not is_year(data["year"]):
        return JsonResponse({"error": "year must be a year or null"}, status=400)
    book.year = data["year"]
    book.save(update_fields=["year"])  # (1)!
    return JsonResponse(book_dict(book))
# --8<-- [end:update]
