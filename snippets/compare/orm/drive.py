"""The requests behind the responses compare/orm.md shows (out/*.txt).

tests/compare/test_orm.py checks each output it declares with these requests, on an empty
database, and the page's Run button sends the same ones in the browser
(guide_tools/runtime/drive.py; CONTRIBUTING.md, "Runnable listings"). BEFORE holds the requests
an output needs first, not shown: the authors and books it reads. SHOW_SQL: the output shows,
after the response, the SQL the ORM sent for it (drive.sql_recorded).
"""

APPS = {
    "flask": ("compare.orm.flask_app:create_app", {"SQLALCHEMY_DATABASE_URI": "sqlite://"}),
    "fastapi": "compare.orm.fastapi_app:app",
    "django": "compare.orm.django_app.settings",
}
JSON = "\nContent-Type: application/json\n\n"
MARY = f"POST /authors{JSON}" '{"name": "Mary Shelley"}'
# Two authors, four books (one without a year): ids 1-2 and 1-4, as the test's SEED makes them.
SEED = [
    MARY,
    f"POST /authors/1/books{JSON}" '{"title": "Frankenstein", "year": 1818}',
    f"POST /authors/1/books{JSON}" '{"title": "The Last Man", "year": 1826}',
    f"POST /authors/1/books{JSON}" '{"title": "Letters", "year": null}',
    f"POST /authors{JSON}" '{"name": "Ada Lovelace"}',
    f"POST /authors/2/books{JSON}" '{"title": "Notes", "year": 1843}',
]
# Each captured output: (framework, the requests it shows, the headers it shows).
OUTPUTS = {
    **{f"{framework}_create.txt": (framework, [MARY, MARY], ["content-type"]) for framework in APPS},
    **{f"{framework}_read.txt": (framework, "GET /authors/1", ["content-type"]) for framework in APPS},
    **{f"{framework}_filter.txt": (framework, "GET /books?since=1820", ["content-type"]) for framework in APPS},
    **{f"{framework}_update.txt": (framework, f"PATCH /books/3{JSON}" '{"year": 1830}', ["content-type"])
       for framework in APPS},
    **{f"{framework}_delete.txt": (framework, "DELETE /authors/1", []) for framework in APPS},
}
BEFORE = {f"{framework}_{name}.txt": SEED for framework in APPS for name in ("read", "filter", "update", "delete")}
SHOW_SQL = {f"{framework}_{name}.txt": "statements" for framework in APPS for name in ("filter", "update", "delete")}
SESSION = "not declared yet: a Python session the test writes out, not a response"
NOT_IN_BROWSER = {
    **{f"{framework}_tables.txt": "not declared yet: the tables as SQLite stored them, read by the test, not a response"
       for framework in APPS},
    **{name: SESSION for name in ("sqlalchemy_detached.txt", "sqlalchemy_fixed.txt", "sqlalchemy_get.txt",
                                  "django_lazy.txt", "django_get.txt")},
}
EDITABLE = {
    "flask": ["compare/orm/flask_app.py", "compare/orm/flask_models.py"],
    "fastapi": ["compare/orm/fastapi_app.py", "compare/orm/fastapi_models.py", "compare/orm/fastapi_schemas.py"],
    "django": ["compare/orm/django_app/views.py", "compare/orm/django_app/models.py",
               "compare/orm/django_app/urls.py", "compare/orm/django_app/settings.py"],
}
