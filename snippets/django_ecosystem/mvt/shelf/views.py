from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Book


@require_safe
def book_list(request):
    books = Book.objects.all()  # (1)!
    return render(request, "shelf/book_list.html", {"books": books})


@require_safe
def book_detail(request, slug):
    book = get_object_or_404(Book, slug=slug)  # (2)!
    return render(request, "shelf/book_detail.html", {"book": book})
