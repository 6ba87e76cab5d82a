from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Book

PER_PAGE = 50


@require_safe
def book_list(request):
    books = Paginator(Book.objects.all(), PER_PAGE).get_page(request.GET.get("page"))  # (1)!
    return render(request, "shelf/book_list.html", {"books": books})


@require_safe
def book_detail(request, slug):
    book = get_object_or_404(Book, slug=slug)  # (2)!
    return render(request, "shelf/book_detail.html", {"book": book})
