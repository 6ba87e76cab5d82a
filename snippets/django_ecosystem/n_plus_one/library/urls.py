from django.urls import path

from django_ecosystem.n_plus_one.library import api, views

urlpatterns = [
    path("books/naive/", views.books_naive),
    path("books/", views.books_optimised),
    path("api/books/naive/", api.BookListNaive.as_view()),
    path("api/books/", api.BookList.as_view()),
    path("api/authors/", api.AuthorList.as_view()),
]
