from django.http import JsonResponse
from django.views.decorators.http import require_safe

from django_ecosystem.n_plus_one.library.queries import book_rows, naive_books, optimised_books


@require_safe
def books_naive(request):
    return JsonResponse({"books": book_rows(naive_books())})


@require_safe
def books_optimised(request):
    return JsonResponse({"books": book_rows(optimised_books())})
