"""Exercise (N+1): GET /books runs one query per book, and more. Make it at most two queries."""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def book_list(request):
    with connection.cursor() as cursor:  # one query: the tags joined into one string per book
        cursor.execute(
            "SELECT b.title, a.name, GROUP_CONCAT(t.name) FROM library_book b"
            " JOIN library_author a ON a.id = b.author_id"
            " LEFT JOIN library_book_tags bt ON bt.book_id = b.id"
            " LEFT JOIN library_tag t ON t.id = bt.tag_id"
            " GROUP BY b.id ORDER BY b.title"
        )
        rows = cursor.fetchall()
    return JsonResponse(
        [{"title": title, "author": author, "tags": tags.split(",") if tags else []} for title, author, tags in rows],
        safe=False,
    )
