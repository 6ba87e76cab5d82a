"""Checks the three responses exercises share: each framework's checks.py passes `fetch(path,
headers=None, method="GET")`, which answers its test client's response, and `parts(response)`,
which answers (status, headers with lower-case names, body bytes).

A download is the same for every client: a browser's navigation sends `Accept: text/html`, a
`Mozilla/5.0` User-Agent and `Sec-Fetch-Dest: document`, and an answer chosen by those headers (the
old inline page for a browser) is the bug the task fixes. A `Content-Length` counts bytes, not
characters. The report is read with GET and HEAD, nothing else. It is built in memory: on a
read-only disk (every opening of a file for writing refused) it is answered all the same.
"""

import os
from pathlib import Path

from exercises.batteries import starter_answers
from guide_tools.exercises.support import content_disposition, media_type, read_only_disk

BROWSER = {  # what Chrome sends when the reader clicks a link to the report
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
    "Sec-Fetch-Dest": "document", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Site": "same-origin",
    "Sec-Fetch-User": "?1", "Upgrade-Insecure-Requests": "1",
}


# What real clients send as User-Agent: browsers, command-line tools, HTTP libraries, an empty one.
# The download must not depend on any of them, nor on Accept (SF7: "inline" for curl and wget).
USER_AGENTS = (
    BROWSER["User-Agent"],
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "curl/8.5.0",
    "Wget/1.21.4",
    "HTTPie/3.2.2",
    "python-requests/2.32.3",
    "python-httpx/0.28.1",
    "Go-http-client/1.1",
    "Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.19045; en-US) PowerShell/7.4.6",
    "",
)
ACCEPTS = (None, "*/*", BROWSER["Accept"], "text/csv", "application/json, */*;q=0.5", "text/plain")


def what_a_client_reads(parts, response) -> tuple:
    status, headers, body = parts(response)
    return (status, media_type(headers.get("content-type")), content_disposition(headers.get("content-disposition")),
            body)


def a_browser_gets_the_same_download(fetch, parts) -> None:
    plain = what_a_client_reads(parts, fetch("/report.csv"))
    browser = what_a_client_reads(parts, fetch("/report.csv", headers=BROWSER))
    assert browser == plain, (
        f"[depends_on_the_request] a browser's request for /report.csv (Accept: text/html, a Mozilla User-Agent, "
        f"Sec-Fetch-Dest: document) got {browser[:3]!r}, another client {plain[:3]!r}: the download must not depend "
        "on who asks")


def every_client_gets_the_same_download(fetch, parts) -> None:
    """The property behind "for every client that asks": the answer is the same whatever the
    User-Agent (a browser, curl, wget, HTTPie, a library, an empty one) and the Accept."""
    plain = what_a_client_reads(parts, fetch("/report.csv"))
    for agent in USER_AGENTS:
        for accept in ACCEPTS:
            headers = {"User-Agent": agent} | ({"Accept": accept} if accept is not None else {})
            got = what_a_client_reads(parts, fetch("/report.csv", headers=headers))
            assert got == plain, (
                f"[depends_on_the_request] a request for /report.csv with {headers!r} got {got[:3]!r}, one without "
                f"them {plain[:3]!r}: the download must not depend on who asks")


def built_in_memory(fetch) -> None:
    """GET /report.csv on a read-only disk: opening a file for writing fails, and no write is tried."""
    with read_only_disk() as writes:
        try:
            fetch("/report.csv")
        except Exception:  # the refused write, or a failure another check names
            if not writes:
                raise
    assert not writes, (
        f"[written_to_disk] on a read-only disk GET /report.csv tried to write {writes[0]!r}: expected the report "
        "built in memory, nothing written to disk")


def length_counts_bytes(parts, response) -> None:
    _, headers, body = parts(response)
    length = headers.get("content-length")
    assert length is None or int(length) == len(body), (
        f"[length_in_characters] Content-Length is {length}, but the body is {len(body)} bytes: a server cuts the "
        "body short or fails; count the bytes of the encoded text, or let the framework set it")


def only_get_and_head(fetch, parts, head: bool) -> None:
    for method in ("POST", "PUT", "DELETE"):
        status = parts(fetch("/report.csv", method=method))[0]
        assert status == 405, (
            f"[other_methods_allowed] {method} /report.csv answered {status}, expected 405: the report is read with "
            "GET (and HEAD) only")
    if head:
        status = parts(fetch("/report.csv", method="HEAD"))[0]
        assert status == 200, f"[head_refused] HEAD /report.csv answered {status}, expected 200, as GET does"


# Two requests at once. A server answers several requests together (threads, or tasks): a buffer or
# a writer kept in a module and reused by every request mixes their bodies. The page's Python has no
# threads, so the two requests run one inside the other, in an order that repeats: while the first
# is writing its report (BOOKS being read), the second asks for it and is answered.
class BooksReadTwiceAtOnce(list):
    """BOOKS whose reading, after its first row, has `inner()` (a second request for the report) answered."""

    def __init__(self, rows, inner):
        super().__init__(rows)
        self.inner, self.answers = inner, []

    def __iter__(self):
        for index, row in enumerate(list.__iter__(self)):
            if index == 1 and not self.answers:
                self.answers.append(None)  # the second request reads BOOKS too, without a third
                self.answers[0] = self.inner()
            yield row


def two_requests_at_once(fetch, parts, module, monkeypatch, rows, expected: str) -> None:
    books = BooksReadTwiceAtOnce(rows, lambda: parts(fetch("/report.csv")))
    monkeypatch.setattr(module, "BOOKS", books)
    outer = parts(fetch("/report.csv"))[2].decode("utf-8", "replace")
    inner = books.answers[0] if books.answers else None
    inner = expected if inner is None else inner[2].decode("utf-8", "replace")  # None: no second request was made
    assert (outer, inner) == (expected, expected), (
        f"[shared_between_requests] two requests for /report.csv at once (the second sent while the first was "
        f"reading BOOKS) answered {outer!r} and {inner!r}, expected {expected!r} each: each request builds its own "
        "report")


def each_header_once(raw_headers) -> None:
    """The two headers of the task, each sent once: the raw list, as a browser receives it (a second
    Content-Disposition makes Chrome refuse the download, other browsers pick either)."""
    raw_headers = list(raw_headers)
    for name in ("content-type", "content-disposition"):
        values = [value for header, value in raw_headers if header.lower() == name]
        assert len(values) <= 1, (
            f"[header_twice] GET /report.csv answered the header {name} {len(values)} times, {values!r}, "
            "expected it once: a browser refuses the download, or reads either value")


# "Everything else stays as it was": every request but the report's own answer, compared with the
# starter's answers, recorded (exercises/batteries/starter_answers.py). The paths: the report, its near
# misses (a slash, another case, other names ending in .csv, what an unanchored pattern would also
# match), the framework's own pages, paths no route matches; and every GET route of the reader's app.
REPORT = "/report.csv"
PATHS = (REPORT, "/report.csv/", "/report.csv/extra", "/report.CSV", "/reportXcsv", "/report", "/report/",
         "/report.html", "/report.txt", "/evil.csv", "/no-such-report.csv", "/", "/nope", "/docs", "/redoc",
         "/openapi.json", "/docs/oauth2-redirect", "/static/app.js", "/admin/")
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE")
ORIGIN = "https://elsewhere.example"
VARIANTS = (  # (method, headers): a CORS preflight, a cross-site read, a foreign Host (and one through a proxy's headers), the test client's own
    ("OPTIONS", {"Origin": ORIGIN, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "content-type"}),
    ("GET", {"Origin": ORIGIN}),
    ("GET", {"Host": "evil.example"}),
    ("GET", {"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}),
    ("GET", {"Host": "testserver"}),
)
PER_REQUEST = ("date", "server")  # the length stays: a middleware that sets it, taken away, changes the answers
THE_TASKS = ("content-type", "content-disposition", "content-length")  # what the task changes in the report's answer
# What serving a file adds to it (Flask's send_file, Django's FileResponse): said of the same bytes, allowed when added.
FILE_SERVING = ("accept-ranges", "cache-control", "etag", "last-modified")
RECORD = "RESPONSES_RECORD_STARTER"  # where the recording run (tests/exercises/test_responses_answers.py) has the table written
UNLISTED = "/nope"
PROBES = ("/reports.csv", "/x/report.csv", "/REPORT.CSV", "/report.csv.gz", "/report/2024.csv", "/favicon.ico",
          "/robots.txt", "/static/site.css", "/a/b/c/", "/admin/login/", "/export", "/%E2%82%AC")


def _requests(more_paths=()):
    for path in PATHS + tuple(p for p in more_paths if p not in PATHS):
        for method in METHODS:
            yield method, path, {}
        for method, headers in VARIANTS:
            yield method, path, headers


def _stands_for(path: str, listed) -> str:
    """The recorded path whose answer stands for `path`: itself, Flask's static route, or a path no route matches."""
    if path in listed:
        return path
    if path.startswith("/static/"):
        return "/static/app.js"
    return UNLISTED


def recorded(folder):
    return starter_answers.recorded(folder, _stands_for)


def record(exchange, settings: dict) -> dict:
    """The table of the app `exchange` answers for (the starter, in the recording run), its rule for
    unlisted paths checked at every path of PROBES."""
    table = starter_answers.table_of(exchange, _requests(), settings, about=(
        "The starter's answers, recorded by tests/exercises/test_responses_answers.py (python3 dev.py test --stack "
        "latest tests/exercises/test_responses_answers.py --update-outputs); read by shared_checks.recorded."))
    starter = starter_answers.lookup(table, _stands_for)
    for path in PROBES:
        for method, _, headers in ((m, p, h) for m, p, h in _requests() if p == PATHS[0]):
            got, rule = exchange(method, path, headers), starter(method, path, headers)
            if got != rule:
                raise RuntimeError(f"the rule for unlisted paths misses {method} {path} {headers}: the starter "
                                   f"answered {got}, the rule says {rule}")
    return table


def _operations(body: bytes):
    """What an OpenAPI schema lists: each path and its methods (not how a response is described)."""
    import json

    try:
        return {path: sorted(item) for path, item in json.loads(body.decode("utf-8"))["paths"].items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def everything_else_stays(api) -> None:
    if os.environ.get(RECORD):  # the recording run against starter/ (test_responses_answers.py): never a pass
        table = record(api.exchange, getattr(api, "settings", {}))
        Path(os.environ[RECORD]).write_text(starter_answers.dumps(table), encoding="utf-8")
        raise RuntimeError(f"recorded the starter's answers ({RECORD} is set): nothing was checked")
    for method, path, headers in _requests(api.route_paths()):
        starter, got = api.starter(method, path, headers), api.exchange(method, path, headers)
        asked = f"{method} {path}{starter_answers.said(headers)}"
        if path == REPORT and 200 <= starter.status < 300:  # the task's own change: two headers, nothing else
            mine = {n: v for n, v in got.headers.items() if n not in THE_TASKS
                    and not (n in FILE_SERVING and n not in starter.headers)}
            theirs = {n: v for n, v in starter.headers.items() if n not in THE_TASKS}
            assert (got.status, got.reason, mine, got.body) == (starter.status, starter.reason, theirs, starter.body), (
                f"[changes_other_answers] {asked} answered {starter_answers.shown(got, True)}, the starter answered "
                f"{starter_answers.shown(starter, True)}: only Content-Type and Content-Disposition change")
            continue
        if path == "/openapi.json" and starter.status == 200:  # a response described as CSV is the task's change
            assert (got.status, _operations(got.body)) == (starter.status, _operations(starter.body)), (
                f"[changes_other_answers] {asked} answered {got.status} listing {_operations(got.body)}, the starter "
                f"answered {starter.status} listing {_operations(starter.body)}: the API's operations stay as they were")
            continue
        assert got == starter, (
            f"[changes_other_answers] {asked} answered {starter_answers.shown(got, True)}, the starter answered "
            f"{starter_answers.shown(starter, True)}: everything but the report's two headers stays as it was")


def head_answers_as_get(api) -> None:
    """HEAD is GET without the body, at every path the app answers HEAD at: the same status and headers
    (what a download manager or a link checker reads before it asks for the file)."""
    for path in PATHS + tuple(p for p in api.route_paths() if p not in PATHS):
        head, get = api.exchange("HEAD", path, {}), api.exchange("GET", path, {})
        if head.status >= 400:  # HEAD refused: the comparison with the starter judges that
            continue
        assert (head.status, head.headers) == (get.status, get.headers), (
            f"[head_differs] HEAD {path} answered {starter_answers.shown(head, False)}, GET {path} answered "
            f"{starter_answers.shown(get, False)}: HEAD must answer GET's status and headers, without the body")
