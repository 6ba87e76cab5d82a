"""The ORM exercise's checks, the same in the three frameworks: each framework's checks.py makes the
`get` fixture (its app on an in-memory SQLite database, the SQL it sends recorded) and calls these.

`get(url, cause="")` answers the JSON of a 200 (a failure is tagged `cause`), and has `.statements`,
`.parameters` (the last request's SQL and the values sent beside it) and `.add(title, author)`.

The rules hold on every request shape the app answers (no `?author=`, an author with books, one with
none), and "that author" means exactly the name the query string gives: the checks draw names from a
fixed, seeded space (case, accents, padding, `+` and `%`) and store, beside each, the other authors a
rewrite of it would reach (`.lower()`, `.title()`, `.strip()`, `unquote_plus()`, ...). Deterministic
and without Hypothesis, so the same run happens in the terminal and in the browser's Check.
"""

import random
from collections import Counter
import re
import unicodedata
from urllib.parse import quote, unquote_plus

BOOKS = [("Cryptonomicon", "Neal Stephenson"), ("Wise Blood", "Flannery O'Connor"), ("Dune", "Frank Herbert"),
         ("Anathem", "Neal Stephenson"), ("Blindsight", "Peter Watts")]


def titles(body) -> list[str]:
    return [book["title"] for book in body]


def selects(get) -> list[str]:
    return [s for s in get.statements if s.upper().startswith("SELECT")]


# An ORDER BY whose first key is the title: `"library_book"."title" ASC`, `books.title`, `lower(title)`.
ORDER_BY_TITLE = re.compile(r'\bORDER BY\s+(?:\w+\()?(?:"?\w+"?\.)?"?title"?(?![\w"])', re.IGNORECASE)
# `ORDER BY 1`: Django's `.values()` orders by the position of the selected column.
ORDER_BY_POSITION = re.compile(r"\bORDER BY\s+(\d+)\b", re.IGNORECASE)
TITLE_COLUMN = re.compile(r'^(?:"?\w+"?\.)?"?title"?(?:\s+AS\s+"?\w+"?)?$', re.IGNORECASE)
ALL_TITLES = sorted(t for t, _ in BOOKS)
# Every request shape the app answers: the whole list, an author with books, an author with none.
SHAPES = [None, "Neal Stephenson", "Nobody"]


def orders_by_title(statement: str) -> bool:
    """The statement's ORDER BY starts with the title, by name or by its position in the SELECT list."""
    if ORDER_BY_TITLE.search(statement):
        return True
    position = ORDER_BY_POSITION.search(statement)
    columns = re.match(r"\s*SELECT\s+(?:DISTINCT\s+)?(.*?)\s+FROM\s", statement, re.IGNORECASE | re.DOTALL)
    if not position or not columns:
        return False
    selected = [c.strip() for c in columns.group(1).split(",")]
    number = int(position.group(1))
    return 0 < number <= len(selected) and bool(TITLE_COLUMN.match(selected[number - 1]))


def misordered(get) -> str:
    """The cause when the right books come in another order: an ORDER BY of another key, or none."""
    return "ordered_by_another_key" if any("ORDER BY" in s.upper() for s in selects(get)) else "filtered_not_ordered"


def url_for(author: str | None) -> str:
    return "/books" if author is None else "/books?author=" + quote(author, safe="")


def every_book_is_listed(get):
    body = get("/books")
    assert sorted(titles(body)) == ALL_TITLES, f"GET /books answered {body!r}"
    get("/books?author=Neal Stephenson")
    get.add("Zodiac", "Neal Stephenson")  # a book added after the first request is listed by the next
    body = get("/books")
    if "Zodiac" not in titles(body):
        assert selects(get), (
            f"[rows_read_once] after a book was added, GET /books answered {titles(body)!r}, without the new 'Zodiac'")
        assert False, (f"[list_cut] after a book was added, GET /books answered {len(body)} books, "
                       f"without the new 'Zodiac': the list stops before the last book")
    body = get("/books?author=Neal Stephenson")  # and by the author's list, which no cache may keep
    assert "Zodiac" in titles(body), (
        f"[rows_read_once] after a book was added, GET /books?author=Neal Stephenson answered {titles(body)!r}, "
        f"without the new 'Zodiac'")
    # Every row, however many: more books than any cap a learner picks (LIMIT 10, 50, a slice), a second
    # copy of a book and another author's book of the same title (no DISTINCT, no dict keyed by title).
    books = [*BOOKS, ("Zodiac", "Neal Stephenson"), ("Dune", "Frank Herbert"), ("Dune", "Zoë Ng")]
    books += [(f"Volume {number:03d}", "Neal Stephenson") for number in range(120)]
    for title, author in books[len(BOOKS) + 1:]:
        get.add(title, author)
    for author in (None, "Neal Stephenson"):
        url = url_for(author)
        body = get(url)
        got = Counter((book["title"], book["author"]) for book in body)
        expected = Counter(book for book in books if author in (None, book[1]))
        capped = [s for s in selects(get) if re.search(r"\b(LIMIT|OFFSET|DISTINCT)\b", s, re.IGNORECASE)]
        assert not expected - got and not capped, (  # each of the books (the filter is checked elsewhere)
            f"[list_cut] GET {url} answered {len(body)} books, expected {expected.total()} (among them two copies of "
            f"Dune by Frank Herbert and a Dune by Zoë Ng): every row is listed, without a limit or a merge: {capped[:1]}")


def database_orders_and_filters(get, author: str | None, url: str):
    """The SELECT the request just sent orders by the title and, with an author, filters in SQL."""
    sql = selects(get)
    assert sql, f"[rows_read_once] GET {url} sent no SELECT: its rows were read before the request, once"
    # The rows came in title order: an ORDER BY that names the title after another key got them so (the
    # author's list by `author, title`); without the title in it, Python sorted them.
    by_another_key = any(re.search(r"\bORDER BY\b.*\btitle\b", s, re.IGNORECASE) for s in sql)
    unordered = "ordered_by_another_key" if by_another_key else "sorted_in_python"
    if author is None:
        assert any(orders_by_title(s) for s in sql), (
            f"[{unordered}] the SELECT sent for GET {url} does not ORDER BY the title: {sql}")
        return
    assert any("WHERE" in s.upper() for s in sql), f"[filtered_in_python] the SELECT sent for GET {url} has no WHERE: {sql}"
    assert any("WHERE" in s.upper() and orders_by_title(s) for s in sql), (
        f"[{unordered}] the SELECT sent for GET {url} filters but does not ORDER BY the title: {sql}")


def books_are_ordered_by_title(get):
    # Titles in lower case too: the title's own order (the database's, code point by code point, as
    # Python's sorted()) puts `apple` after `Wise Blood`; an order that ignores case would not.
    books = [*BOOKS, ("apple", "Peter Watts"), ("bell", "Neal Stephenson")]
    for title, author in books[len(BOOKS):]:
        get.add(title, author)
    by_author = {}
    for title, author in books:
        by_author.setdefault(author, []).append(title)
    every_title = sorted(t for t, _ in books)
    for author in SHAPES:  # the rule holds on every request shape, not only on GET /books
        url = url_for(author)
        body = get(url, cause="" if author is None else "no_books_is_an_empty_list")
        expected = every_title if author is None else sorted(by_author.get(author, []))
        if author is None and titles(body) != expected:
            ordered_otherwise = any("ORDER BY" in s.upper() for s in selects(get))
            assert not ordered_otherwise, (
                f"[ordered_by_another_key] GET /books answered the titles in this order: {titles(body)!r}, "
                f"expected {expected!r}: {selects(get)}")
            assert False, f"GET /books answered the titles in this order: {titles(body)!r}"
        if author is not None and sorted(titles(body)) == expected:
            assert titles(body) == expected, (
                f"[{misordered(get)}] GET {url} answered {titles(body)!r}, expected {expected!r}")
        database_orders_and_filters(get, author, url)


def _names(seed=45, count=8) -> list[str]:
    """Author names: those the rewrites learners write change (case, accents, padding, `+`, `%`), then
    `count` drawn from a fixed seed, so every run (and the browser's) asks the same."""
    names = ["bell hooks", "John le Carré", "Flannery O'Connor", " padded ", "a+b", "100%", "R%26D", "ÆSOP",
             "Zoe\u0301 Ng",  # é decomposed (NFD), as macOS file names and some keyboards send it
             "María Ana Josefina de la Santísima Trinidad Fernández de Córdoba y Álvarez de Toledo Ruiz de Bobadil",
             "ﬁona ǅ"]  # the column's 100 characters, then compatibility characters (NFKC changes them)
    words = ["anne", "de", "la", "MARÍA", "van", "der", "Ng", "straße", "o'brien", "Łukasz", "le", "McDonald",
             "İlkay", "ǅemal", "+", "50%", "&", "Zoë"]
    assert len(names[9]) == 100
    rng = random.Random(seed)
    while len(names) < 11 + count:
        name = " ".join(rng.choice(words) for _ in range(rng.randint(1, 3)))
        name = " " * rng.choice((0, 0, 1)) + name + " " * rng.choice((0, 0, 2))
        if name not in names:
            names.append(name)
    return names


def _rewrites(name: str) -> set[str]:
    """The other names a rewrite of `name` reaches: each is another author here."""
    return {name.lower(), name.upper(), name.title(), name.strip(), name.casefold(), name.swapcase(),
            unquote_plus(name), " ".join(name.split()), name.strip().title(),
            *(unicodedata.normalize(form, name) for form in ("NFC", "NFD", "NFKC", "NFKD"))} - {name}


def exactly_that_author(get, name: str, by_author: dict):
    url = url_for(name)
    expected = sorted(by_author.get(name, []))
    body = get(url, cause="sql_from_input" if "'" in name else "name_changed" if len(name) > 40 else "no_books_is_an_empty_list")
    got = titles(body)
    if got != expected:
        everything = sorted(t for books in by_author.values() for t in books)
        if any(name in s for s in selects(get)):
            cause = "sql_from_input"
        elif sorted(got) == expected:
            cause = misordered(get)
        elif name in got:
            cause = "author_or_title"
        elif sorted(got) == everything:
            cause = "author_ignored"
        else:
            cause = "name_changed"
        assert False, f"[{cause}] GET /books?author={name!r} answered {got!r}, expected {expected!r}"
    database_orders_and_filters(get, name, url)


def filter_by_author(get):
    body = get("/books?author=Neal Stephenson")
    expected = ["Anathem", "Cryptonomicon"]
    assert sorted(titles(body)) == expected, f"GET /books?author=Neal Stephenson answered {titles(body)!r}"
    assert titles(body) == expected, f"[{misordered(get)}] GET /books?author=Neal Stephenson answered {titles(body)!r}, expected {expected!r}"
    sql = selects(get)
    url = "/books?author=Neal Stephenson"
    assert sql, f"[rows_read_once] GET {url} sent no SELECT: its rows were read before the request, once"
    assert any("WHERE" in s.upper() for s in sql), f"[filtered_in_python] the SELECT sent for ?author=Neal Stephenson has no WHERE: {sql}"
    assert not any("Stephenson" in s for s in sql), (
        f"[sql_from_input] the name is written into the SQL text instead of passed as a parameter "
        f"(the ORM's filter passes it beside the SQL): {sql}")
    body = get("/books?author=Nobody", cause="no_books_is_an_empty_list")
    assert body == [], (f"[author_ignored] GET /books?author=Nobody answered {titles(body)!r}, expected []: "
                        "no book is by Nobody")
    for part in ("Neal", "%"):
        body = get(f"/books?author={quote(part)}")
        assert body == [], f"[partial_match] GET /books?author={part} answered {titles(body)!r}, expected [] (no author is called {part!r})"
    get("/books?author=Neal Stephenson")
    bound = [v for s, p in zip(get.statements, get.parameters) if "WHERE" in s.upper()
             for v in (p.values() if isinstance(p, dict) else p or ())]
    assert "Neal Stephenson" in bound, (
        f"[name_changed] the value bound for the author is not the name from the query string: "
        f"{bound!r}, expected 'Neal Stephenson'")
    body = get("/books?author=' OR '1'='1", cause="sql_from_input")
    assert body == [], f"[sql_from_input] GET /books?author=' OR '1'='1 answered {titles(body)!r}, expected []"
    body = get("/books?author=Dune")
    assert body == [], (f"[author_or_title] GET /books?author=Dune answered {titles(body)!r}, expected []: "
                        "Dune is a title, no author is called 'Dune'")
    # An empty ?author= is the learner's to read (the statement says so): every book, as no author, or
    # none, as the author '' whom no book has; nothing else.
    body = get("/books?author=", cause="author_ignored")
    assert titles(body) in ([], ALL_TITLES), (
        f"[author_ignored] GET /books?author= answered {titles(body)!r}, expected every book or []")
    for query in ("title=Dune", "author__startswith=Neal", "id=1"):  # only ?author= filters
        body = get(f"/books?{query}", cause="lookups_from_input")
        assert sorted(titles(body)) == ALL_TITLES, (
            f"[lookups_from_input] GET /books?{query} answered {titles(body)!r}, expected every book: only ?author= filters")
    # ?author= twice: one author's books, the value the framework reads (get.reads: Flask the first,
    # Django and FastAPI the last), never both authors' together.
    for first, last in (("Neal Stephenson", "Frank Herbert"), ("Frank Herbert", "Neal Stephenson")):
        body = get(f"/books?author={quote(first)}&author={quote(last)}")
        read = first if get.reads == "first" else last
        expected = sorted(t for t, a in BOOKS if a == read)
        assert titles(body) == expected, (
            f"[several_authors] GET /books?author={first}&author={last} answered {titles(body)!r}, expected "
            f"{expected!r}: {read}'s books, the value {get.framework} reads")
    # The property: for every name, exactly the books of that name, with the names its rewrites reach
    # stored as other authors (`bell hooks` and `Bell Hooks` are two authors).
    by_author = {}
    for title, author in BOOKS:
        by_author.setdefault(author, []).append(title)
    names = _names()
    number = 0
    for name in names:
        for author in [name, *sorted(_rewrites(name))]:
            if author not in by_author:
                number += 1
                title = f"Title {number:03d}"
                by_author[author] = [title]
                get.add(title, author)
    for name in names:
        exactly_that_author(get, name, by_author)
