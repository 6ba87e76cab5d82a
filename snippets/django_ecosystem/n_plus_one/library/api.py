from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from django_ecosystem.n_plus_one.library.models import Author, Book
from django_ecosystem.n_plus_one.library.queries import authors_with_recent_books, optimised_books


# --8<-- [start:serializers]
class AuthorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Author
        fields = ["id", "name"]


class BookSerializer(serializers.ModelSerializer):
    author = AuthorSerializer(read_only=True)  # (1)!
    tags = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")  # (2)!

    class Meta:
        model = Book
        fields = ["id", "title", "year", "author", "tags"]
# --8<-- [end:serializers]


# --8<-- [start:views]
class ReadOnlyPublicList(generics.ListAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    pagination_class = None


class BookListNaive(ReadOnlyPublicList):
    queryset = Book.objects.order_by("id")  # (1)!
    serializer_class = BookSerializer


class BookList(ReadOnlyPublicList):
    serializer_class = BookSerializer

    def get_queryset(self):
        return optimised_books()  # (2)!
# --8<-- [end:views]


# --8<-- [start:authors]
class RecentBookSerializer(serializers.ModelSerializer):
    class Meta:
        model = Book
        fields = ["title", "year"]


class AuthorSummarySerializer(serializers.ModelSerializer):
    book_count = serializers.IntegerField(read_only=True)  # (1)!
    recent_books = RecentBookSerializer(many=True, read_only=True)  # (2)!

    class Meta:
        model = Author
        fields = ["name", "book_count", "recent_books"]


class AuthorList(ReadOnlyPublicList):
    serializer_class = AuthorSummarySerializer

    def get_queryset(self):
        return authors_with_recent_books(since=2020)
# --8<-- [end:authors]
