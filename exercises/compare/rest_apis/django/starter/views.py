"""Exercise (REST APIs): PATCH /books/<id> is not allowed. Add it: change only the fields sent."""

from django.http import Http404
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

BOOKS = {1: {"title": "Dune", "year": 1965}}  # a database, in a real app


class StrictCharField(serializers.CharField):
    def to_internal_value(self, data):
        if not isinstance(data, str):  # CharField alone would store 42 as "42"
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    def to_internal_value(self, data):
        if not isinstance(data, int) or isinstance(data, bool):  # IntegerField alone takes "1966" and 1966.0
            self.fail("invalid")
        return super().to_internal_value(data)


class BookSerializer(serializers.Serializer):
    title = StrictCharField(allow_blank=True, trim_whitespace=False)  # any JSON string, stored as sent
    year = StrictIntegerField()

    def validate(self, attrs):
        if unknown := sorted(self.initial_data.keys() - self.fields.keys()):  # refused, not dropped
            raise serializers.ValidationError({name: "Unknown field." for name in unknown})
        return attrs


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
