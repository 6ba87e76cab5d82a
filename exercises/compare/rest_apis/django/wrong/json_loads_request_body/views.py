"""Exercise (REST APIs): PATCH /books/<id> is not allowed. Add it: change only the fields sent."""

import json

from django.http import Http404
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

BOOKS = {1: {"title": "Dune", "year": 1965}}  # a database, in a real app


class BookSerializer(serializers.Serializer):
    title = serializers.CharField()
    year = serializers.IntegerField()


class BookView(APIView):
    def book(self, book_id: int) -> dict:
        if book_id not in BOOKS:
            raise Http404
        return BOOKS[book_id]

    def get(self, request, book_id: int):
        return Response(self.book(book_id))

    def put(self, request, book_id: int):
        self.book(book_id)
        serializer = BookSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)  # 400 with the errors
        BOOKS[book_id] = dict(serializer.validated_data)
        return Response(BOOKS[book_id])

    def patch(self, request, book_id: int):
        book = self.book(book_id)
        serializer = BookSerializer(book, data=json.loads(request.body), partial=True)  # no field is required
        serializer.is_valid(raise_exception=True)
        book.update(serializer.validated_data)
        return Response(book)
