"""Drivers: what produces a captured output, run by the tests and by the page's Run button alike.

A topic whose outputs run in the browser has a `drive.py` beside its snippets (for example
snippets/compare/routing/drive.py) declaring, for each captured output file, the framework and the
request that produced it:

    APPS = {"flask": "compare.routing.flask_app:app", "fastapi": "...:app", "django": "...settings"}
    OUTPUTS = {"flask_static.txt": ("flask", "GET /"), ...}

(an OUTPUTS entry may add a third item, the headers its transcript shows, when not the default).

A conversation: an OUTPUTS entry's request may be a list of requests, whose transcripts the output
shows one after the other (a blank line between), and `BEFORE = {output: [requests]}` names the
requests sent first to the same fresh app, not shown (create the tasks, then list them; log in,
then /me). Each must succeed (a status below 400), or the run stops and says which. Rows no
request can make (users with a password and a permission, a library of books for a read-only
view) come from `SETUP = {output: "function"}`: a function of the same drive.py, called with no
arguments on the fresh app's empty database before BEFORE's requests. An APPS
entry may be a tuple: a factory and its arguments (`("pkg.app:create_app", {"TESTING": True})`),
or for Django the settings module and the settings the run changes (a dict value updates the
module's: `{"REST_FRAMEWORK": {"PAGE_SIZE": 2}}`).

The SQL a request issued: `SHOW_SQL = {output: "statements"}` shows, after each shown request's
transcript, the statements the ORM sent to the database (Django's or SQLAlchemy's, by the output's
framework), transaction control left out; `"queries"` shows instead of the response the number of
queries and their shapes (literals as ?, column lists as …, `IN (…)`), grouped and counted: an N+1.
`sql_recorded(framework)` records them, `sql_text(view, ...)` writes them, for the tests too.

Part of a response: `CUT = {output: view}` shows only that part of each shown transcript's body
(`shown_part`): "main", the page's <main> element (the rest is the base template); or "status",
each request's line and its status, one aligned line each (`joined`). The test cuts with the same
function.

What a request sends beyond its text: a multipart body's lines end in CRLF, and `<N bytes of file
data>` is N bytes (`wire_body`); a header value `"<etag>"` is the ETag a GET of the same URL
answers with (`_revalidating`: a conditional request). The transcript shows the request as written.

A second app: `OUTPUT_APPS = {output: target}` names, as an APPS entry does, the app an output's
requests go to when it is not its framework's APPS entry (partials_flask.py beside flask_app.py;
for Django, settings with another ROOT_URLCONF, or an ASGI application, "module:application",
which its requests go through: `AsgiClient`, Channels' router). `app_target(driver, output)` reads it.

Code that reads the environment (a token store, an API key): `ENVIRON = {name: value}`, set by the
test (`environ(driver)`, through monkeypatch.setenv) and by a Run before it makes the app.

A service the code calls (a chat API) answers through a stand-in its test gives the app in its
existing configuration (an httpx transport passed to the factory): a function of drive.py makes the
app with it (OUTPUT_APPS names it, or a call uses it), and `STAND_IN = {output: name}` marks the
outputs it answers, so the page says so (one of STAND_INS: run.js has the note in each language).

A Python session: `(framework, [">>> line", ...])`, each line run (`session`) in the names the
function `NAMESPACE = {output: "function"}` names gives, echoed as an interactive session does.

What the code writes: `SHOW_CONSOLE = {output: view}` shows what it printed ("printed": the request
line, the printed lines and the status, instead of the response) or what reached the log after each
transcript ("logged": records and warnings), captured by `console_captured` in the test and the
browser alike. A Run captures everything the code writes; what its output does not show goes to
stdout (the browser console's plain log). Django's async path: `CLIENT = {output: "async"}`, the
requests sent through Django's AsyncClient (`converse_async`).

What a request carries from the answers before it, as a browser does (`Carried`): the client's
cookies, `name=<token>` in a form body (the field `name` of the last page received: a form's CSRF
token), `<name cookie>` (a cookie's value: X-CSRFToken), and a note after the path that is shown,
not sent (`GET /reports/  (logged in as bob)`). A SETUP function may return the cookies a login's
response sets (`django_login`), which the client then holds. `CSRF_CHECKED = [outputs]`: Django
outputs sent with CSRF checks on, as a browser's are (Django's test client skips them).

A function's result: an output that is what a function of the snippets returns (a report's lines,
a traceback it formats), not a response, is declared `(framework, "call module:function(arguments)")`,
the arguments Python literals or calls of dotted functions; `called(driver, output)` in the test and
`run_output` in the browser call it (a coroutine is run), on the framework's stack (Django configured
from APPS, or DJANGO_DEFAULTS), and a list becomes one line per item; SETUP, SHOW_SQL and SHOW_CONSOLE
apply. APPS needs no entry for a framework whose outputs are all calls.

Its test sends the requests with `converse(client, driver, output)` (`send(client, request)` for one
request) on a fresh app and checks the text against the output file; in the browser
`run_output(module, output)` makes the framework's client from APPS and sends the same requests
through the same functions. `render` is the transcript both print.

This module is copied into the browser (guide_tools/runtime/listings.py) and imports nothing of
the project beyond itself: keep it that way.
"""

from __future__ import annotations

import gc
import importlib
import inspect
import io
import json
import logging
import os
import re
import sys
import warnings
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager, nullcontext, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field

# Headers worth showing by default; the rest (length, date, server) only add noise.
DEFAULT_HEADERS = ("content-type", "location", "allow", "set-cookie", "www-authenticate")
IN_BROWSER = sys.platform == "emscripten"


# --------------------------------------------------------------------------- the transcript


def _parts(response) -> tuple[str, list[tuple[str, str]], str]:
    """(status line, headers, body) of a Werkzeug, httpx or Django test response."""
    if hasattr(response, "get_data"):  # Werkzeug (Flask test client)
        status = response.status  # e.g. "404 NOT FOUND", exactly what Werkzeug sends
        headers = list(response.headers.items())
        body = response.get_data(as_text=True)
    elif hasattr(response, "reason_phrase") and not hasattr(response, "streaming"):  # httpx (Starlette TestClient)
        status = f"{response.status_code} {response.reason_phrase}"
        headers = list(response.headers.items())
        body = response.text
    else:  # Django test client: cookies live in response.cookies, not in the headers
        status = f"{response.status_code} {response.reason_phrase}"
        headers = list(response.headers.items())
        headers += [("Set-Cookie", morsel.output(header="").strip()) for morsel in response.cookies.values()]
        body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    return status, headers, body


def _allowed(value: str) -> str:
    return ", ".join(sorted(method.strip() for method in value.split(",") if method.strip()))


def render(response, request: str, *, headers: Iterable[str] = DEFAULT_HEADERS) -> str:
    """A short HTTP transcript: the request line, the status, the headers that matter, the body.

    JSON bodies are pretty-printed (the page says so); everything else is shown as sent, except
    Allow's methods, shown in alphabetical order: Werkzeug builds the list from a set (another
    order on every run) and DRF and Django in the order of their method names (`POST, OPTIONS`),
    so the test's output and the browser's Run show one order, the same for every framework.
    """
    status, all_headers, body = _parts(response)
    wanted = {h.lower() for h in headers}
    lines = [request, "", f"HTTP/1.1 {status}"]
    lines += [f"{name.lower()}: {_allowed(value) if name.lower() == 'allow' else value}"
              for name, value in all_headers if name.lower() in wanted]
    content_type = {k.lower(): v for k, v in all_headers}.get("content-type", "")
    if body and "json" in content_type:
        body = json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    lines += ["", body] if body else []
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- sending a request


def _split(request: str) -> tuple[str, str, dict[str, str], str]:
    """A request as the transcripts show it: "METHOD /path", then header lines, then a blank line
    and the body ("POST /orders\nContent-Type: application/json\n\n{...}"); the body as sent (`wire_body`)."""
    head, _, body = request.partition("\n\n")
    first, *lines = head.split("\n")
    method, _, path = first.partition(" ")
    headers = dict(line.split(": ", 1) for line in lines)
    return method.upper(), path, headers, wire_body(headers, body)


FILE_DATA = re.compile(r"<(\d+) bytes of file data>")  # what a transcript shows for a long file's content


def wire_body(headers: dict[str, str], body: str) -> str:
    """The body a declared request sends: as the transcript shows it, except that a multipart body's
    lines end in CRLF, as the format requires (RFC 7578; Django's parser finds no part without),
    the last one too, and `<N bytes of file data>` stands for N bytes "x" (a 1 MiB upload)."""
    body = FILE_DATA.sub(lambda match: "x" * int(match[1]), body)
    content_type = next((value for name, value in headers.items() if name.lower() == "content-type"), "")
    if content_type.startswith("multipart/") and body:
        body = body.replace("\n", "\r\n") + "\r\n"
    return body


def _is_django(client) -> bool:
    """Whether `client` is Django's test Client (Werkzeug's has `open`, httpx's neither)."""
    return hasattr(client, "generic") and not hasattr(client, "open")


def send(client, request: str, shown: Iterable[str] = DEFAULT_HEADERS) -> str:
    """Send `request` (see `_split`) through a synchronous test client (Flask's, Django's, or
    Starlette's TestClient), redirects not followed, and return its transcript."""
    return _sent(client, request, shown)[1]


def _sent(client, request: str, shown: Iterable[str] = DEFAULT_HEADERS, carried: Carried | None = None) -> tuple[int, str]:
    """(status code, transcript) of `request` sent as `send` does: the transcript shows the request as
    written, the client sends it as `Carried.filled` makes it (the note dropped, each placeholder filled)."""
    carried = Carried(client) if carried is None else carried
    method, path, headers, body = _split(_revalidating(client, carried.filled(request)))
    if _is_django(client):
        content_type = headers.pop("Content-Type", "application/octet-stream")
        if inspect.iscoroutinefunction(client.request):  # its AsyncClient, in a test: through async_to_sync, as
            from asgiref.sync import async_to_sync  # a test sends one (its threads are done when it returns)

            async def generic(*args, **options):
                return await client.generic(*args, **options)

            generic = async_to_sync(generic)
        else:
            generic = client.generic
        response = generic(method, path, body, content_type, headers=headers or None)
    elif hasattr(client, "open"):  # Werkzeug's (Flask's) test client
        response = client.open(path, method=method, headers=headers, data=body or None, follow_redirects=False)
    else:  # httpx.Client (Starlette's TestClient is one)
        response = client.request(method, path, headers=headers, content=body or None, follow_redirects=False)
    text = render(response, request, headers=shown)
    if hasattr(response, "get_data"):
        response.close()  # Werkzeug's: a static file's response holds the file open until closed
    carried.page = text
    return response.status_code, text


async def send_async(client, request: str, shown: Iterable[str] = DEFAULT_HEADERS) -> str:
    """`send` through an httpx2.AsyncClient (FastAPI in the browser, through ASGITransport)."""
    return (await _sent_async(client, request, shown))[1]


async def _sent_async(client, request: str, shown: Iterable[str] = DEFAULT_HEADERS,
                      carried: Carried | None = None) -> tuple[int, str]:
    carried = Carried(client) if carried is None else carried
    method, path, headers, body = _split(await _revalidating_async(client, carried.filled(request)))
    if hasattr(client, "generic"):  # Django's AsyncClient: the request goes through Django's async handler
        content_type = headers.pop("Content-Type", "application/octet-stream")
        response = await client.generic(method, path, body, content_type, headers=headers or None)
    else:  # httpx2.AsyncClient (or an AsgiClient), each request in a task of its own, as TestClient sends it
        # (what the app sets in a ContextVar stays in that request: ASGITransport calls the app in the caller's task)
        import asyncio

        response = await asyncio.ensure_future(
            client.request(method, path, headers=headers, content=body or None, follow_redirects=False))
    carried.page = render(response, request, headers=shown)
    return response.status_code, carried.page


# --------------------------------------------------------------------------- what a request carries from the answers before it

NOTE = re.compile(r" {2,}\(.*\)$")  # "GET /reports/publish/  (logged in as bob)": shown, not sent
FORM_TOKEN = re.compile(r"(?<![^&\n])([^=&\n]+)=<token>(?=&|$)", re.MULTILINE)  # csrf_token=<token> in a form body
COOKIE_VALUE = re.compile(r"<([\w.-]+) cookie>")  # X-CSRFToken: <csrftoken cookie>


class Carried:
    """One conversation's memory, as a browser keeps it: the last page received (its forms), and the
    client, whose cookie jar keeps the cookies (every test client keeps them, as a browser does). A
    request is written as its transcript shows it; `filled` makes what is sent:

    - a note after the request line's path, two spaces and parentheses (`GET /reports/  (logged in
      as bob)`), is shown, not sent;
    - `name=<token>` in a URL-encoded body is the value of the form field `name` of the last page the
      conversation received, as a browser posts back a form's hidden CSRF field;
    - `<name cookie>` (in a header, say `X-CSRFToken: <csrftoken cookie>`) is the value of the
      client's cookie `name`, as a page's script reads it.
    """

    def __init__(self, client, output: str = "") -> None:
        self.client, self.output, self.page = client, output, ""

    def _missing(self, request: str, what: str) -> LookupError:
        where = f"{self.output}: " if self.output else ""
        return LookupError(f"{where}{request.split(chr(10), 1)[0]} carries {what}; "
                           "send the request that gives it first (BEFORE), or a SETUP login")

    def filled(self, request: str) -> str:
        """The request as the client sends it."""
        from urllib.parse import quote_plus

        head, blank, body = request.partition("\n\n")
        first, newline, rest = head.partition("\n")
        head = NOTE.sub("", first) + newline + rest

        def field(match: re.Match) -> str:
            value = form_field(self.page, match[1])
            if value is None:
                raise self._missing(request, f"{match[0]}, but the page before it has no field {match[1]!r}")
            return f"{match[1]}={quote_plus(value)}"

        def cookie(match: re.Match) -> str:
            value = _cookie(self.client, match[1])
            if value is None:
                raise self._missing(request, f"{match[0]}, but the client holds no cookie {match[1]!r}")
            return value

        return COOKIE_VALUE.sub(cookie, head) + blank + COOKIE_VALUE.sub(cookie, FORM_TOKEN.sub(field, body))

    def hold(self, cookies) -> None:
        """Put the cookies a SETUP function returned ({name: value}: what a login's response sets) in
        the client's jar; anything else a SETUP function returns (the rows it made) is not cookies."""
        if not isinstance(cookies, dict):
            return
        for name, value in cookies.items():
            if _is_django(self.client):  # a SimpleCookie
                self.client.cookies[name] = value
            elif hasattr(self.client, "set_cookie"):  # Werkzeug's (Flask's) test client
                self.client.set_cookie(name, value)
            else:  # httpx
                self.client.cookies.set(name, value)


def form_field(page: str, name: str) -> str | None:
    """The value of the first <input name="..."> of `page` (a transcript or an HTML body), or None."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Inputs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            values = dict(attrs)
            if tag == "input" and values.get("name") == name and not found:
                found.append(values.get("value") or "")

    Inputs().feed(page)
    return found[0] if found else None


def _cookie(client, name: str) -> str | None:
    """The value of the cookie `name` in a Django, Werkzeug or httpx client's jar, or None."""
    if _is_django(client):  # a SimpleCookie
        morsel = client.cookies.get(name)
        return morsel.value if morsel is not None else None
    if hasattr(client, "get_cookie"):  # Werkzeug's test client
        cookie = client.get_cookie(name)
        return cookie.value if cookie is not None else None
    return client.cookies.get(name)  # httpx


def checks_csrf(client) -> None:
    """Django's test client skips CSRF checks unless made with enforce_csrf_checks=True; a browser's
    request is checked. For an output CSRF_CHECKED names, converse turns the checks on for the client
    it is given (the test's or the browser's), so that what it sends is checked as a browser's is."""
    if _is_django(client):
        client.handler.enforce_csrf_checks = True


def django_login(username: str) -> dict[str, str]:
    """Sign a user in as Django's login() does in a login view: a new session, and a new CSRF token.
    Returns the cookies that view's response sets, for a SETUP function to return (`Carried.hold`):
    a session login where the page's code has no login view, or whose password hash the browser
    cannot compute. The requests after it are real: the session and CSRF middleware check them."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import get_user_model, login
    from django.http import HttpRequest

    request = HttpRequest()
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    user = get_user_model()._default_manager.get_by_natural_key(username)
    login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
    request.session.save()
    return {settings.SESSION_COOKIE_NAME: request.session.session_key, settings.CSRF_COOKIE_NAME: request.META["CSRF_COOKIE"]}


# --------------------------------------------------------------------------- a conditional request

CACHED_ETAG = '"<etag>"'  # a header value: the ETag the request's URL answers with, as a browser's cache kept it


def _etag_wanted(request: str) -> str | None:
    """The path whose ETag `request` sends back (`If-None-Match: "<etag>"`), or None."""
    head = request.partition("\n\n")[0]
    if CACHED_ETAG not in head:
        return None
    return head.split("\n", 1)[0].partition(" ")[2]


def _with_etag(request: str, etag: str | None) -> str:
    if etag is None:
        raise LookupError(f"{request.split(chr(10), 1)[0]} sends back the URL's ETag, but a GET of it answered none")
    head, blank, body = request.partition("\n\n")
    return head.replace(CACHED_ETAG, etag) + blank + body


def _revalidating(client, request: str) -> str:
    """`request` as sent: `"<etag>"` in a header (`If-None-Match: "<etag>"`) is the ETag a GET of the
    same URL answers with, sent first and not shown, as a browser revalidates the copy it cached.
    The transcript shows the request as written (the value changes from run to run)."""
    path = _etag_wanted(request)
    if path is None:
        return request
    response = client.get(path)
    etag = response.headers.get("ETag")
    if hasattr(response, "get_data"):
        response.close()  # Werkzeug's: a static file's response holds the file open until closed
    return _with_etag(request, etag)


async def _revalidating_async(client, request: str) -> str:
    """`_revalidating` through an httpx2.AsyncClient."""
    path = _etag_wanted(request)
    return request if path is None else _with_etag(request, (await client.get(path)).headers.get("ETag"))


# --------------------------------------------------------------------------- the part of a response an output shows

CUTS = ("main", "status", "rows")  # what CUT = {output: view} may say


def main_only(transcript: str) -> str:
    """The transcript with its HTML body cut down to the <main> element, indented as sent (the rest
    of the page is the base template's)."""
    head, _, page = transcript.partition("\n\n<!doctype html>")
    main = re.search(r"^ *<main>.*?</main>$", page, re.MULTILINE | re.DOTALL)
    if not main:
        raise ValueError(f"the response has no <main> element:\n{transcript}")
    return f"{head}\n\n{main.group(0)}\n"


STATUS_ARROW = "  ->  "


def status_only(transcript: str) -> str:
    """The transcript's request line and the status it got, and where a redirect points:
    `GET /manual  ->  307 Temporary Redirect  (location: http://testserver/manual/)`."""
    request = transcript.split("\n", 1)[0]
    head = transcript[transcript.index("\n\nHTTP/") + 2:].partition("\n\n")[0]  # the request may have a body
    status, *headers = head.split("\n")
    location = [line.partition(": ")[2] for line in headers if line.startswith("location: ")]
    where = f"  (location: {location[0]})" if location else ""
    return f"{request}{STATUS_ARROW}{status.partition(' ')[2]}{where}\n"


def joined(view: str | None, parts: list[str]) -> str:
    """The shown parts of a conversation one after the other, a blank line between; CUT "status"'s
    lines one under the other, their arrows aligned."""
    if view != "status":
        return "\n".join(parts)
    split = [part.rstrip("\n").split(STATUS_ARROW, 1) for part in parts]
    width = max(len(request) for request, _ in split)
    return "".join(f"{request.ljust(width)}{STATUS_ARROW}{status}\n" for request, status in split)


def result_rows(html: str) -> list[str]:
    """The rows of an admin's change list (its last table), without the checkbox and edit cells, one
    cell a line, whitespace collapsed."""
    if "</thead>" not in html:
        raise ValueError(f"the response has no table with a head (a change list's):\n{html[:500]}")
    table = html.rsplit("</thead>", 1)[1].split("</table>", 1)[0]  # the last table: Django's sidebar comes first
    rows = []
    for row in re.findall(r"<tr\b.*?</tr>", table, flags=re.DOTALL):
        cells = [
            re.sub(r"\s*(<|>)\s*", r"\1", re.sub(r"\s+", " ", cell))
            for cell in re.findall(r"<(?:td|th)\b.*?</(?:td|th)>", row, flags=re.DOTALL)
            if not re.search(r'type="checkbox"|title="Edit', cell)
        ]
        rows.append("<tr>\n" + "".join(f"  {cell}\n" for cell in cells) + "</tr>")
    return rows


def rows_only(transcript: str) -> str:
    """The transcript with its body cut down to an admin change list's result count (Django's
    `<span class="small quiet">`, where the page has one) and its result rows (`result_rows`)."""
    status = transcript.index("\n\nHTTP/") + 2  # the request may have a body of its own
    head, _, body = transcript[status:].partition("\n\n")
    count = re.findall(r'<span class="small quiet">.*?</span>', body)[:1]
    return f"{transcript[:status]}{head}\n\n" + "\n".join(count + result_rows(body)) + "\n"


def shown_part(view: str | None, transcript: str) -> str:
    """What an output shows of one transcript: all of it (None), or the part CUT names."""
    if view is None:
        return transcript
    if view == "main":
        return main_only(transcript)
    if view == "status":
        return status_only(transcript)
    if view == "rows":
        return rows_only(transcript)
    raise ValueError(f"CUT shows one of {CUTS}, not {view!r}")


CLIENTS = ("async",)  # what CLIENT = {output: kind} may say


def client_kind(driver, output: str) -> str | None:
    """The client an output's requests go through when not the framework's usual one (CLIENT):
    "async", Django's AsyncClient, whose requests take Django's async path (get_response_async,
    as under ASGI: an async view runs in the event loop). Both raise no server error: it is a 500.
    A test sends through it with `converse` (each request through async_to_sync), the browser with
    `converse_async`."""
    return getattr(driver, "CLIENT", {}).get(output)


def app_target(driver, output: str):
    """The APPS-like entry of the app `output`'s requests go to: OUTPUT_APPS's, else its framework's
    APPS entry. A list (OUTPUT_APPS only) names several apps: each is sent the requests in turn."""
    framework = driver.OUTPUTS[output][0]
    second = getattr(driver, "OUTPUT_APPS", {}).get(output)
    return second if second is not None else getattr(driver, "APPS", {}).get(framework, {})


STAND_INS = ("chat-api",)  # what STAND_IN = {output: name} may say; run.js's `standIns` has each one's note


# --------------------------------------------------------------------------- a conversation


def declared(driver, output: str) -> tuple[str, list[str], list[str], Iterable[str]]:
    """(framework, the requests sent first and not shown, the requests shown, the headers shown)
    of `output`, as `driver` (a topic's drive module) declares it in OUTPUTS and BEFORE."""
    framework, requests, *shown = driver.OUTPUTS[output]
    requests = [requests] if isinstance(requests, str) else list(requests)
    before = list(getattr(driver, "BEFORE", {}).get(output, ()))
    return framework, before, requests, shown[0] if shown else DEFAULT_HEADERS


def _setup_failed(output: str, status: int, text: str) -> None:
    if status >= 400:
        raise RuntimeError(f"{output}: a request sent before it (BEFORE) failed with {status}:\n{text}")


def set_up(driver, output: str, client=None):
    """Call the function of `driver` that SETUP names for `output` (rows no request makes), if any, and
    return what it returns (cookies a login set: `Carried.hold`). For a Flask app's client it runs in
    the app's context, as a test's `with app.app_context()` (Flask-SQLAlchemy's `db.create_all()`)."""
    name = getattr(driver, "SETUP", {}).get(output)
    if not name:
        return None
    application = getattr(client, "application", None)  # Werkzeug's test client of a Flask app
    with application.app_context() if hasattr(application, "app_context") else nullcontext():
        return getattr(driver, name)()


async def _set_up_async(driver, output: str, framework: str, client=None):
    """`set_up` from a running event loop: Django's ORM refuses to run in one, so a Django output's SETUP
    runs as Django runs sync code from async code (sync_to_async; inline in the browser)."""
    if framework != "django":
        return set_up(driver, output, client)
    from asgiref.sync import sync_to_async

    return await sync_to_async(set_up)(driver, output, client)


def converse(client, driver, output: str) -> str:
    """The transcript of `output`: its SETUP, its BEFORE requests, then its own, sent through one synchronous
    test client (give it a fresh app: the conversation starts from nothing), as `send` does, with
    the SQL each shown request issued if SHOW_SQL declares it, and only the part CUT names."""
    framework, before, requests, shown = declared(driver, output)
    if output in getattr(driver, "CSRF_CHECKED", ()):
        checks_csrf(client)
    carried = Carried(client, output)
    carried.hold(set_up(driver, output, client))
    for request in before:
        _setup_failed(output, *_sent(client, request, carried=carried))
    if is_session(requests):
        return session(driver, output)
    view, cut, console = _views(driver, output)
    parts = []
    for request in requests:
        with console_captured(console) as written, sql_recorded(framework if view else None) as statements:
            text = shown_part(cut, _sent(client, request, shown, carried)[1])
        parts.append(sql_text(view, request, console_text(console, request, text, written), statements))
    return joined(cut, parts)


def converse_each(clients, driver, output: str) -> str:
    """`converse` through each client in turn (an output whose OUTPUT_APPS names several apps: a
    client of each, in that order), the parts shown one after the other."""
    return "\n".join(converse(client, driver, output) for client in clients)


def _views(driver, output: str) -> tuple[str | None, str | None, str | None]:
    """What `output` shows besides each transcript: (SHOW_SQL's view, CUT's, SHOW_CONSOLE's)."""
    return tuple(getattr(driver, name, {}).get(output) for name in ("SHOW_SQL", "CUT", "SHOW_CONSOLE"))


async def converse_async(client, driver, output: str) -> str:
    """`converse` through an async client: an httpx2.AsyncClient (FastAPI in the browser), an
    AsgiClient (Channels'), or Django's AsyncClient (CLIENT "async", in the browser)."""
    framework, before, requests, shown = declared(driver, output)
    if output in getattr(driver, "CSRF_CHECKED", ()):
        checks_csrf(client)
    carried = Carried(client, output)
    carried.hold(await _set_up_async(driver, output, framework, client))
    for request in before:
        _setup_failed(output, *await _sent_async(client, request, carried=carried))
    if is_session(requests):
        return session(driver, output)
    view, cut, console = _views(driver, output)
    parts = []
    for request in requests:
        with console_captured(console) as written, sql_recorded(framework if view else None) as statements:
            text = shown_part(cut, (await _sent_async(client, request, shown, carried))[1])
        parts.append(sql_text(view, request, console_text(console, request, text, written), statements))
    return joined(cut, parts)


# --------------------------------------------------------------------------- the SQL a request issued


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
SQL_VIEWS = ("statements", "queries")  # what SHOW_SQL = {output: view} may say


@contextmanager
def sql_recorded(framework: str | None) -> Iterator[list[tuple[str, object]]]:
    """(statement, parameters) for every statement the ORM hands the database driver inside the
    block, transaction control left out (pysqlite opens transactions implicitly; Django's tests add
    savepoints): Django's default connection for "django", every SQLAlchemy engine otherwise, nothing
    for None."""
    statements: list[tuple[str, object]] = []

    def keep(sql: str, params) -> None:
        if not sql.lstrip().upper().startswith(TRANSACTION_CONTROL):
            statements.append((sql, params))

    if framework is None:
        yield statements
    elif framework == "django":
        from django.db import connection

        def wrapper(execute, sql, params, many, context):
            keep(sql, [tuple(p) for p in params] if many else tuple(params or ()))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(wrapper):
            yield statements
    else:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        def record(conn, cursor, statement, parameters, context, executemany):
            keep(statement, parameters)

        event.listen(Engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            event.remove(Engine, "before_cursor_execute", record)


CLAUSES = re.compile(r"\s+(FROM|WHERE|ORDER BY|INNER JOIN|LEFT OUTER JOIN|SET)\s+")


def sql_statements(statements) -> str:
    """The statements one per paragraph, a line break before each main clause, then the parameters."""
    blocks = []
    for sql, params in statements:
        text = CLAUSES.sub(lambda m: f"\n{m.group(1)} ", " ".join(sql.split()))
        blocks.append(f"{text}\n-- parameters: {params!r}")
    return "\n\n".join(blocks) + "\n"


def sql_shapes(statements) -> str:
    """The statements grouped by shape (literals and placeholders ?, column lists …, `IN (…)`), each with its count,
    in the order each shape first ran: `9 × SELECT … FROM "author" WHERE "author"."id" = ? LIMIT ?`."""
    lines: list[str] = []
    counts: dict[str, int] = {}
    for sql, _ in statements:
        sql = re.sub(r"SELECT .*? FROM", "SELECT … FROM", sql).replace("%s", "?")  # Django's placeholders
        sql = re.sub(r"\b\d+\b", "?", sql)
        sql = re.sub(r"IN \([?, ]+\)", "IN (…)", sql)
        if sql not in counts:
            lines.append(sql)
            counts[sql] = 0
        counts[sql] += 1
    width = len(str(max(counts.values(), default=0)))
    return "\n".join(f"{counts[s]:>{width}} × {s}" for s in lines)


def sql_text(view: str | None, request: str | None, transcript: str, statements) -> str:
    """What an output shows for one request (or a call: request None): its transcript (view None); the transcript and the
    statements ("statements"); or the request line, the number of queries and their shapes ("queries")."""
    if view is None:
        return transcript
    if view == "statements":
        return transcript + "\nSQL issued:\n\n" + sql_statements(statements)
    if view == "queries":
        head = f"{request.split(chr(10), 1)[0]}  →  " if request else ""
        return f"{head}{len(statements)} queries\n{sql_shapes(statements)}\n"
    raise ValueError(f"SQL views are {SQL_VIEWS}, not {view!r}")


# --------------------------------------------------------------------------- what the code writes: print(), the log, warnings


CONSOLE_VIEWS = ("printed", "logged")  # what SHOW_CONSOLE = {output: view} may say


@dataclass
class Written:
    """What the code wrote inside `console_captured`: its stdout and stderr, and its log records
    and warnings as the "logged" view shows them, in the order they came."""

    stdout: io.StringIO = field(default_factory=io.StringIO)
    stderr: io.StringIO = field(default_factory=io.StringIO)
    logged: list[str] = field(default_factory=list)


def raised(error: BaseException) -> str:
    """An exception as its traceback's last line shows it, by its class's own name: `KeyError: 'B-2'`."""
    return f"{type(error).__qualname__}: {error}"


class _Logged(logging.Handler):
    """Writes each record down as the "logged" view shows it: Python's basic format
    (`ERROR:asyncio:...`, what logging.basicConfig() prints), then its exception's last line. The
    record then lets its exception go: the traceback holds frames, and what they hold (an
    unawaited coroutine) would outlive the output in another handler's list (pytest's caplog)."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        line = f"{record.levelname}:{record.name}:{record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            line += "\n" + raised(record.exc_info[1])
            record.exc_info = record.exc_text = None
        self.lines.append(line)


@contextmanager
def console_captured(view: str | None) -> Iterator[Written | None]:
    """What the code writes inside the block, kept from the terminal (and from the browser's
    console): stdout and stderr, and for the "logged" view every log record that reaches the root
    logger and every warning (each time it is raised, never as an error). The garbage collector
    runs before the block ends, so what the code left to it reports inside: an unawaited
    coroutine's RuntimeWarning, a task whose exception nobody read (and before it starts, so
    what earlier code left reports outside). What the view does not show
    goes on to the streams outside (a test's captured output). None: nothing is captured."""
    if view is None:
        yield None
        return
    gc.collect()  # what earlier code left to the garbage collector reports outside the block
    written = Written()
    outside = sys.stdout, sys.stderr
    root, handler = logging.getLogger(), _Logged(written.logged)
    try:
        with redirect_stdout(written.stdout), redirect_stderr(written.stderr), warnings.catch_warnings():
            if view == "logged":
                root.addHandler(handler)
                warnings.simplefilter("always")
                warnings.showwarning = lambda message, category, *_: written.logged.append(f"{category.__name__}: {message}")
            try:
                yield written
            finally:
                gc.collect()
    finally:
        root.removeHandler(handler)
        if view != "printed":
            outside[0].write(written.stdout.getvalue())
        outside[1].write(written.stderr.getvalue())


def console_text(view: str | None, request: str | None, text: str, written: Written | None) -> str:
    """What an output shows for one request (or a call: request None) with what its code wrote:
    the text alone (view None); the request line, the lines the code printed (indented) and the
    status, instead of the response ("printed": the layers' trace); or the text, then what
    reached the log ("logged": records and warnings, in order)."""
    if view is None:
        return text
    if view == "printed":
        if request is None:
            raise ValueError("SHOW_CONSOLE 'printed' traces requests; a call's output has none")
        status = text.split("\n")[2].removeprefix("HTTP/1.1 ")
        printed = [f"  {line}" for line in written.stdout.getvalue().splitlines()]
        return "\n".join([request.split("\n", 1)[0], *printed, f"  -> {status}"]) + "\n"
    if view == "logged":
        return text + ("\n" + "\n".join(written.logged) + "\n" if written.logged else "")
    raise ValueError(f"SHOW_CONSOLE shows one of {CONSOLE_VIEWS}, not {view!r}")


# --------------------------------------------------------------------------- in a fresh interpreter (the browser)


def _attribute(reference: str):
    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)


def make_app(target: str | tuple | list):
    """The app an APPS entry names: `"module:app"`, or `("module:factory", *arguments)` called."""
    if isinstance(target, str):
        return _attribute(target)
    reference, *arguments = target
    return _attribute(reference)(*arguments)


def django_settings(target: str | dict | tuple | list) -> dict[str, object]:
    """The settings an APPS["django"] entry names: a settings module's, a dict over
    DJANGO_DEFAULTS, or `(module, changes)`: the module's with `changes` applied (a dict value
    updates the module's dict, as the tests' override_settings({**old, **new}) does)."""
    changes: dict = {}
    if isinstance(target, (tuple, list)):
        target, changes = target
    if isinstance(target, dict):
        import secrets

        values = {**DJANGO_DEFAULTS, "SECRET_KEY": secrets.token_urlsafe(50), **target}
    else:
        module = importlib.import_module(target)
        values = {n: getattr(module, n) for n in dir(module) if n.isupper() and not n.startswith("_")}
    for name, value in changes.items():
        values[name] = {**values.get(name, {}), **value} if isinstance(value, dict) else value
    return values


def browser_setup() -> None:
    """What the browser needs that the tests do not; each change is said on the page (run.js, NOTES).

    - No threads in a browser page: Starlette runs a plain `def` endpoint or dependency in a thread
      pool (anyio.to_thread.run_sync); here it is called inline, in the event loop.
    - Pyodide always has a running event loop, so Django's guard against calling the ORM from one
      would refuse every query: DJANGO_ALLOW_ASYNC_UNSAFE turns it off.
    - asgiref runs sync code in a thread (sync_to_async: a sync view behind Django's ASGI handler,
      Channels' included): here inline, in the event loop (`_sync_to_async_inline`).
    - Every Run and Check of the page share one Python: each starts with logging as a new Python
      has it (`_forget_logging`).
    """
    _forget_logging()
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    _sync_to_async_inline()
    try:
        import anyio.to_thread
    except ImportError:
        return

    async def run_inline(function, *args, abandon_on_cancel=False, cancellable=None, limiter=None):
        return function(*args)

    anyio.to_thread.run_sync = run_inline


def _forget_logging() -> None:
    """Logging as a new Python has it, before a Run or a Check in the page's one Python. Earlier code
    may have configured it for the whole process: Alembic's env.py (the migrations exercise) calls
    logging.config.fileConfig(), which disables every logger that exists then, Flask's `app` among
    them, and gives the root a handler; the next app named `app` gets that same logger, and neither
    a check nor the "logged" view would see its records. So: every logger enabled, propagating, at
    NOTSET, with no handler but a library's own NullHandler; the root at WARNING with no handler;
    nothing turned off by logging.disable()."""
    logging.disable(logging.NOTSET)
    root = logging.getLogger()
    for logger in [root, *logging.Logger.manager.loggerDict.values()]:
        if isinstance(logger, logging.Logger):
            for handler in [h for h in logger.handlers if type(h) is not logging.NullHandler]:
                logger.removeHandler(handler)
            logger.setLevel(logging.WARNING if logger is root else logging.NOTSET)
            logger.propagate, logger.disabled = True, False


def _sync_to_async_inline() -> None:
    """asgiref's SyncToAsync calls its function inline, in the event loop: a browser page cannot start
    the thread it would run in ("can't start new thread"). No executor is made, so the
    ThreadSensitiveContext that Django's ASGI handler enters per request starts no thread to end one.
    Django's guard allows the call, as a thread would (`_async_unsafe`): under Django's AsyncClient
    (CLIENT "async") the guard is on, and sync ORM code called straight from async code is refused
    as under ASGI (SynchronousOnlyOperation)."""
    try:
        from asgiref.sync import SyncToAsync
    except ImportError:  # a Run of a stack without asgiref (Flask's)
        return

    async def call_inline(self, *args, **kwargs):
        with _async_unsafe(allowed=True):
            return self.func(*args, **kwargs)

    SyncToAsync.__call__ = call_inline


@contextmanager
def _async_unsafe(allowed: bool) -> Iterator[None]:
    """Django's guard against sync ORM calls inside a running event loop (DJANGO_ALLOW_ASYNC_UNSAFE),
    allowed or not inside the block, and as it was after it."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    if allowed:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    else:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


# Django settings for a topic without a settings module of its own (APPS["django"] is then a dict
# of the settings it needs, such as ROOT_URLCONF): what tests/django_settings.py sets that matters
# to a response.
DJANGO_DEFAULTS = {
    "DEBUG": False, "USE_TZ": True, "ALLOWED_HOSTS": [],
    "MIDDLEWARE": ["django.middleware.security.SecurityMiddleware", "django.middleware.common.CommonMiddleware"],
}


def forget_django(root: Path | None = None) -> None:
    """Before a Run or a Check after another in the same interpreter (a page's Runs and Checks
    share one Python): Django forgets what the last one set up, so that this one's settings are
    read anew. It never reads settings Django does not have yet (the first Run of a worker).

    - The app registry forgets the models of modules that are gone (worker.js imports the guide's
      modules anew) or that were loaded from under `root` (a Check's app), and populates again.
    - Every SQLite connection is closed, and the handlers forget theirs: Django's close() keeps an
      in-memory SQLite open, and the last one's may live in another context (asgiref's Local) than
      this one, so its test database (shared cache) would outlive it, with the last one's tables.
    - The caches are emptied and dropped (a local-memory cache keeps its data in its module: a
      throttle's history), and so are the template engines and storages made from the last
      settings, the settings themselves and the URLconf caches."""
    if "django" not in sys.modules:
        return
    import gc
    import sqlite3

    from asgiref.local import Local
    from django.apps import apps
    from django.conf import empty, settings
    from django.core.cache import caches
    from django.db import connections
    from django.urls import clear_url_caches, set_urlconf

    for models in apps.all_models.values():
        for name, model in list(models.items()):
            module = sys.modules.get(model.__module__)
            if module is None or (root is not None and str(getattr(module, "__file__", "") or "").startswith(str(root))):
                del models[name]
    apps.app_configs = {}
    apps.apps_ready = apps.models_ready = apps.ready = apps.loading = False
    apps.clear_cache()
    if "settings" in connections.__dict__:  # a cached_property, there once a connection was made
        connections.close_all()
    # type(), not isinstance(): isinstance() asks a lazy object (settings, storages) for __class__, which sets it up.
    for connection in [obj for obj in gc.get_objects() if type(obj) is sqlite3.Connection]:
        connection.close()
    if "settings" in caches.__dict__:  # there once a cache was used, so settings exist
        for cache in caches.all(initialized_only=True):
            cache.clear()
    for handler in (connections, caches):  # their settings are read once: read them again from the next
        handler.__dict__.pop("settings", None)
        handler._settings = None
        handler._connections = Local(handler.thread_critical)
    _forget_template_engines()
    _forget_storages()
    settings._wrapped = empty
    clear_url_caches()
    set_urlconf(None)


def _forget_template_engines() -> None:
    """The template engines made from the previous Run's TEMPLATES (a Run whose settings had none
    left `engines` empty, and the next one's template found no engine), as Django's tests reset
    them when TEMPLATES changes (django.test.signals.reset_template_engines)."""
    from django.forms.renderers import get_default_renderer
    from django.template import engines
    from django.template.engine import Engine

    engines.__dict__.pop("templates", None)  # a cached_property
    engines._templates = None
    engines._engines = {}
    Engine.get_default.cache_clear()
    get_default_renderer.cache_clear()


def _forget_storages() -> None:
    """Before a Run after another: Django's storages forgotten, as its own tests' setting_changed
    receiver does when STORAGES changes. A storage keeps its folder, a relative one made absolute
    against the last Run's working directory (an upload folder), and ManifestStaticFilesStorage the
    names it hashed: the next Run's uploads went into the last Run's folder and got new names."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.files.storage import default_storage, storages
    from django.utils.functional import empty

    storages.__dict__.pop("backends", None)  # a cached_property: the next use reads the new STORAGES
    storages._backends = None
    storages._storages = {}
    default_storage._wrapped = staticfiles_storage._wrapped = empty


def _django_client(target: str | dict | tuple, asynchronous: bool = False):
    import django
    from django.conf import empty, settings
    from django.core.management import call_command
    from django.test import AsyncClient, Client
    from django.urls import clear_url_caches, set_urlconf

    values = django_settings(target)
    values["ALLOWED_HOSTS"] = [*values.get("ALLOWED_HOSTS", []), "testserver"]
    values.setdefault("DATABASES", {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}})
    forget_django()  # a Run after an edit configures Django again, in the same interpreter
    settings.configure(**values)
    django.setup()
    from django.core.cache import caches

    for alias in settings.CACHES:  # a local-memory cache keeps its data in its module, from Run to Run
        caches[alias].clear()
    clear_url_caches()
    set_urlconf(None)
    if values.get("INSTALLED_APPS"):  # the tables, as the tests' database has them
        call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)
    # a server error is a response on the page, as in the tests
    return (AsyncClient if asynchronous else Client)(raise_request_exception=False)


# --------------------------------------------------------------------------- a function's result (not a request)

CALL = "call "  # OUTPUTS[output] = (framework, "call module:function(arguments)"): the output is what it returns


def is_call(request) -> bool:
    """Whether an OUTPUTS request is a call of a function of the snippets rather than HTTP requests."""
    return isinstance(request, str) and request.startswith(CALL)


def _function_and_arguments(request: str):
    """(function, positional arguments, keyword arguments) of "call module:function(arguments)" (no
    parentheses: none). An argument is a Python literal, or a call of a function named by its
    dotted path (`pkg.module.function(...)`), whose value is passed: the queryset a function makes."""
    import ast

    reference, _, rest = request.removeprefix(CALL).partition("(")
    call = ast.parse(f"f({rest}" if rest else "f()", mode="eval").body
    return (_attribute(reference.strip()), [_argument(node) for node in call.args],
            {keyword.arg: _argument(keyword.value) for keyword in call.keywords})


def _argument(node):
    """A call's argument (`_function_and_arguments`): a literal, or a dotted function's value."""
    import ast

    if not isinstance(node, ast.Call):
        return ast.literal_eval(node)
    module, _, name = ast.unparse(node.func).rpartition(".")
    return getattr(importlib.import_module(module), name)(*map(_argument, node.args),
                                                          **{k.arg: _argument(k.value) for k in node.keywords})


def _as_text(value) -> str:
    """A call's output: a text as it is (ending with a newline), or one line per item of a list."""
    if not isinstance(value, str):
        value = "\n".join(str(line) for line in value)
    return value if value.endswith("\n") else value + "\n"


def called(driver, output: str) -> str:
    """The text of an output declared as a call (`is_call`), in the tests: its SETUP first, then the
    function called with its arguments (a coroutine function's coroutine is run with asyncio.run)
    and its value made text, with the SQL it issued if SHOW_SQL says so (no request line) and what
    it wrote if SHOW_CONSOLE says so."""
    import asyncio

    framework, view, console = _call(driver, output)
    with console_captured(console) as written, sql_recorded(framework if view else None) as statements:
        function, arguments, keywords = _function_and_arguments(driver.OUTPUTS[output][1])
        value = function(*arguments, **keywords)
        if inspect.isawaitable(value):
            value = asyncio.run(value)
        text = _as_text(value)
    return sql_text(view, None, console_text(console, None, text, written), statements)


async def called_async(driver, output: str) -> str:
    """`called` inside a running event loop (the browser's): a coroutine is awaited."""
    framework, view, console = _call(driver, output)
    with console_captured(console) as written, sql_recorded(framework if view else None) as statements:
        function, arguments, keywords = _function_and_arguments(driver.OUTPUTS[output][1])
        value = function(*arguments, **keywords)
        if inspect.isawaitable(value):
            value = await value
        text = _as_text(value)
    return sql_text(view, None, console_text(console, None, text, written), statements)


def _call(driver, output: str) -> tuple[str, str | None, str | None]:
    """(framework, SHOW_SQL's view, SHOW_CONSOLE's) of a call's output, its SETUP done. The
    arguments are evaluated inside the capture: a nested call's SQL is the call's too."""
    set_up(driver, output)
    view, _, console = _views(driver, output)
    return driver.OUTPUTS[output][0], view, console


# --------------------------------------------------------------------------- a Python session (not a request)

PROMPT = ">>> "  # OUTPUTS[output] = (framework, [">>> line", ...]): the output is that session


def is_session(requests) -> bool:
    """Whether an OUTPUTS request is a Python session: lines that start with `>>> `."""
    lines = [requests] if isinstance(requests, str) else requests
    return bool(lines) and all(isinstance(line, str) and line.startswith(PROMPT) for line in lines)


def session(driver, output: str) -> str:
    """The text of an output declared as a Python session, as an interactive session shows it: each
    line run in the names NAMESPACE's function gives (after SETUP and BEFORE), an expression echoed
    with its repr, an exception with its class's name and message. SHOW_SQL "queries" adds to each
    line how many queries it ran. `converse` runs it after BEFORE's requests; with none, the test
    may call it alone."""
    framework, _, lines, _ = declared(driver, output)
    counted = getattr(driver, "SHOW_SQL", {}).get(output) == "queries"
    shown: list[str] = []
    with _namespace(driver, output) as names:
        for line in lines:
            with sql_recorded(framework if counted else None) as statements:
                result = _echo(line.removeprefix(PROMPT), names)
            if counted:
                line = f"{line:<58}# {len(statements)} {'query' if len(statements) == 1 else 'queries'}"
            shown += [line] if result is None else [line, result]
    return "\n".join(shown) + "\n"


@contextmanager
def _namespace(driver, output: str) -> Iterator[dict]:
    """The names a session's lines use: what the function NAMESPACE names returns, or yields (and
    then closes: an engine it disposes of), none without one."""
    name = getattr(driver, "NAMESPACE", {}).get(output)
    made = getattr(driver, name)() if name else {}
    if not inspect.isgenerator(made):
        yield made
        return
    try:
        yield next(made)
    finally:
        made.close()


def _echo(code: str, names: dict) -> str | None:
    """What an interactive session shows for one line: an expression's repr, an exception's class
    and message, nothing for a statement."""
    try:
        try:
            compiled, expression = compile(code, "<line>", "eval"), True
        except SyntaxError:
            compiled, expression = compile(code, "<line>", "exec"), False
        value = eval(compiled, names)  # noqa: S307 - the guide's own declared lines
        return repr(value) if expression else None
    except Exception as error:
        return raised(error)


# --------------------------------------------------------------------------- the environment a topic's code reads

_SET_BY_RUN: list[str] = []  # the variables the previous Run set (the browser's worker runs many in one process)


def environ(driver) -> dict[str, str]:
    """The environment variables a topic's code reads (ENVIRON in its drive.py: a token store, an
    API key), which its test sets too (monkeypatch.setenv) and a Run sets before making the app."""
    return dict(getattr(driver, "ENVIRON", {}))


def _set_environ(driver) -> None:
    """ENVIRON for this Run, the previous Run's variables removed first (it may have been another topic's)."""
    for name in _SET_BY_RUN:
        os.environ.pop(name, None)
    values = environ(driver)
    os.environ.update(values)
    _SET_BY_RUN[:] = list(values)


def with_lifespan_state(app, state):
    """`app` with what its lifespan yielded (a dict, or None) in each request's scope, a shallow copy
    each, as TestClient and ASGI servers pass it (Starlette's `request.state`): httpx2's ASGITransport
    runs no lifespan, so passes none."""
    if state is None:
        return app

    async def asgi(scope, receive, send):
        if scope["type"] in ("http", "websocket"):
            scope = {**scope, "state": dict(state)}
        await app(scope, receive, send)

    return asgi


async def run_output(module: str, output: str) -> str:
    """The transcript of `output` (a file name in the topic's out/ folder), produced by the
    requests `module` (a topic's drive.py, dotted) declares for it, through a client made here,
    on a fresh app in a fresh, empty working directory (a database file the app makes is new).
    What the code writes that the output does not show (a logged error, a warning) goes to
    stdout, the browser console's plain log, never its warnings or errors."""
    driver = importlib.import_module(module)
    _set_environ(driver)
    if IN_BROWSER:
        import tempfile

        os.chdir(tempfile.mkdtemp())
    written = io.StringIO()
    try:
        with redirect_stdout(written), redirect_stderr(written), _asyncio_as_in_cpython():
            return await _produced(driver, output)
    finally:
        sys.stdout.write(written.getvalue())


@contextmanager
def _asyncio_as_in_cpython() -> Iterator[None]:
    """Pyodide's event loop (WebLoop) reports a task's exception on stderr the moment the task
    fails, when nothing else waits for it, and so marks it read. For a Run, its tasks are asyncio's
    own and its errors go to asyncio's handler, as in the tests: a task whose exception nobody
    read is logged by the `asyncio` logger when the garbage collector takes it."""
    if not IN_BROWSER:
        yield
        return
    import asyncio

    loop = asyncio.get_running_loop()
    factory, handler = loop.get_task_factory(), loop.get_exception_handler()
    # WebLoop names a factory's task with a helper Python 3.13 removed from asyncio.tasks
    shim = not hasattr(asyncio.tasks, "_set_task_name")
    if shim:
        asyncio.tasks._set_task_name = lambda task, name: name is None or task.set_name(name)
    loop.set_task_factory(lambda loop, coro, **options: asyncio.Task(coro, loop=loop, **options))
    loop.set_exception_handler(asyncio.BaseEventLoop.default_exception_handler)
    try:
        yield
    finally:
        loop.set_task_factory(factory)
        loop.set_exception_handler(handler)
        if shim:
            del asyncio.tasks._set_task_name


async def _produced(driver, output: str) -> str:
    framework = driver.OUTPUTS[output][0]
    target = app_target(driver, output)
    if is_call(driver.OUTPUTS[output][1]):  # a function's result: Django's settings first, as the tests have them
        if framework == "django":
            _django_client(target)
        return await called_async(driver, output)
    targets = target if isinstance(target, list) else [target]  # several apps: each gets the requests
    return "\n".join([await _conversation(driver, output, framework, one) for one in targets])


async def _conversation(driver, output: str, framework: str, target) -> str:
    if framework == "django" and is_asgi_application(target):  # Channels' ProtocolTypeRouter, Django's settings first
        _django_client(getattr(driver, "APPS", {}).get("django", {}))
        return await converse_async(AsgiClient(make_app(target)), driver, output)
    if framework == "django":
        if client_kind(driver, output) == "async":  # Django's guard on, as in a test's event loop
            client = _django_client(target, asynchronous=True)
            with _async_unsafe(allowed=False):
                return await converse_async(client, driver, output)
        return converse(_django_client(target), driver, output)
    if framework == "fastapi":
        async with serving(make_app(target)) as client:
            return await converse_async(client, driver, output)
    return converse(make_app(target).test_client(), driver, output)


def _lifespan(app):
    """The app's lifespan (startup, then shutdown), as its router runs it; none for a bare ASGI
    callable without a router (a middleware wrapped around the app: `app = RequestIdMiddleware(api)`)."""
    router = getattr(app, "router", None)
    return router.lifespan_context(app) if router is not None else nullcontext()


def is_asgi_application(target) -> bool:
    """Whether a Django output's target (OUTPUT_APPS) is an ASGI application ("module:application",
    Channels' router) rather than settings: its requests then go through it, as a server's do."""
    return isinstance(target, str) and ":" in target


class AsgiResponse:
    """An ASGI application's answer, as `render` reads an httpx response: status, reason, headers, text."""

    def __init__(self, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        from http import HTTPStatus

        self.status_code, self.content = status, body
        self.reason_phrase = HTTPStatus(status).phrase
        self._headers = [(name.decode("latin-1"), value.decode("latin-1")) for name, value in headers]

    @property
    def headers(self):
        return self  # items() and a case-insensitive get(), which is all that is read

    def items(self) -> list[tuple[str, str]]:
        return list(self._headers)

    def get(self, name: str, default=None):
        return next((value for key, value in self._headers if key.lower() == name.lower()), default)

    @property
    def text(self) -> str:
        return self.content.decode()


class AsgiClient:
    """What converse_async asks of an httpx2.AsyncClient, over asgiref's ApplicationCommunicator (Django's
    stack has asgiref, not httpx2): each request one HTTP exchange with an ASGI application, as a
    server makes it (Channels' own HttpCommunicator, which the tests used, does the same)."""

    def __init__(self, app, host: str = "testserver") -> None:
        self.app, self.host = app, host

    async def get(self, path: str) -> AsgiResponse:
        return await self.request("GET", path)

    async def request(self, method: str, path: str, headers: dict[str, str] | None = None, content: str | bytes | None = None,
                      follow_redirects: bool = False) -> AsgiResponse:
        from urllib.parse import unquote, urlsplit

        from asgiref.testing import ApplicationCommunicator

        url = urlsplit(path)
        body = content.encode() if isinstance(content, str) else (content or b"")
        sent = [(b"host", self.host.encode()), *((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items())]
        if body:
            sent.append((b"content-length", str(len(body)).encode()))
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method.upper(),
                 "scheme": "http", "path": unquote(url.path), "raw_path": url.path.encode(), "query_string": url.query.encode(),
                 "root_path": "", "headers": sent, "client": ("127.0.0.1", 50000), "server": (self.host, 80)}
        exchange = ApplicationCommunicator(self.app, scope)
        await exchange.send_input({"type": "http.request", "body": body, "more_body": False})
        start = await exchange.receive_output(timeout=None)
        chunks = []
        while True:
            message = await exchange.receive_output(timeout=None)
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        await exchange.wait(timeout=None)  # the application finishes the request (Django closes the body file last)
        return AsgiResponse(start["status"], start.get("headers", []), b"".join(chunks))


@asynccontextmanager
async def serving(app) -> AsyncIterator:
    """An httpx2.AsyncClient that sends to `app` (an ASGI application) through httpx2's ASGITransport
    (the HTTP client of Starlette's TestClient, which the tests use), its lifespan run around it and
    what that yielded passed to each request: what `with TestClient(app)` does, without its thread.
    A Run's FastAPI conversation goes through it, and so can a call that sends requests itself."""
    import httpx2

    async with _lifespan(app) as state:  # startup, then shutdown
        # a server error is a response, as with the tests' TestClient(raise_server_exceptions=False)
        transport = httpx2.ASGITransport(app=with_lifespan_state(app, state), raise_app_exceptions=False)
        async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client


async def call(entry: str, *args):
    """The worker's one entry point: `module:function` called with `args`, awaited if it is a
    coroutine function; its value is returned as text (a later caller can run pytest this way)."""
    value = _attribute(entry)(*args)
    if inspect.isawaitable(value):
        value = await value
    return value if isinstance(value, str) else repr(value)
