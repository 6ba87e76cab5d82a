"""The requests behind the responses compare/templates.md shows (out/*.txt).

tests/compare/test_templates.py checks these outputs with these requests, and the page's Run button
sends the same ones in the browser (guide_tools/runtime/drive.py; CONTRIBUTING.md, "Runnable
listings").
"""

APPS = {
    "flask": "compare.templates.flask_app:app",
    "fastapi": "compare.templates.fastapi_app:app",
    "django": "compare.templates.django_app.settings",
}
REQUESTS = {
    "shelf": "GET /shelves/read",
}
# Each captured output: (framework, request). out/flask_shelf.txt is Flask's answer to GET /shelves/read.
OUTPUTS = {f"{framework}_{name}.txt": (framework, request) for framework in APPS for name, request in REQUESTS.items()}
NOT_IN_BROWSER = {
    **{f"{framework}_{name}.txt": "not declared yet: the page shows the response's <main> only"
       for framework in APPS for name in ("empty_shelf", "escaped", "unsafe")},
    "autoescape_by_name.txt": "not declared yet: three engines in one transcript",
    **{f"partials_{framework}.txt": "not declared yet: a second app (partials_*.py)" for framework in ("flask", "fastapi")},
    "partials_django.latest.txt": "not declared yet: a second app (partials_django.py), one output per stack",
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
}
