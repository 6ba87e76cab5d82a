"""The requests behind the responses compare/orm.md shows (out/*.txt).

tests/compare/test_orm.py checks each output it declares with these requests, on an empty
database, and the page's Run button sends the same ones in the browser
(guide_tools/runtime/drive.py; contributing/runnable-listings.md, "Runnable listings"). BEFORE holds the requests
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
# Python sessions (lines that start with ">>> "), run as an interactive session shows them in the
# names NAMESPACE's function gives: plain SQLAlchemy on session_lifetime.py (FastAPI's models, on
# FastAPI's stack) over the library SEED holds, and Django's models after SEED's requests.
LIBRARY = [("Mary Shelley", [("Frankenstein", 1818), ("The Last Man", 1826), ("Letters", None)]),
           ("Ada Lovelace", [("Notes", 1843)])]  # what SEED's requests make, as rows
NOBODY = 'select(Author).where(Author.name == "Nobody")'
SESSIONS = {
    "sqlalchemy_detached.txt": ("fastapi", ['author = load_author(engine, "Mary Shelley")', "author.name", "author.books",
                                            'author = rename_author(engine, 1, "Mary W. Shelley")', "author.name"]),
    "sqlalchemy_fixed.txt": ("fastapi", ['author = load_author_with_books(engine, "Mary Shelley")',
                                         "[book.title for book in author.books]",
                                         'author = rename_author_keep_values(engine, 1, "Mary W. Shelley")', "author.name"]),
    "sqlalchemy_get.txt": ("fastapi", ["session.get(Author, 99)", f"session.scalars({NOBODY}).one()",
                                       'session.scalars(select(Book).join(Book.author).where(Author.name == "Mary Shelley")).one()',
                                       f"session.scalars({NOBODY}).one_or_none()", f"session.scalars({NOBODY}).first()"]),
    "django_lazy.txt": ("django", ['author = Author.objects.get(name="Mary Shelley")',
                                   "books = Book.objects.filter(year__gte=1820)", 'books = books.order_by("year")',
                                   "[book.title for book in books]", "[book.title for book in books]",
                                   "[book.title for book in author.books.all()]", "[book.title for book in author.books.all()]"]),
    "django_get.txt": ("django", ['Author.objects.get(name="Nobody")', 'Book.objects.get(author__name="Mary Shelley")',
                                  'Author.objects.filter(name="Nobody").first()']),
}
OUTPUTS = {**OUTPUTS, **{output: (framework, [f">>> {line}" for line in lines]) for output, (framework, lines) in SESSIONS.items()}}
BEFORE = {**BEFORE, "django_lazy.txt": SEED, "django_get.txt": SEED}
NAMESPACE = {"sqlalchemy_detached.txt": "sqlalchemy_library", "sqlalchemy_fixed.txt": "sqlalchemy_library",
             "sqlalchemy_get.txt": "sqlalchemy_session", "django_lazy.txt": "django_models", "django_get.txt": "django_models"}
SHOW_SQL = {**SHOW_SQL, "django_lazy.txt": "queries"}  # each line's query count
# The tables: the CREATE TABLE statements the test reads from SQLite's catalogue (sqlite_master) and
# lays out one column a line itself; no function of the snippets returns them.
NOT_IN_BROWSER = {
    f"{framework}_tables.txt": "the tables as SQLite stored them, which the test reads from sqlite_master and "
                               "lays out itself: no request to send"
    for framework in APPS
}
EDITABLE = {
    "flask": ["compare/orm/flask_app.py", "compare/orm/flask_models.py"],
    "fastapi": ["compare/orm/fastapi_app.py", "compare/orm/fastapi_models.py", "compare/orm/fastapi_schemas.py"],
    "django": ["compare/orm/django_app/views.py", "compare/orm/django_app/models.py",
               "compare/orm/django_app/urls.py", "compare/orm/django_app/settings.py"],
    **{output: ["compare/orm/session_lifetime.py", "compare/orm/fastapi_models.py"] for output in SESSIONS
       if output.startswith("sqlalchemy_")},
    **{output: ["compare/orm/django_app/models.py"] for output in ("django_lazy.txt", "django_get.txt")},
}


def _library(engine):
    """LIBRARY's authors and books, in plain SQLAlchemy (FastAPI's models)."""
    from sqlalchemy.orm import Session

    from compare.orm.fastapi_models import Author, Base, Book

    Base.metadata.create_all(engine)
    with Session(engine) as session:
        for name, books in LIBRARY:
            session.add(Author(name=name, books=[Book(title=title, year=year) for title, year in books]))
        session.commit()


def _engine():
    """An engine on a new in-memory SQLite database, one connection shared (StaticPool), with LIBRARY."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    engine = create_engine("sqlite://", poolclass=StaticPool)
    _library(engine)
    return engine


def sqlalchemy_library():
    """The names session_lifetime.py's sessions use: its functions, and `engine` (disposed after)."""
    from compare.orm import session_lifetime

    engine = _engine()
    try:
        yield {"engine": engine, **{name: value for name, value in vars(session_lifetime).items() if not name.startswith("_")}}
    finally:
        engine.dispose()


def sqlalchemy_session():
    """A Session on the library, and what its queries name (closed, and the engine disposed, after)."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from compare.orm.fastapi_models import Author, Book

    engine = _engine()
    try:
        with Session(engine) as session:
            yield {"session": session, "select": select, "Author": Author, "Book": Book}
    finally:
        engine.dispose()


def django_models():
    """The models Django's sessions query."""
    from compare.orm.django_app.models import Author, Book

    return {"Author": Author, "Book": Book}
