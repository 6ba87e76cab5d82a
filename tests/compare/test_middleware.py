"""Middleware and request hooks: the order of the layers, request ids and timing, and what
each kind of middleware can and cannot see.

Each assertion is a claim the page makes; each `outputs.check` is a transcript the page shows.
The order traces are what the snippets print, captured with `capsys`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import re
import string
import time
import uuid
from contextvars import ContextVar

import httpx2
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import Client
from django.utils.deprecation import MiddlewareMixin
from fastapi import BackgroundTasks, FastAPI, Request
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware

from compare.middleware import fastapi_app as fastapi_request_id
from compare.middleware import fastapi_contextvars, fastapi_decorator, fastapi_order, fastapi_outermost, flask_order
from compare.middleware import flask_app as flask_request_id
from compare.middleware import drive
from compare.middleware.drive import NORMALISE, OUTPUTS, REQUESTS
from compare.middleware.django_app import settings as django_request_id_settings
from compare.middleware.django_order import middleware as django_order_middleware
from compare.middleware.django_order import settings as django_order_settings
from guide_tools.website.content import SNIPPETS
from tests.support import django_snippets
from guide_tools.runtime.drive import app_target, converse, converse_each, make_app, send
from tests.support.services import python_env, run_server
from tests.support.shell import shown_commands

OUT = "compare/middleware/out"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TIMING = re.compile(r"app;dur=\d+\.\d")
# Server-Timing holds a duration, different on every run (drive.py's NORMALISE, which the browser test applies too).
TIMING_NORMALISER = [(re.compile(pattern), replacement) for pattern, replacement in NORMALISE]
SHOWN_HEADERS = ("content-type", "x-request-id", "server-timing")


def status_line(response) -> str:
    if hasattr(response, "get_data"):  # Werkzeug
        return response.status
    return f"{response.status_code} {response.reason_phrase}"


# --------------------------------------------------------------------------- clients


@pytest.fixture(scope="module")
def flask_order_client():
    return flask_order.app.test_client()


@pytest.fixture(scope="module")
def fastapi_order_client():
    with TestClient(fastapi_order.app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def django_order_client(settings):
    django_snippets.apply(settings, django_order_settings.__name__)  # every setting the page shows
    return Client(raise_request_exception=False)


@pytest.fixture(scope="module")
def flask_client():
    return flask_request_id.app.test_client()


@pytest.fixture(scope="module")
def fastapi_client():
    with TestClient(fastapi_request_id.app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def django_client(settings):
    django_snippets.apply(settings, django_request_id_settings.__name__)  # every setting the page shows
    return Client(raise_request_exception=False)


@pytest.fixture(params=["flask", "fastapi", "django"])
def order(request):
    name = request.param
    return name, request.getfixturevalue(f"{name}_order_client")


@pytest.fixture(params=["flask", "fastapi", "django"])
def app(request):
    name = request.param
    return name, request.getfixturevalue(f"{name}_client")


def traced(client, path: str, capsys) -> tuple[list[str], str]:
    """(lines the layers printed, status line) for one GET."""
    capsys.readouterr()
    response = client.get(path)
    return capsys.readouterr().out.splitlines(), status_line(response)


# --------------------------------------------------------------------------- the order of the layers


EXPECTED_ORDER = {
    "flask": {
        "/hello": [
            "WSGI middleware: enter",
            "before_request 1",
            "before_request 2",
            "view",
            "after_request 2 (200)",  # after_request functions run in reverse order
            "after_request 1 (200)",
            "WSGI middleware: response starts (200 OK)",
            "teardown_request (error: None)",
            "WSGI middleware: exit",
        ],
        "/boom": [
            "WSGI middleware: enter",
            "before_request 1",
            "before_request 2",
            "view raises",
            "after_request 2 (500)",  # on the 500 Flask made, since Flask 1.1
            "after_request 1 (500)",
            "WSGI middleware: response starts (500 INTERNAL SERVER ERROR)",
            "teardown_request (error: RuntimeError('boom'))",
            "WSGI middleware: exit",
        ],
    },
    "fastapi": {
        "/hello": [
            "pure ASGI middleware: enter",  # added last: outermost
            "BaseHTTPMiddleware: enter",
            "endpoint",
            "BaseHTTPMiddleware: got the response (200)",
            "pure ASGI middleware: response starts (200)",
            "background task",  # after call_next's code, inside the pure ASGI call
            "pure ASGI middleware: exit",
        ],
        "/boom": [
            "pure ASGI middleware: enter",
            "BaseHTTPMiddleware: enter",
            "endpoint raises",
            # call_next raises; the pure ASGI middleware sees the exception, never a response:
            # ServerErrorMiddleware, outside both, sends the 500.
            "pure ASGI middleware: exit",
        ],
    },
    "django": {
        "/hello": [
            "outer: before the view",
            "inner: before the view",
            "outer: process_view(hello)",
            "inner: process_view(hello)",
            "view",
            "inner: after the view (200)",
            "outer: after the view (200)",
        ],
        "/boom": [
            "outer: before the view",
            "inner: before the view",
            "outer: process_view(boom)",
            "inner: process_view(boom)",
            "view raises",
            "inner: process_exception(RuntimeError('boom'))",  # bottom-up
            "outer: process_exception(RuntimeError('boom'))",
            "inner: after the view (500)",  # the middleware get a 500 response, not the exception
            "outer: after the view (500)",
        ],
    },
}


def test_order_of_the_layers(order, capsys, outputs):
    name, client = order
    for path in ("/hello", "/boom"):
        lines, status = traced(client, path, capsys)
        assert lines == EXPECTED_ORDER[name][path]
        assert status.startswith("200" if path == "/hello" else "500")
    # The trace the page shows: what the layers printed for each request, and its status, as the
    # page's Run shows it (drive.py's SHOW_CONSOLE "printed").
    text = converse(client, drive, f"{name}_order.txt")
    assert text == "\n".join(
        "\n".join([f"GET {path}", *(f"  {line}" for line in EXPECTED_ORDER[name][path]), f"  -> {status}"]) + "\n"
        for path, status in (("/hello", status_of(name, 200)), ("/boom", status_of(name, 500))))
    outputs.check(f"{OUT}/{name}_order.txt", text)


def status_of(name: str, code: int) -> str:
    """The status line each framework's test client gives: Werkzeug's reason phrase in capitals."""
    reason = {200: "OK", 500: "Internal Server Error"}[code]
    return f"{code} {reason.upper() if name == 'flask' else reason}"


def test_unknown_path_passes_through_every_layer(order, capsys):
    name, client = order
    lines, status = traced(client, "/nowhere", capsys)
    assert status.startswith("404")
    assert lines == {
        "flask": [
            "WSGI middleware: enter", "before_request 1", "before_request 2",  # routing errors are raised after these
            "after_request 2 (404)", "after_request 1 (404)",
            "WSGI middleware: response starts (404 NOT FOUND)",
            "teardown_request (error: None)", "WSGI middleware: exit",
        ],
        "fastapi": [  # HTTPException-style errors become responses inside the user middleware
            "pure ASGI middleware: enter", "BaseHTTPMiddleware: enter",
            "BaseHTTPMiddleware: got the response (404)",
            "pure ASGI middleware: response starts (404)", "pure ASGI middleware: exit",
        ],
        "django": [  # no view was resolved, so no process_view
            "outer: before the view", "inner: before the view",
            "inner: after the view (404)", "outer: after the view (404)",
        ],
    }[name]


@pytest.mark.parametrize("key", ["PROPAGATE_EXCEPTIONS", "TESTING", "DEBUG"])
def test_flask_after_request_skipped_when_exceptions_propagate(key, monkeypatch, capsys):
    """In debug or testing mode (PROPAGATE_EXCEPTIONS) the exception leaves Flask: no 500 is
    made, so after_request does not run; teardown_request still does."""
    monkeypatch.setitem(flask_order.app.config, key, True)
    client = flask_order.app.test_client()
    capsys.readouterr()
    with pytest.raises(RuntimeError, match="boom"):
        client.get("/boom")
    assert capsys.readouterr().out.splitlines() == [
        "WSGI middleware: enter",
        "before_request 1",
        "before_request 2",
        "view raises",
        "teardown_request (error: RuntimeError('boom'))",
        "WSGI middleware: exit",
    ]


def test_debug_mode_does_not_change_the_layers_in_fastapi_and_django(settings, capsys):
    debug_app = FastAPI(debug=True)
    debug_app.add_api_route("/boom", fastapi_order.boom)
    debug_app.add_middleware(fastapi_order.DispatchMiddleware)
    debug_app.add_middleware(fastapi_order.PureASGIMiddleware)
    with TestClient(debug_app, raise_server_exceptions=False) as client:
        lines, status = traced(client, "/boom", capsys)
    assert (lines, status) == (EXPECTED_ORDER["fastapi"]["/boom"], "500 Internal Server Error")

    django_snippets.apply(settings, django_order_settings.__name__)  # every setting the page shows
    settings.DEBUG = True
    lines, status = traced(Client(raise_request_exception=False), "/boom", capsys)
    assert (lines, status) == (EXPECTED_ORDER["django"]["/boom"], "500 Internal Server Error")


def test_flask_before_request_returning_a_response_skips_the_view():
    from flask import Flask

    app = Flask(__name__)
    calls = []

    @app.before_request
    def closed():
        calls.append("before 1")
        return "closed for maintenance", 503

    @app.before_request
    def never():  # pragma: no cover - skipped by the first before_request
        calls.append("before 2")

    @app.after_request
    def after(response):
        calls.append("after")
        return response

    @app.teardown_request
    def teardown(error):
        calls.append("teardown")

    @app.get("/")
    def view():  # pragma: no cover - skipped by the first before_request
        calls.append("view")
        return "view"

    response = app.test_client().get("/")
    assert response.status_code == 503
    assert calls == ["before 1", "after", "teardown"]


def test_flask_teardown_runs_before_a_streamed_body_is_sent():
    """teardown_request runs when Flask is done with the request, not after the response has
    been sent: a streamed body is produced after it."""
    from flask import Flask

    app = Flask(__name__)
    calls = []

    @app.teardown_request
    def teardown(error):
        calls.append("teardown")
        return "ignored"  # the return value of a teardown function is ignored

    @app.get("/stream")
    def stream():
        def body():
            calls.append("first chunk")
            yield "data"

        return body()

    response = app.test_client().get("/stream")
    assert response.get_data(as_text=True) == "data"
    assert calls == ["teardown", "first chunk"]


def test_fastapi_middleware_list_reads_outermost_first(capsys):
    """`add_middleware` inserts at the front: the last added is the outermost. The
    `middleware=[...]` list reads the other way round, top = outermost, like Django's MIDDLEWARE."""
    assert [m.cls for m in fastapi_order.app.user_middleware] == [
        fastapi_order.PureASGIMiddleware, fastapi_order.DispatchMiddleware,
    ]
    listed = FastAPI(middleware=[
        Middleware(fastapi_order.PureASGIMiddleware),
        Middleware(fastapi_order.DispatchMiddleware),
    ])
    listed.add_api_route("/hello", fastapi_order.hello)
    with TestClient(listed) as client:
        lines, _ = traced(client, "/hello", capsys)
    assert lines == EXPECTED_ORDER["fastapi"]["/hello"]


def test_fastapi_add_middleware_after_start_is_an_error():
    app = FastAPI()
    # The first call (here: the lifespan startup) builds the middleware stack.
    with TestClient(app), pytest.raises(RuntimeError, match="Cannot add middleware after an application has started"):
        app.add_middleware(fastapi_order.PureASGIMiddleware)


def test_django_middleware_is_created_once(settings, monkeypatch):
    django_snippets.apply(settings, django_order_settings.__name__)  # every setting the page shows
    created = []
    original = django_order_middleware.TraceMiddleware.__init__

    def counting_init(self, get_response):
        created.append(self.name)
        original(self, get_response)

    monkeypatch.setattr(django_order_middleware.TraceMiddleware, "__init__", counting_init)
    client = Client()
    for _ in range(3):
        assert client.get("/hello").status_code == 200
    assert created == ["inner", "outer"]  # built once, from the bottom of MIDDLEWARE up


def test_django_application_can_be_wrapped_by_wsgi_middleware(settings, capsys):
    """Django's WSGI application is a WSGI app like any other: the Flask example's WSGI
    middleware wraps it unchanged, outside every MIDDLEWARE class."""
    from django.core.wsgi import get_wsgi_application
    from werkzeug.test import Client as WSGIClient

    django_snippets.apply(settings, django_order_settings.__name__)  # every setting the page shows
    application = flask_order.WSGIMiddleware(get_wsgi_application())
    capsys.readouterr()
    response = WSGIClient(application).get("/hello", headers={"Host": "testserver"})
    assert response.status_code == 200
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["WSGI middleware: enter", "outer: before the view"]
    assert lines[-3:] == ["outer: after the view (200)", "WSGI middleware: response starts (200 OK)",
                          "WSGI middleware: exit"]


def test_django_process_view_returning_a_response_skips_the_view(django_order_client, monkeypatch, capsys):
    monkeypatch.setattr(
        django_order_middleware.OuterMiddleware, "process_view",
        lambda self, request, view_func, view_args, view_kwargs: HttpResponse("cached", status=200),
    )
    lines, status = traced(django_order_client, "/hello", capsys)
    assert status == "200 OK"
    assert lines == [
        "outer: before the view", "inner: before the view",
        # no inner process_view, no view: but every __call__ still sees the response on the way out
        "inner: after the view (200)", "outer: after the view (200)",
    ]


def test_django_process_exception_returning_a_response_handles_it(django_order_client, monkeypatch, capsys):
    monkeypatch.setattr(
        django_order_middleware.InnerMiddleware, "process_exception",
        lambda self, request, exception: HttpResponse("try again later", status=503),
    )
    lines, status = traced(django_order_client, "/boom", capsys)
    assert status == "503 Service Unavailable"
    assert "outer: process_exception(RuntimeError('boom'))" not in lines  # the next one is not asked
    assert lines[-2:] == ["inner: after the view (503)", "outer: after the view (503)"]


def test_answering_early_skips_the_rest():
    """A layer that answers without calling the next one: the endpoint never runs."""
    from starlette.responses import PlainTextResponse

    class ClosedASGI:
        def __init__(self, app):
            self.app = app

        async def __call__(self, scope, receive, send):
            if scope["type"] != "http":
                await self.app(scope, receive, send)
                return
            await PlainTextResponse("closed", status_code=503)(scope, receive, send)

    class ClosedHTTP(BaseHTTPMiddleware):
        async def dispatch(self, request, call_next):
            return PlainTextResponse("closed", status_code=503)

    for middleware in (ClosedASGI, ClosedHTTP):
        app = FastAPI()

        @app.get("/")
        async def endpoint():  # pragma: no cover - never reached
            raise AssertionError("the endpoint ran")

        app.add_middleware(middleware)
        with TestClient(app) as client:
            response = client.get("/")
        assert (response.status_code, response.text) == (503, "closed")


class ClosedMiddleware:
    """A Django middleware that answers without calling get_response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return HttpResponse("closed", status=503)


def test_django_answering_early_skips_the_inner_layers(settings, capsys):
    settings.ROOT_URLCONF = django_order_settings.ROOT_URLCONF
    settings.MIDDLEWARE = [django_order_settings.MIDDLEWARE[0], f"{__name__}.ClosedMiddleware",
                           *django_order_settings.MIDDLEWARE[1:]]
    lines, status = traced(Client(), "/hello", capsys)
    assert status == "503 Service Unavailable"
    assert lines == ["outer: before the view", "outer: after the view (503)"]


def test_starlette_builtin_middleware_is_pure_asgi():
    from starlette.middleware.cors import CORSMiddleware
    from starlette.middleware.gzip import GZipMiddleware
    from starlette.middleware.httpsredirect import HTTPSRedirectMiddleware
    from starlette.middleware.sessions import SessionMiddleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    for cls in (CORSMiddleware, GZipMiddleware, HTTPSRedirectMiddleware, SessionMiddleware, TrustedHostMiddleware):
        assert not issubclass(cls, BaseHTTPMiddleware)


def test_fastapi_middleware_decorators_run_last_declared_first(capsys):
    app = FastAPI()

    @app.middleware("http")
    async def declared_first(request, call_next):
        print("declared first")
        return await call_next(request)

    @app.middleware("http")
    async def declared_second(request, call_next):
        print("declared second")
        return await call_next(request)

    @app.get("/")
    async def endpoint():
        return {}

    with TestClient(app) as client:
        lines, _ = traced(client, "/", capsys)
    assert lines == ["declared second", "declared first"]


# --------------------------------------------------------------------------- request id and timing


def test_request_id_and_timing(app, outputs):
    """The request snippets/compare/middleware/drive.py declares (the page's Run button sends it)."""
    name, client = app
    response = client.get("/whoami", headers={"X-Request-ID": "abc-123"})
    assert response.status_code == 200
    assert response.headers["X-Request-ID"] == "abc-123"  # a safe incoming id is kept
    assert TIMING.fullmatch(response.headers["Server-Timing"])
    body = response.get_json() if name == "flask" else response.json()
    assert body == {"request_id": "abc-123"}  # and the view can read it
    _, request, shown = OUTPUTS[f"{name}_request_id.txt"]
    assert request == REQUESTS["request_id"] == "GET /whoami\nX-Request-ID: abc-123"
    outputs.check(f"{OUT}/{name}_request_id.txt", send(client, request, shown), normalisers=TIMING_NORMALISER)


# The page's rule for an incoming id, written out apart from the listings' regex: 1 to 64 of these.
PLAIN_ID_BYTES = frozenset((string.ascii_letters + string.digits + "._-").encode())


def is_plain_id(value: bytes) -> bool:
    return 1 <= len(value) <= 64 and all(byte in PLAIN_ID_BYTES for byte in value)


def header_values() -> list[bytes]:
    """X-Request-ID values a client can send, as bytes on the wire: every byte alone, inside a plain id
    and after one (where `$` lets a final newline through); the UTF-8 of characters that \\w, \\d,
    isalnum() or case folding take for letters and digits; line breaks that would forge a log line or a
    header; lengths around the limit and far past it; and 400 seeded random mixes of plain and hostile
    characters, weighted so that many come out as plain ids."""
    values = [bytes([byte]) for byte in range(256)]
    values += [b"ab" + bytes([byte]) + b"cd" for byte in range(256)]
    values += [b"abc" + bytes([byte]) for byte in range(256)]
    values += [f"id-{char}-1".encode() for char in "éßıKＡ٣а한😀\u0301\u200b\ufeff\u2028\u2029\u0085\u00a0"]
    values += [b"abc\n", b"\nabc", b"abc\r\nSet-Cookie: session=forged", b"ok\n127.0.0.1 - admin logged in",
               b"abc\x00def", b" abc", b"abc ", b"abc\t"]
    values += [b"a" * n for n in (0, 1, 63, 64, 65, 256, 8192)]
    rng = random.Random(48)
    plain = string.ascii_letters + string.digits + "._-"
    hostile = " \t\r\n\x00\x7f;:,/\\\"'<>{}()[]%$#@!?*+=|~^`&" + "éßıKＡ٣а한😀\u2028\u0085"
    for _ in range(400):
        chars = [rng.choice(plain) if rng.random() < 0.985 else rng.choice(hostile) for _ in range(rng.randint(0, 80))]
        values.append("".join(chars).encode())
    return values


HEADER_VALUES = header_values()


def request_ids(name: str, app, values: list[bytes | None]) -> list[tuple[str, str]]:
    """GET /whoami with X-Request-ID: value (None: no header) for each value, handed to the app as a
    server hands it over: WSGI, the bytes decoded as Latin-1 into the environ (through the framework's
    test client); ASGI, the bytes in the scope (called directly, in one event loop: TestClient's
    thread hop per request made this test twenty times slower). Returns (the response's id, the
    id the view saw) for each."""
    if name in ("flask", "django"):
        client = app
        answers = []
        for value in values:
            environ = {} if value is None else {"HTTP_X_REQUEST_ID": value.decode("latin-1")}
            response = (client.get("/whoami", environ_overrides=environ) if name == "flask"
                        else client.get("/whoami", **environ))
            assert response.status_code == 200, (name, value, response.status_code)
            body = response.get_json() if name == "flask" else response.json()
            answers.append((response.headers["X-Request-ID"], body["request_id"]))
        return answers

    async def get(value: bytes | None) -> tuple[str, str]:
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                 "scheme": "http", "path": "/whoami", "raw_path": b"/whoami", "root_path": "", "query_string": b"",
                 "headers": [] if value is None else [(b"x-request-id", value)],
                 "client": ("127.0.0.1", 50000), "server": ("testserver", 80)}
        sent = []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            sent.append(message)

        await app(scope, receive, send)
        start, *body = sent
        assert start["status"] == 200, (name, value, start["status"])
        [header] = [v for k, v in start["headers"] if k == b"x-request-id"]
        return header.decode("latin-1"), json.loads(b"".join(m.get("body", b"") for m in body))["request_id"]

    async def get_all() -> list[tuple[str, str]]:
        return [await get(value) for value in values]

    return asyncio.run(get_all())


@pytest.fixture(params=["flask", "fastapi", "django", "fastapi_decorator"])
def request_id_app(request):
    """(name, app or test client) of each listing that takes an incoming id."""
    name = request.param
    apps = {"fastapi": fastapi_request_id.app, "fastapi_decorator": fastapi_decorator.app}
    return name, apps[name] if name in apps else request.getfixturevalue(f"{name}_client")


def test_unsafe_or_missing_request_id_is_replaced(request_id_app):
    """The rule, for every listing's app and every value header_values() makes: a plain id (1 to 64 of
    A-Z a-z 0-9 . _ -) is kept; anything else, and no header, gets a new UUID; the view sees the id
    the response carries. So the id in the header and in the logs is always a plain id."""
    name, app = request_id_app
    kept, new_ids = 0, []
    values = [None, *HEADER_VALUES]
    for value, (sent_back, seen) in zip(values, request_ids(name, app, values), strict=True):
        assert seen == sent_back, (name, value)
        assert is_plain_id(sent_back.encode("latin-1")), (name, value, sent_back)
        if value is not None and is_plain_id(value):
            assert sent_back == value.decode(), f"{name}: the plain id {value!r} was replaced by {sent_back!r}"
            kept += 1
        else:
            assert UUID.fullmatch(sent_back) and uuid.UUID(sent_back).version == 4, (name, value, sent_back)
            new_ids.append(sent_back)
    assert len(set(new_ids)) == len(new_ids)  # a new one each time
    assert kept > 300 and len(new_ids) > 700  # both sides of the rule were tried, many times


def test_request_id_on_unknown_path(app):
    _, client = app
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert UUID.fullmatch(response.headers["X-Request-ID"])


def test_flask_request_id_when_an_earlier_hook_answers():
    """after_request runs even when a before_request registered ahead of start_request answers
    early (authentication, maintenance): stamp_response must not assume g was filled."""
    from flask import Flask

    app = Flask(__name__)

    @app.before_request
    def deny():
        return {"error": "unauthorized"}, 401

    app.before_request(flask_request_id.start_request)
    app.after_request(flask_request_id.stamp_response)

    @app.get("/whoami")
    def whoami():  # pragma: no cover - skipped by deny()
        return {}

    response = app.test_client().get("/whoami")
    assert response.status_code == 401
    assert UUID.fullmatch(response.headers["X-Request-ID"])


def test_unhandled_exception_and_the_request_id(app, outputs):
    """Flask's after_request and Django's middleware see the 500; FastAPI's 500 is made by
    ServerErrorMiddleware, outside every middleware added with add_middleware."""
    name, client = app
    response = client.get("/boom")
    assert response.status_code == 500
    if name == "fastapi":
        assert "X-Request-ID" not in response.headers
        assert response.text == "Internal Server Error"
    else:
        assert UUID.fullmatch(response.headers["X-Request-ID"])
    # the request drive.py declares, as the page's Run sends it: the same 500, and its headers
    outputs.check(f"{OUT}/{name}_boom.txt", send(client, *OUTPUTS[f"{name}_boom.txt"][1:]), normalisers=TIMING_NORMALISER)


def test_fastapi_middleware_list_cannot_reach_the_500():
    app = FastAPI(middleware=[Middleware(fastapi_request_id.RequestIdMiddleware)])
    app.add_api_route("/boom", fastapi_request_id.boom)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 500
    assert "X-Request-ID" not in response.headers


def test_fastapi_outermost_app_is_not_what_the_fastapi_cli_finds():
    """Why the page says to name `module:app` to the server: fastapi-cli's discovery
    (discover.get_app_name) takes `app` only if it is a FastAPI instance, then `api`, then any
    FastAPI object in the module. Here `app` is the wrapping middleware and `api` the bare
    application, so `fastapi run` would serve `api`, without the middleware."""
    assert not isinstance(fastapi_outermost.app, FastAPI)
    assert isinstance(fastapi_outermost.api, FastAPI)


def test_fastapi_outermost_middleware_sees_the_500(outputs):
    with TestClient(fastapi_outermost.app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 500
    assert UUID.fullmatch(response.headers["X-Request-ID"])
    assert app_target(drive, "fastapi_boom_outermost.txt") == "compare.middleware.fastapi_outermost:app"
    with TestClient(fastapi_outermost.app, raise_server_exceptions=False) as client:
        text = send(client, *OUTPUTS["fastapi_boom_outermost.txt"][1:])
    outputs.check(f"{OUT}/fastapi_boom_outermost.txt", text, normalisers=TIMING_NORMALISER)


def test_django_request_id_first_stamps_responses_from_other_middleware(settings):
    """Listed first, RequestIdMiddleware wraps SecurityMiddleware, so the HTTPS redirect that
    SecurityMiddleware answers before calling the rest carries the id. Listed last, it never
    sees that request. A process_view answer (CSRF's 403) comes after every __call__ has
    started, so it passes back through all of them, wherever RequestIdMiddleware is listed."""
    settings.ROOT_URLCONF = django_request_id_settings.ROOT_URLCONF
    settings.SECURE_SSL_REDIRECT = True
    first, *rest = django_request_id_settings.MIDDLEWARE
    for middleware, stamped in (([first, *rest], True), ([*rest, first], False)):
        settings.MIDDLEWARE = middleware
        redirect = Client().get("/whoami")
        assert redirect.status_code == 301
        assert redirect["Location"] == "https://testserver/whoami"
        assert ("X-Request-ID" in redirect) is stamped
        refused = Client(enforce_csrf_checks=True).post("/whoami", secure=True)
        assert refused.status_code == 403
        assert UUID.fullmatch(refused["X-Request-ID"])


def test_fastapi_decorator_is_base_http_middleware(fastapi_client):
    [middleware] = fastapi_decorator.app.user_middleware
    assert middleware.cls is BaseHTTPMiddleware
    assert middleware.kwargs["dispatch"] is fastapi_decorator.request_id
    with TestClient(fastapi_decorator.app) as client:
        response = client.get("/whoami", headers={"X-Request-ID": "abc-123"})
        assert response.json() == {"request_id": "abc-123"}
        assert TIMING.fullmatch(response.headers["Server-Timing"])
        assert UUID.fullmatch(client.get("/whoami").headers["X-Request-ID"])
    # Starlette 1.0 removed the decorator from Starlette itself; FastAPI keeps its own.
    assert not hasattr(Starlette, "middleware")
    assert hasattr(FastAPI, "middleware")


# --------------------------------------------------------------------------- pure ASGI or BaseHTTPMiddleware


def test_contextvar_set_by_the_endpoint(capsys, outputs):
    transcript = []
    for app in (fastapi_contextvars.pure_app, fastapi_contextvars.base_app):
        with TestClient(app) as client:
            capsys.readouterr()
            assert client.get("/me").json() == {"user": "ada"}
            transcript += capsys.readouterr().out.splitlines()
    assert transcript == [
        "pure ASGI access log: /me by ada",
        "BaseHTTPMiddleware access log: /me by anonymous",  # the endpoint ran in another task
    ]
    # GET /me to each app drive.py names, as the page's Run sends it: what each one printed
    targets = app_target(drive, "fastapi_contextvars.txt")
    assert [make_app(target) for target in targets] == [fastapi_contextvars.pure_app, fastapi_contextvars.base_app]
    with TestClient(make_app(targets[0])) as pure, TestClient(make_app(targets[1])) as base:
        text = converse_each([pure, base], drive, "fastapi_contextvars.txt")
    assert [line.strip() for line in text.splitlines() if "access log" in line] == transcript
    outputs.check(f"{OUT}/fastapi_contextvars.txt", text)


def test_contextvar_set_by_a_sync_endpoint_is_lost_everywhere(capsys):
    """A `def` endpoint runs in a worker thread, in a copy of the context."""
    for app in (fastapi_contextvars.pure_app, fastapi_contextvars.base_app):
        with TestClient(app) as client:
            capsys.readouterr()
            assert client.get("/me-sync").json() == {"user": "ada"}
            assert capsys.readouterr().out.rstrip().endswith("/me-sync by anonymous")


def test_base_http_middleware_runs_the_app_in_another_task():
    tasks = {}

    class Probe(BaseHTTPMiddleware):
        async def dispatch(self, request, call_next):
            tasks["middleware"] = asyncio.current_task()
            return await call_next(request)

    class PureProbe:
        def __init__(self, app):
            self.app = app

        async def __call__(self, scope, receive, send):
            if scope["type"] == "http":
                tasks["middleware"] = asyncio.current_task()
            await self.app(scope, receive, send)

    for middleware, same_task in ((Probe, False), (PureProbe, True)):
        app = FastAPI()

        @app.get("/")
        async def endpoint():
            tasks["endpoint"] = asyncio.current_task()
            return {}

        app.add_middleware(middleware)
        with TestClient(app) as client:
            client.get("/")
        assert (tasks["middleware"] is tasks["endpoint"]) is same_task


def test_contextvar_set_by_a_middleware_reaches_the_endpoint():
    request_id: ContextVar[str] = ContextVar("request_id", default="none")

    class SetHTTP(BaseHTTPMiddleware):
        async def dispatch(self, request, call_next):
            request_id.set("from BaseHTTPMiddleware")
            return await call_next(request)

    class SetASGI:
        def __init__(self, app):
            self.app = app

        async def __call__(self, scope, receive, send):
            request_id.set("from pure ASGI")
            await self.app(scope, receive, send)

    for middleware, expected in ((SetHTTP, "from BaseHTTPMiddleware"), (SetASGI, "from pure ASGI")):
        app = FastAPI()

        @app.get("/")
        async def endpoint():
            return {"request_id": request_id.get()}

        app.add_middleware(middleware)
        with TestClient(app) as client:
            assert client.get("/").json() == {"request_id": expected}


def test_request_state_is_shared_by_both_forms():
    """The workaround: put what the endpoint learns in request.state (the scope), not a ContextVar."""
    seen = []

    class AccessLogHTTP(BaseHTTPMiddleware):
        async def dispatch(self, request, call_next):
            response = await call_next(request)
            seen.append(request.state.user)
            return response

    app = FastAPI()

    @app.get("/me")
    async def me(request: Request):
        request.state.user = "ada"
        return {}

    app.add_middleware(AccessLogHTTP)
    with TestClient(app) as client:
        client.get("/me")
    assert seen == ["ada"]


def test_base_http_middleware_can_read_the_request_body():
    """Since Starlette 0.28 the body read in dispatch is replayed to the app (it used to hang)."""
    sizes = []

    class BodySize(BaseHTTPMiddleware):
        async def dispatch(self, request, call_next):
            sizes.append(len(await request.body()))
            return await call_next(request)

    app = FastAPI()

    @app.post("/echo")
    async def echo(request: Request):
        return await request.json()

    app.add_middleware(BodySize)
    with TestClient(app) as client:
        assert client.post("/echo", json={"a": 1}).json() == {"a": 1}
    assert sizes == [len(b'{"a":1}')]


def test_base_http_middleware_response_has_no_body():
    """call_next returns as soon as the response starts: a streaming response whose body has
    not been produced yet. There is no `.body`; reading it means consuming `body_iterator`."""
    found = {}

    class Peek(BaseHTTPMiddleware):
        async def dispatch(self, request, call_next):
            response = await call_next(request)
            found["has_body"] = hasattr(response, "body")
            found["iterator"] = hasattr(response, "body_iterator")
            return response

    app = FastAPI()

    @app.get("/")
    async def endpoint():
        return {"ok": True}

    app.add_middleware(Peek)
    with TestClient(app) as client:
        assert client.get("/").json() == {"ok": True}
    assert found == {"has_body": False, "iterator": True}


def test_background_task_with_base_http_middleware_still_runs(fastapi_order_client, capsys):
    """Starlette 0.21 stopped BaseHTTPMiddleware from cancelling background tasks."""
    lines, _ = traced(fastapi_order_client, "/hello", capsys)
    assert "background task" in lines
    assert lines.index("BaseHTTPMiddleware: got the response (200)") < lines.index("background task")
    assert lines.index("background task") < lines.index("pure ASGI middleware: exit")


WHEN = "http.response.body"


def background_task_after_a_disconnect(*, cancel_on_disconnect: bool = False) -> list[str]:
    """A FastAPI app behind a pass-through BaseHTTPMiddleware, driven as a server would: the
    client disconnects as soon as the response has started, while a background task that takes
    0.2 s is still running. What the task recorded. `cancel_on_disconnect` adds an outer
    middleware that cancels the app on http.disconnect, as BaseHTTPMiddleware did before
    Starlette 0.21 (the adversary)."""
    done: list[str] = []

    async def slow_task() -> None:
        await asyncio.sleep(0.2)
        done.append("background task")

    class PassThrough(BaseHTTPMiddleware):
        async def dispatch(self, request, call_next):
            return await call_next(request)

    app = FastAPI()
    app.add_middleware(PassThrough)

    @app.get("/hello")
    async def hello(background_tasks: BackgroundTasks):
        background_tasks.add_task(slow_task)
        return {"hello": "world"}

    async def main() -> None:
        started = asyncio.Event()
        requested = False

        async def receive():
            nonlocal requested
            if not requested:
                requested = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await started.wait()
            return {"type": "http.disconnect"}  # the client has gone once the response started

        async def send(message):
            if message["type"] == WHEN:
                started.set()

        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                 "scheme": "http", "path": "/hello", "raw_path": b"/hello", "root_path": "",
                 "query_string": b"", "headers": [], "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
        if not cancel_on_disconnect:
            await app(scope, receive, send)
            return
        serving = asyncio.create_task(app(scope, receive, send))
        while (await receive())["type"] != "http.disconnect":
            pass
        serving.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await serving

    asyncio.run(main())
    return done


def test_background_task_survives_a_client_disconnect():
    """The case Starlette 0.21 fixed (#1715, "Replace task cancellation in BaseHTTPMiddleware with
    http.disconnect"): the client leaves while the background task runs, and it still finishes.
    The adversary, an app cancelled on disconnect as before 0.21, loses the task."""
    assert background_task_after_a_disconnect() == ["background task"]
    assert background_task_after_a_disconnect(cancel_on_disconnect=True) == []


# --------------------------------------------------------------------------- older examples


def test_durations_need_a_monotonic_clock():
    assert time.get_clock_info("perf_counter").monotonic
    assert not time.get_clock_info("time").monotonic  # the wall clock can jump


class OldStyleMiddleware:
    """A pre-Django-1.10 middleware: no get_response."""

    def process_request(self, request):  # pragma: no cover - never instantiated
        return None


class MixinMiddleware(MiddlewareMixin):
    """The same, made loadable by MiddlewareMixin."""

    def process_response(self, request, response):
        response["X-Old-Style"] = "yes"
        return response


def test_django_middleware_classes_setting_is_ignored(settings):
    """MIDDLEWARE_CLASSES was removed in Django 2.0: nothing reads it, and nothing warns."""
    settings.ROOT_URLCONF = django_request_id_settings.ROOT_URLCONF
    settings.MIDDLEWARE = []
    settings.MIDDLEWARE_CLASSES = ["compare.middleware.django_app.middleware.RequestIdMiddleware"]
    response = Client(raise_request_exception=False).get("/whoami")
    assert "X-Request-ID" not in response
    assert response.status_code == 500  # the view finds no request.request_id


def test_django_old_style_class_in_middleware(settings):
    settings.ROOT_URLCONF = django_order_settings.ROOT_URLCONF
    settings.MIDDLEWARE = [f"{__name__}.OldStyleMiddleware"]
    with pytest.raises(TypeError, match="takes no arguments"):
        Client().get("/hello")
    settings.MIDDLEWARE = [f"{__name__}.MixinMiddleware"]
    assert Client().get("/hello")["X-Old-Style"] == "yes"


def test_django_authentication_middleware_needs_sessions_first(settings):
    settings.ROOT_URLCONF = django_order_settings.ROOT_URLCONF
    settings.MIDDLEWARE = [
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
    ]
    with pytest.raises(ImproperlyConfigured, match="requires session middleware"):
        Client().get("/hello")
    settings.MIDDLEWARE = settings.MIDDLEWARE[::-1]
    assert Client().get("/hello").status_code == 200



# --------------------------------------------------------------------------- run it yourself


def run_commands() -> dict[str, str]:
    """The commands of snippets/compare/middleware/run.sh, by section name."""
    return shown_commands("compare/middleware/run.sh")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["flask", "fastapi", "django"])
def test_run_command_stamps_real_responses(name):
    with run_server(run_commands()[name], cwd=SNIPPETS, env=python_env()) as server:
        response = httpx2.get(f"{server.url}/whoami", headers={"X-Request-ID": "abc-123"}, timeout=10)
    assert response.status_code == 200
    assert response.json() == {"request_id": "abc-123"}
    assert response.headers["X-Request-ID"] == "abc-123"
    assert TIMING.fullmatch(response.headers["Server-Timing"])


def test_django_asgi_application_takes_pure_asgi_middleware(django_client, capsys):
    """Django's interface level is WSGI or ASGI, whichever entry point the server runs: the page's
    pure ASGI middleware (the FastAPI tab's class, unchanged) wraps get_asgi_application(), what
    asgi.py exports, and the classes in MIDDLEWARE run inside it."""
    from asgiref.sync import async_to_sync
    from django.core.asgi import get_asgi_application

    from compare.middleware.fastapi_order import PureASGIMiddleware

    async def get():
        transport = httpx2.ASGITransport(app=PureASGIMiddleware(get_asgi_application()))
        async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.get("/whoami", headers={"X-Request-ID": "abc-123"})

    response = async_to_sync(get)()
    assert response.status_code == 200 and response.headers["X-Request-ID"] == "abc-123"  # MIDDLEWARE ran
    assert capsys.readouterr().out.splitlines() == [
        "pure ASGI middleware: enter", "pure ASGI middleware: response starts (200)", "pure ASGI middleware: exit"]


def test_django_sync_middleware_under_asgi_runs_in_a_thread(django_client, monkeypatch):
    """Under ASGI, Django adapts a middleware that is sync_capable only: its __call__ runs in a
    worker thread (sync_to_async), one hop out of the event loop and one back, for every request."""
    from asgiref.sync import async_to_sync
    from django.test import AsyncClient

    from compare.middleware.django_app.middleware import RequestIdMiddleware

    assert not hasattr(RequestIdMiddleware, "async_capable")  # Django reads it as False, sync_capable as True
    original = RequestIdMiddleware.__call__
    seen = []

    def recording(self, request):
        try:
            asyncio.get_running_loop()
            seen.append("event loop")
        except RuntimeError:
            seen.append("worker thread")
        return original(self, request)

    monkeypatch.setattr(RequestIdMiddleware, "__call__", recording)
    response = async_to_sync(AsyncClient().get)("/whoami", headers={"X-Request-ID": "abc-123"})
    assert response.status_code == 200 and response["X-Request-ID"] == "abc-123"
    assert seen == ["worker thread"]
