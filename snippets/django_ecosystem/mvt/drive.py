"""The requests behind the responses django/mvt.md shows (out/*.txt), and the books they read.

tests/django_ecosystem/test_mvt.py checks each output with these requests, on an empty database
filled by the function SETUP names, and the page's Run button sends the same ones in the browser
(guide_tools/runtime/drive.py; contributing/runnable-listings.md, "Runnable listings").
"""

APPS = {
    "django": {"ROOT_URLCONF": "django_ecosystem.mvt.urls",
               "INSTALLED_APPS": ["django_ecosystem.mvt.shelf"],
               "TEMPLATES": [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]},
}
OUTPUTS = {
    "list.txt": ("django", "GET /books/"),
    "detail.txt": ("django", "GET /books/two-scoops/"),
    "not_found.txt": ("django", "GET /books/no-such-book/"),
}
SETUP = {"list.txt": "shelf", "detail.txt": "one_book"}
NOT_IN_BROWSER = {
    "escaped.txt": "a template the test renders with a book it never saves, not a response: no request to send",
}
EDITABLE = {
    "django": ["django_ecosystem/mvt/shelf/views.py", "django_ecosystem/mvt/shelf/templates/shelf/book_list.html",
               "django_ecosystem/mvt/shelf/templates/shelf/book_detail.html", "django_ecosystem/mvt/shelf/models.py",
               "django_ecosystem/mvt/shelf/urls.py"],
}
BOOKS = [
    {"title": "Two Scoops of Django", "author": "D. & A. Greenfeld", "year": 2024, "slug": "two-scoops"},
    {"title": "Fish & Chips <Classic>", "author": "A. Cook", "year": 1999, "slug": "fish-and-chips"},  # escaped
]


def one_book():
    """The first book, for its detail page."""
    from django_ecosystem.mvt.shelf.models import Book

    return Book.objects.create(**BOOKS[0])


def shelf():
    """Both books, for the list (ordered by title, whatever the order they were added in)."""
    from django_ecosystem.mvt.shelf.models import Book

    return [Book.objects.create(**fields) for fields in BOOKS]
