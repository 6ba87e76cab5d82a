"""Template partials (new in Django 6.0): a named fragment, rendered in its page or on its own."""

from django.shortcuts import render
from django.urls import path

from compare.templates.books import SHELVES


# --8<-- [start:views]
def book_list(request):
    return render(request, "bookshelf/book_list.html", {"books": SHELVES["read"]})


def first_book(request):
    return render(  # (1)!
        request, "bookshelf/book_list.html#book", {"book": SHELVES["read"][0]}
    )
# --8<-- [end:views]


urlpatterns = [path("books", book_list), path("books/first", first_book)]
