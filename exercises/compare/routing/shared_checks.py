"""The routing exercise's checks, the same in the three frameworks: each framework's checks.py makes
the `api` fixture and calls these.

`api.send(method, path, strict=False)` answers `(status, body)`: the JSON of an `application/json`
answer, else its content type (None without one). `strict` lets an exception in a view reach the
check (the reader sees the traceback); otherwise a crash is the status 500. `api.books` is the
reader's BOOKS, `api.original` a copy of it taken when the checks were imported (before any request),
`api.module` the module that holds it, `api.detail_paths()` a path for every route
that takes a parameter (its value sampled from the route's own converter: `1` for an int),
`api.add_bug(monkeypatch)` gives, for the check's duration, a route a view with a KeyError bug of
its own (a new route where the framework takes one, else the list's view) and answers its path, and `api.not_an_id` is the status the framework answers `/books/abc` with
(its converter or annotation refuses it: 404 in Flask and Django, 422 in FastAPI).
`api.route_paths()` a path for every GET route of the reader's app (an alias route too).
`api.exchange(method, path, headers)` answers an `Answer` of the reader's app, and `api.starter(method,
path, headers)` the starter's answer to the same request, read from the table recorded in the
framework's folder (starter_answers.json, `recorded`): `everything_else_stays` compares the two. The
table is recorded once from starter/ in a process of its own (tests/exercises/test_routing_answers.py,
`--update-outputs`), not computed next to the reader's code: a change to a class both apps would
share (`NotFound.description = ...`) moves the reader's answers only.

The rules hold over the whole app, not the one id of the task: every unknown id and every route that
shows a book; the list and the store the same after any request; the methods the starter took, no more.
"""

import copy
import json
import os
import re
from pathlib import Path

from exercises.batteries import starter_answers

BOOK_MISSING = {"detail": "Book not found"}
UNKNOWN_IDS = [99, 3, 0, 12345, 2**31, 2**63 + 1, 10**30]  # not only the 99 of the task: any id, however large, is looked up
OTHER_METHODS = ["POST", "PUT", "PATCH", "DELETE"]


class FailingStore(dict):
    """A BOOKS whose every read fails, as a database that is down would: not a missing book."""

    def _fail(self, *args, **kwargs):
        raise RuntimeError("the book store is down")

    __getitem__ = __contains__ = __iter__ = __len__ = get = keys = items = values = setdefault = _fail


def snapshot(books) -> dict:
    """A copy of BOOKS to compare with later: made when a checks.py is imported, before any request."""
    return copy.deepcopy(dict(books))


def book_list_still_works(api) -> None:
    status, body = api.send("GET", "/books", strict=True)
    assert status == 200, f"GET /books answered {status}, expected 200"
    assert body == list(api.books.values()), f"GET /books answered {body!r}"


def known_book(api, monkeypatch) -> None:
    for book_id in (1, 2):
        status, body = api.send("GET", f"/books/{book_id}", strict=True)
        assert status == 200, f"GET /books/{book_id} answered {status}, expected 200"
        assert body == api.books[book_id], f"GET /books/{book_id} answered {body!r}, expected {api.books[book_id]!r}"
    monkeypatch.setitem(api.books, 7, {"id": 7, "title": "Fluent Python"})  # ids need not follow each other
    status, body = api.send("GET", "/books/7")
    assert (status, body) == (200, api.books[7]), (
        f"[fits_ids] with a book 7 added to BOOKS, GET /books/7 answered {status} {body!r}")
    # The answer is BOOKS as it is now: not a cache of an earlier answer, either way.
    api.send("GET", "/books/8")
    monkeypatch.setitem(api.books, 8, {"id": 8, "title": "Architecture Patterns with Python"})
    status, body = api.send("GET", "/books/8")
    assert (status, body) == (200, api.books[8]), (
        f"[stale_answer] after GET /books/8 (no such book yet), book 8 was added to BOOKS, and GET /books/8 "
        f"answered {status} {body!r}, expected the book: the answer must read BOOKS at each request")


def unknown_book_is_json_404(api, monkeypatch) -> None:
    status, body = api.send("GET", "/books/99", strict=True)
    assert status == 404, f"{'[not_found_is_200] ' if status == 200 else ''}GET /books/99 answered {status}, expected 404"
    assert body is not None, "[not_json] GET /books/99 answered with no Content-Type, expected JSON"
    assert not isinstance(body, str), f"[not_json] GET /books/99 answered {body}, expected JSON"
    assert body == BOOK_MISSING, f"[wrong_detail] GET /books/99 answered {body!r}, expected {BOOK_MISSING!r}"
    raw = api.exchange("GET", "/books/99", {}).body
    assert _json(raw) == BOOK_MISSING, (
        f"[not_utf8] GET /books/99 answered the bytes {raw[:32]!r}, expected JSON in UTF-8 without a byte order mark "
        "(RFC 8259): a client that reads JSON as UTF-8, as most do, cannot read it")
    reason = api.exchange("GET", "/books/99", {}).reason  # "" where the framework sends none (ASGI)
    assert reason in ("", "NOT FOUND"), (
        f"[reason_phrase] GET /books/99 answered 404 {reason.title()}, expected 404 Not Found: a client or a proxy may log "
        "the reason phrase, and the body says which resource is missing")
    for book_id in UNKNOWN_IDS[1:]:
        status, other = api.send("GET", f"/books/{book_id}")
        assert (status, other) == (404, body), (
            f"[fits_ids] GET /books/{book_id} (no such book either) answered {status} {other!r}, "
            "expected the same 404 as /books/99")
    api.send("GET", "/books/2")
    with monkeypatch.context() as patch:
        patch.delitem(api.books, 2)
        status, other = api.send("GET", "/books/2")
    assert (status, other) == (404, body), (
        f"[stale_answer] GET /books/2 showed the book; with book 2 then removed from BOOKS, it answered {status} "
        f"{other!r}, expected 404 {body!r}: the answer must read BOOKS at each request")
    # Every route that shows a book answers a missing one the same way (a second route to the books too).
    shown = api.books[1]
    for path in api.detail_paths():
        if api.send("GET", path) != (200, shown):
            continue  # not a route that shows book 1
        with monkeypatch.context() as patch:
            patch.delitem(api.books, 1)
            status, other = api.send("GET", path)
        assert (status, other) == (404, BOOK_MISSING), (
            f"[unguarded_route] GET {path} shows book 1; with book 1 removed from BOOKS it answered "
            f"{status} {other!r}, expected 404 {BOOK_MISSING!r}: every route that shows a book needs the 404")


def unknown_route_keeps_its_404(api) -> None:
    status, body = api.send("GET", "/nope")
    assert status == 404 and body != BOOK_MISSING, (
        f"[masks_404] GET /nope (no route matches it) answered {status} {body!r}, expected the framework's own 404, "
        "not the book message")
    status, body = api.send("GET", "/books/abc")
    assert status == api.not_an_id and body != BOOK_MISSING, (
        f"[no_int_converter] GET /books/abc (not an id) answered {status} {body!r}, expected the framework's own "
        f"{api.not_an_id}, as the starter answered it")


def other_bugs_stay_500(api, monkeypatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(api.module, "BOOKS", FailingStore(api.books))
        status, body = api.send("GET", "/books/1")
    assert status == 500, (
        f"[masks_bugs] with a BOOKS whose reads raise RuntimeError, GET /books/1 answered {status} {body!r}, "
        "expected 500: a crash is not a missing book")
    path = api.add_bug(monkeypatch)
    status, body = api.send("GET", path)
    assert status == 500, (
        f"[masks_bugs] with a KeyError bug in the view of GET {path}, it answered {status} {body!r}, "
        "expected 500: an error handler turns unrelated bugs into 404s")


def requests_leave_books_alone(api) -> None:
    before = api.original  # BOOKS as the checks found it, before any request (the other checks' included)
    for path in ("/books/99", "/books/0", "/books/4242", "/books/1", "/nope"):
        api.send("GET", path)
    assert dict(api.books) == before, (
        f"[changes_books] after GET /books/99 and other reads, BOOKS is {dict(api.books)!r}, expected "
        f"{before!r}: a read must not write to the store")
    status, body = api.send("GET", "/books")
    in_order = sorted(body, key=repr) if isinstance(body, list) else body  # the checks' own edits reorder BOOKS
    assert status == 200 and in_order == sorted(before.values(), key=repr), (
        f"[changes_books] after those reads GET /books answered {status} {body!r}, expected the books {list(before.values())!r}")


def other_methods_still_405(api) -> None:
    for path in ("/books", "/books/1", "/books/99"):
        for method in OTHER_METHODS:
            status, body = api.send(method, path)
            assert status == 405, (
                f"[opens_methods] {method} {path} answered {status} {body!r}, expected 405: the routes take GET "
                "(and HEAD) only, as in the starter")
            assert body != BOOK_MISSING, (
                f"[masks_404] {method} {path} answered 405 with the book message, expected the framework's own 405")


# What a client sees of one answer, and the recorded table's format: exercises/batteries/starter_answers.py,
# which the responses exercise shares.
Answer, PER_REQUEST, LISTS, answer = (starter_answers.Answer, starter_answers.PER_REQUEST, starter_answers.LISTS,
                                      starter_answers.answer)


# "Everything else stays as it was": a rule over every request, checked against the starter itself.
# The paths: the two routes, their near misses (a trailing slash, a sign, digits that are not ASCII,
# which `int()` would read), the framework's own pages, paths no route matches.
PATHS = ("/books", "/books/", "/books/1", "/books/1/", "/books/2", "/books/99", "/books/0", "/books/-1", "/books/+1",
         "/books/01", "/books/1.0", "/books/%201", "/books/abc", "/books/1/extra",
         "/books/%D9%A1", "/books/%DB%B1", "/books/%E0%A5%A7", "/books/%EF%BC%91", "/books/%F0%9D%9F%8F",
         "/", "/nope", "/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json", "/static/app.js", "/admin/",
         "/docs/", "/docs/oauth2-redirect/", "/redoc/", "/openapi.json/")
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE")
API_DOCS = ("/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json")  # FastAPI's own pages
ORIGIN = "https://elsewhere.example"
VARIANTS = (  # (method, headers): a CORS preflight, a cross-site read, a foreign Host and the test client's own
    ("OPTIONS", {"Origin": ORIGIN, "Access-Control-Request-Method": "DELETE", "Access-Control-Request-Headers": "content-type"}),
    ("GET", {"Origin": ORIGIN}),
    ("GET", {"Host": "evil.example"}),
    ("GET", {"Host": "testserver"}),
)


def _requests(more_paths=()):
    for path in PATHS + tuple(p for p in more_paths if p not in PATHS):
        for method in METHODS:
            yield method, path, {}
        for method, headers in VARIANTS:
            yield method, path, headers


_shown = starter_answers.shown


def everything_else_stays(api) -> None:
    if os.environ.get(RECORD):  # the recording run against starter/ (test_routing_answers.py): never a pass
        Path(os.environ[RECORD]).write_text(dumps(record(api.exchange, getattr(api, "settings", {}))), encoding="utf-8")
        raise RuntimeError(f"recorded the starter's answers ({RECORD} is set): nothing was checked")
    for method, path, headers in _requests(api.route_paths()):  # and every GET route of the reader's app
        said = f" ({', '.join(f'{name}: {value}' for name, value in headers.items())})" if headers else ""
        starter, got = api.starter(method, path, headers), api.exchange(method, path, headers)
        if starter.status == 500:  # the starter's crash, at an unknown id: the task's own change
            missing_book_answered_like_a_book(api, method, path, headers, said, got)
            continue
        # The body too, but for the books' own answers (the list's order follows the checks' edits of
        # BOOKS) and the OpenAPI schema (a 404 the reader documents is a right change).
        body = not (path.startswith("/books") and 200 <= starter.status < 300) and path != "/openapi.json"
        same = (got.status, got.reason, got.headers) == (starter.status, starter.reason, starter.headers)
        if path in OTHER_DIGITS and not same:
            not_an_id = api.starter(method, "/books/abc", headers)  # the framework's answer to a path that is no id
            if (got.status, got.reason, got.headers, got.body) == tuple(not_an_id):
                continue  # an id is ASCII digits: Flask's `int` reads these (the starter's answer), refusing them is right too
            assert not 200 <= got.status < 300, (
                f"[unicode_digits] {method} {path}{said} answered {_shown(got, body)}, the starter answered "
                f"{_shown(starter, body)}: an id is written in the ASCII digits 0-9, one URL for each book")
        if (got.status, starter.status) == (422, 422):  # FastAPI's answer to a path that is no id
            mine, theirs = _parameter_names(got.body), _parameter_names(starter.body)
            assert not (mine and theirs and mine != theirs and _without_names(got.body) == _without_names(starter.body)), (
                f"[renamed_parameter] {method} {path}{said} answered 422 naming the path parameter {mine}, the "
                f"starter named it {theirs}: the name is part of the API, in the 422 body's `loc` and in the "
                "OpenAPI schema")
        if path in API_DOCS and starter.status == 200 and got.status == 404:  # sound in production, not in this task
            assert False, (
                f"[docs_off] {method} {path}{said} answered {_shown(got, body)}, the starter answered "
                f"{_shown(starter, body)}: everything but the missing book stays as it was")
        assert same and (not body or got.body == starter.body), (
            f"[changes_other_answers] {method} {path}{said} answered {_shown(got, body)}, the starter answered "
            f"{_shown(starter, body)}: everything but the missing book stays as it was")


OTHER_DIGITS = tuple(p for p in PATHS if p.startswith("/books/%") and p != "/books/%201")  # one, in other scripts' digits


def _parameter_names(body: bytes):
    """The names a FastAPI 422 body gives the parameters it refuses (the last item of each `loc`)."""
    data = _json(body)
    try:
        return [item["loc"][-1] for item in data["detail"]]
    except (TypeError, KeyError, IndexError):
        return None


def _without_names(body: bytes):
    data = _json(body)
    for item in data["detail"]:
        item["loc"] = item["loc"][:-1]
    return data


def missing_book_answered_like_a_book(api, method: str, path: str, headers: dict, said: str, got: Answer) -> None:
    """Where the starter crashed (an id it has no book for), the reader's answer is the 404 of the
    task, for every method and variant the starter answered a known book with: 404 with the book
    message (no body for HEAD), and the same headers as the starter's answer to the same request for
    book 1, but its JSON content type. A 404 that opens itself to other origins, or HEAD left to crash, is no
    such answer."""
    known = api.starter(method, "/books/1", headers)
    if known.status != 200:
        return
    expected_headers = {name: value for name, value in known.headers.items() if name != "content-type"}
    headers_got = {name: value for name, value in got.headers.items() if name != "content-type"}
    body_ok = got.body == b"" if method == "HEAD" else _json(got.body) == BOOK_MISSING
    assert (got.status, headers_got) == (404, expected_headers) and body_ok and "json" in got.headers.get("content-type", ""), (
        f"{method} {path}{said} answered {_shown(got, True)}, expected 404 with "
        f"{'no body' if method == 'HEAD' else BOOK_MISSING} and the headers of the starter's answer for book 1, "
        f"{expected_headers}: an unknown id gets the same 404 whatever the method and headers of the request")


def _json(body: bytes):
    import json

    try:
        return json.loads(body.decode("utf-8"))
    except ValueError:
        return None


# The starter's answers, recorded: the table holds its answer to every request of _requests() (the
# PATHS), and a rule stands for the paths it does not list, which a reader's GET route may add:
# `/books/<ASCII digits>` answers as the recorded `/books/<that int>` if there is one, else as
# `/books/99` (an id the starter has no book for), `/books/<one segment>/` as `/books/1/` (its
# `location` naming the path asked), `/static/<anything>` as `/static/app.js` (Flask routes it to
# its static folder), and any other path as `/nope`, a path the starter routes nowhere. `record`
# checks the rule on the live starter at every path of PROBES (and every method and variant): a
# starter whose answers the rule misses cannot be recorded.
RECORD = "ROUTING_RECORD_STARTER"  # where the recording run (tests/exercises/test_routing_answers.py) has the table written
ANSWERS = starter_answers.ANSWERS
UNLISTED = "/nope"
ID_PATH = re.compile(r"/books/([0-9]+)")
SLASHED = re.compile(r"/books/([^/]+)/")  # FastAPI redirects it to the path without the slash
PROBES = ("/books/3", "/books/007", "/books/0001", "/books/12345678901234567890", "/books/2/", "/books/42/",
          "/api/books", "/api/books/1", "/v2/books/1", "/books/1/reviews", "/books/abc/def", "/books-old",
          "/BOOKS", "/check/bug", "/static/site.css", "/favicon.ico", "/robots.txt", "/a/b/c/", "/admin/login/",
          "/books/1/edit/", "/%E2%82%AC", "/books/%D9%A1/")


dumps, _key = starter_answers.dumps, starter_answers.key


def _stands_for(path: str, listed) -> tuple[str, str]:
    """The recorded path whose answer stands for `path`, and the text of its `location` to replace."""
    if path in listed:
        return path, ""
    if m := ID_PATH.fullmatch(path):
        return (f"/books/{int(m[1])}" if f"/books/{int(m[1])}" in listed else "/books/99"), ""
    if m := SLASHED.fullmatch(path):
        return "/books/1/", f"/books/{m[1]}"
    if path.startswith("/static/"):  # Flask's own route to the static folder
        return "/static/app.js", ""
    return UNLISTED, ""


def lookup(table: dict):
    """The starter's answer to a request, from a recorded table (and its rule for unlisted paths)."""
    answers = {_key(e["method"], e["path"], e["request_headers"]): e for e in table["answers"]}
    listed = {e["path"] for e in table["answers"]}

    def starter(method: str, path: str, headers: dict) -> Answer:
        stands, asked = _stands_for(path, listed)
        e = answers[_key(method, stands, headers)]
        headers_ = dict(e["headers"])
        if asked and "location" in headers_:
            headers_["location"] = headers_["location"].replace("/books/1", asked)
        return Answer(e["status"], e["reason"], headers_, e["body"].encode("utf-8"))

    return starter


def recorded(folder):
    """The starter's answers recorded in `folder` (the framework's), read at the first request."""
    table = {}

    def starter(method: str, path: str, headers: dict) -> Answer:
        if not table:
            table.update(json.loads((Path(folder) / ANSWERS).read_text(encoding="utf-8")))
            table["lookup"] = lookup(table)
        return table["lookup"](method, path, headers)

    return starter


def recorded_settings(folder) -> dict:
    """The starter's settings the recording run wrote into the table (the names `api.settings` gives)."""
    return json.loads((Path(folder) / ANSWERS).read_text(encoding="utf-8")).get("settings", {})


def record(exchange, settings: dict) -> dict:
    """The table of the app `exchange` answers for (the starter, in the recording run)."""
    table = {"about": "The starter's answers, recorded by tests/exercises/test_routing_answers.py "
                      "(python3 dev.py test --stack latest tests/exercises/test_routing_answers.py --update-outputs); "
                      "read by shared_checks.recorded.",
             "settings": settings, "answers": []}
    for method, path, headers in _requests():
        got = exchange(method, path, headers)
        table["answers"].append({"method": method, "path": path, "request_headers": headers, "status": got.status,
                                 "reason": got.reason, "headers": got.headers, "body": got.body.decode("utf-8")})
    starter = lookup(table)
    for path in PROBES:
        for method, _, headers in ((m, p, h) for m, p, h in _requests() if p == PATHS[0]):
            got, rule = exchange(method, path, headers), starter(method, path, headers)
            if got != rule:
                raise RuntimeError(f"the rule for unlisted paths misses {method} {path} {headers}: the starter "
                                     f"answered {got}, the rule says {rule}")
    return table
