"""The requests behind the responses compare/templates.md shows (out/*.txt).

tests/compare/test_templates.py checks these outputs with these requests, and the page's Run button
sends the same ones in the browser (guide_tools/runtime/drive.py; contributing/runnable-listings.md, "Runnable
listings").
"""

APPS = {
    "flask": "compare.templates.flask_app:app",
    "fastapi": "compare.templates.fastapi_app:app",
    "django": "compare.templates.django_app.settings",
}
PAYLOAD = '<script>alert("x")</script>'  # sent URL-encoded; the transcript shows it as typed
REQUESTS = {
    "shelf": "GET /shelves/read",
    "empty_shelf": "GET /shelves/wishlist",
    "escaped": f"GET /search?q={PAYLOAD}",
    "unsafe": f"GET /unsafe-search?q={PAYLOAD}",
}
# Each captured output: (framework, request). out/flask_shelf.txt is Flask's answer to GET /shelves/read.
OUTPUTS = {f"{framework}_{name}.txt": (framework, request) for framework in APPS for name, request in REQUESTS.items()}
# The page shows these pages' <main> element only: the rest is base.html, shown once with the shelf.
CUT = {f"{framework}_{name}.txt": "main" for framework in APPS for name in ("empty_shelf", "escaped", "unsafe")}
# Reusable fragments: a second app per framework (partials_*.py), each asked for the fragment alone.
# Django's template partials are new in Django 6.0: its output is the latest stack's (the browser's).
PARTIALS = {
    "partials_flask.txt": ("flask", "compare.templates.partials_flask:app"),
    "partials_fastapi.txt": ("fastapi", "compare.templates.partials_fastapi:app"),
    "partials_django.latest.txt": ("django", ("compare.templates.django_app.settings",
                                              {"ROOT_URLCONF": "compare.templates.partials_django"})),
}
OUTPUTS = {**OUTPUTS, **{output: (framework, "GET /books/first") for output, (framework, _) in PARTIALS.items()}}
OUTPUT_APPS = {output: target for output, (_, target) in PARTIALS.items()}
NOT_IN_BROWSER = {
    # The test writes `{{ q }}` into files of each name and renders them with each engine's defaults, as the
    # page says: no listing's code makes the table (moving the test's code into a snippet for the browser's
    # sake is not done), and it would need all three stacks in one Run.
    "autoescape_by_name.txt": "a table the test composes, rendering files of each name with the three engines' defaults: no request to send",
}
# The files a reader can edit before Run, per framework (the page's listings are sections of them).
EDITABLE = {
    "flask": ["compare/templates/flask_app.py", "compare/templates/templates/shelf.html",
              "compare/templates/templates/base.html", "compare/templates/books.py"],
    "fastapi": ["compare/templates/fastapi_app.py", "compare/templates/templates/shelf.html",
                "compare/templates/templates/base.html", "compare/templates/books.py"],
    "django": ["compare/templates/django_app/bookshelf/views.py",
               "compare/templates/django_app/bookshelf/templates/bookshelf/shelf.html",
               "compare/templates/django_app/bookshelf/templates/bookshelf/base.html",
               "compare/templates/django_app/bookshelf/templatetags/bookshelf_filters.py",
               "compare/templates/django_app/settings.py"],
    # a second app's output (OUTPUT_APPS): its own files
    "partials_flask.txt": ["compare/templates/partials_flask.py", "compare/templates/templates/book_list.html"],
    "partials_fastapi.txt": ["compare/templates/partials_fastapi.py", "compare/templates/templates/book_list.html"],
    "partials_django.latest.txt": ["compare/templates/partials_django.py",
                                   "compare/templates/django_app/bookshelf/templates/bookshelf/book_list.html"],
}
