"""Exercise (ViewSets): books cannot be archived. Add POST /books/<id>/archive/ as an extra action."""

from django.http import Http404
from rest_framework import viewsets
from rest_framework.response import Response

BOOKS = {1: {"id": 1, "title": "Dune", "archived": False}}  # a database, in a real app


class BookViewSet(viewsets.ViewSet):
    def list(self, request, **kwargs):
        return Response(list(BOOKS.values()))

    def retrieve(self, request, pk: str, **kwargs):  # kwargs: format, on the .json route
        return Response(self.book(pk))

    def book(self, pk: str) -> dict:
        if not (pk.isascii() and pk.isdigit()) or int(pk) not in BOOKS:  # isdigit() alone takes "²" and "٢"
            raise Http404
        return BOOKS[int(pk)]
