"""The ORM exercise's checks, the same in the three frameworks: each framework's checks.py makes the
`get` fixture (its app on an in-memory SQLite database, the SQL it sends recorded) and calls these.

`get(url, cause="")` answers the JSON of a 200 (a failure is tagged `cause`), and has `.statements`,
`.parameters` (the last request's SQL and the values sent beside it) and `.add(title, author)`.
`no_author`: the cause when a request without `?author=` fails (FastAPI's required parameter: a 422).
"""

import re

BOOKS = [("Cryptonomicon", "Neal Stephenson"), ("Wise Blood", "Flannery O'Connor"), ("Dune", "Frank Herbert"),
         ("Anathem", "Neal Stephenson"), ("Blindsight", "Peter Watts")]


def titles(body) -> list[str]:
    return [book["title"] for book in body]


def selects(get) -> list[str]:
    return [s for s in get.statements if s.upper().startswith("SELECT")]


# An ORDER BY whose first key is the title: `"library_book"."title" ASC`, `books.title`, `lower(title)`.
ORDER_BY_TITLE = re.compile(r'\bORDER BY\s+(?:\w+\()?(?:"?\w+"?\.)?"?title"?(?![\w"])', re.IGNORECASE)
ALL_TITLES = sorted(t for t, _ in BOOKS)


def every_book_is_listed(get, no_author=""):
    body = get("/books", cause=no_author)
    assert sorted(titles(body)) == ALL_TITLES, f"GET /books answered {body!r}"
    get.add("Zodiac", "Neal Stephenson")  # a book added after the first request is listed by the next
    body = get("/books", cause=no_author)
    assert "Zodiac" in titles(body), (
        f"[rows_read_once] after a book was added, GET /books answered {titles(body)!r}, without the new 'Zodiac'")


def books_are_ordered_by_title(get, no_author=""):
    body = get("/books", cause=no_author)
    assert titles(body) == ALL_TITLES, f"GET /books answered the titles in this order: {titles(body)!r}"
    sql = selects(get)
    assert sql, "[rows_read_once] GET /books sent no SELECT: its rows were read before the request, once"
    assert any(ORDER_BY_TITLE.search(s) for s in sql), (
        f"[sorted_in_python] the SELECT sent for GET /books does not ORDER BY the title: {sql}")


def filter_by_author(get, no_author=""):
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
    body = get("/books?author=Nobody")
    assert body == [], (f"[author_ignored] GET /books?author=Nobody answered {titles(body)!r}, expected []: "
                        "no book is by Nobody")
    for part in ("Neal", "%"):
        body = get(f"/books?author={part}")
        assert body == [], f"[partial_match] GET /books?author={part} answered {titles(body)!r}, expected [] (no author is called {part!r})"
    body = get("/books?author=Flannery O'Connor", cause="sql_from_input")
    assert titles(body) == ["Wise Blood"], f"[sql_from_input] GET /books?author=Flannery O'Connor answered {titles(body)!r}, expected ['Wise Blood']"
    body = get("/books?author=' OR '1'='1", cause="sql_from_input")
    assert body == [], f"[sql_from_input] GET /books?author=' OR '1'='1 answered {titles(body)!r}, expected []"
    for query in ("title=Dune", "author__startswith=Neal", "id=1"):  # only ?author= filters
        body = get(f"/books?{query}", cause=no_author or "lookups_from_input")
        assert titles(body) == ALL_TITLES, (
            f"[lookups_from_input] GET /books?{query} answered {titles(body)!r}, expected every book: only ?author= filters")
