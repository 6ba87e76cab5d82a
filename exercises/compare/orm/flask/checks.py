"""Checks of the ORM exercise, Flask: `python3 dev.py exercise orm/flask`."""

import re

import pytest
from app import Book, create_app, db
from sqlalchemy import event

BOOKS = [("Cryptonomicon", "Neal Stephenson"), ("Wise Blood", "Flannery O'Connor"), ("Dune", "Frank Herbert"),
         ("Anathem", "Neal Stephenson"), ("Blindsight", "Peter Watts")]


@pytest.fixture
def get():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True})  # in memory
    with app.app_context():
        db.create_all()
        db.session.add_all(Book(title=title, author=author) for title, author in BOOKS)
        db.session.commit()
        client = app.test_client()
        statements, parameters = [], []

        def record(conn, cursor, statement, params, *args):
            statements.append(" ".join(statement.split()))
            parameters.append(params)

        event.listen(db.engine, "before_cursor_execute", record)

        def add(title, author):
            db.session.add(Book(title=title, author=author))
            db.session.commit()

        def get(url, cause=""):
            tag = f"[{cause}] " if cause else ""
            statements.clear()
            parameters.clear()
            try:
                response = client.get(url)
            except Exception as error:  # TESTING propagates the app's exception
                raise AssertionError(f"{tag}GET {url} raised {type(error).__name__}: {error}"[:300]) from None
            assert response.status_code == 200, f"{tag}GET {url} answered {response.status_code}, expected 200"
            return response.get_json()

        get.statements, get.parameters, get.add = statements, parameters, add
        yield get
        db.session.remove()
        db.engine.dispose()


def titles(body) -> list[str]:
    return [book["title"] for book in body]


def selects(get) -> list[str]:
    return [s for s in get.statements if s.upper().startswith("SELECT")]


# An ORDER BY whose first key is the title: `"library_book"."title" ASC`, `books.title`, `lower(title)`.
ORDER_BY_TITLE = re.compile(r'\bORDER BY\s+(?:\w+\()?(?:"?\w+"?\.)?"?title"?(?![\w"])', re.IGNORECASE)
ALL_TITLES = sorted(t for t, _ in BOOKS)


def test_every_book_is_listed(get):
    body = get("/books")
    assert sorted(titles(body)) == ALL_TITLES, f"GET /books answered {body!r}"
    get.add("Zodiac", "Neal Stephenson")  # a book added after the first request is listed by the next
    body = get("/books")
    assert "Zodiac" in titles(body), (
        f"[rows_read_once] after a book was added, GET /books answered {titles(body)!r}, without the new 'Zodiac'")


def test_books_are_ordered_by_title(get):
    body = get("/books")
    assert titles(body) == ALL_TITLES, f"GET /books answered the titles in this order: {titles(body)!r}"
    sql = selects(get)
    assert sql, "[rows_read_once] GET /books sent no SELECT: its rows were read before the request, once"
    assert any(ORDER_BY_TITLE.search(s) for s in sql), (
        f"[sorted_in_python] the SELECT sent for GET /books does not ORDER BY the title: {sql}")


def test_filter_by_author(get):
    body = get("/books?author=Neal Stephenson")
    expected = ["Anathem", "Cryptonomicon"]
    assert sorted(titles(body)) == expected, f"GET /books?author=Neal Stephenson answered {titles(body)!r}"
    assert titles(body) == expected, f"[filtered_not_ordered] GET /books?author=Neal Stephenson answered {titles(body)!r}, expected {expected!r}"
    sql = selects(get)
    assert any("WHERE" in s.upper() for s in sql), f"[filtered_in_python] the SELECT sent for ?author=Neal Stephenson has no WHERE: {sql}"
    as_parameter = [s for s, p in zip(get.statements, get.parameters)
                    if "WHERE" in s.upper() and "Stephenson" not in s and any("Neal Stephenson" in str(v) for v in p or ())]
    assert as_parameter, (f"[sql_from_input] the name is written into the SQL text instead of passed as a parameter "
                          f"(the ORM's filter passes it beside the SQL): {sql}")
    assert get("/books?author=Nobody") == [], "an author without books should give an empty list"
    for part in ("Neal", "%"):
        body = get(f"/books?author={part}")
        assert body == [], f"[partial_match] GET /books?author={part} answered {titles(body)!r}, expected [] (no author is called {part!r})"
    body = get("/books?author=Flannery O'Connor", cause="sql_from_input")
    assert titles(body) == ["Wise Blood"], f"[sql_from_input] GET /books?author=Flannery O'Connor answered {titles(body)!r}, expected ['Wise Blood']"
    body = get("/books?author=' OR '1'='1", cause="sql_from_input")
    assert body == [], f"[sql_from_input] GET /books?author=' OR '1'='1 answered {titles(body)!r}, expected []"
    for query in ("title=Dune", "author__startswith=Neal", "id=1"):  # only ?author= filters
        body = get(f"/books?{query}", cause="lookups_from_input")
        assert titles(body) == ALL_TITLES, (
            f"[lookups_from_input] GET /books?{query} answered {titles(body)!r}, expected every book: only ?author= filters")
