"""Checks of the middleware exercise, FastAPI: `python3 dev.py exercise middleware/fastapi`."""

import asyncio
import contextvars
import logging
import sys
from contextlib import contextmanager

import httpx2
import pytest
from app import app
from exercises.batteries import debug, routes
from exercises.compare.middleware import shared_checks as shared
from fastapi import FastAPI
from fastapi.testclient import TestClient


@pytest.fixture
def get():
    with TestClient(app) as client:

        def get(url: str, sent: str | None = None, headers: dict | None = None):
            headers = {**(headers or {}), **({"X-Request-ID": sent.encode()} if sent is not None else {})}  # bytes: a non-ASCII id goes as UTF-8
            try:
                return client.get(url, headers=headers)
            except UnicodeError:  # the test client cannot read a non-ASCII header back
                raise AssertionError(f"[non_ascii_kept] the client sent X-Request-ID: {sent!r}, and the response repeats it") from None

        yield get


def the_fastapi_app(root=None, module=None) -> FastAPI:
    """The FastAPI app that `app` serves: `app` itself, or the one a wrapper around it holds, under any
    attribute name or in a closure (walked from `app`), else the one FastAPI among app.py's globals."""
    root = app if root is None else root
    seen, todo = set(), [root]
    while todo:
        inner = todo.pop(0)
        if isinstance(inner, FastAPI):
            return inner
        if id(inner) in seen or isinstance(inner, (str, bytes, int, float, type, type(None))):
            continue
        seen.add(id(inner))
        todo.extend(getattr(inner, "__dict__", {}).values())
        todo.extend(cell.cell_contents for cell in getattr(inner, "__closure__", None) or ()
                    if cell.cell_contents is not None)
        for name in ("__wrapped__", "func"):  # functools.wraps, functools.partial
            if hasattr(inner, name):
                todo.append(getattr(inner, name))
    found = [value for value in vars(module or sys.modules["app"]).values() if isinstance(value, FastAPI)]
    if len(found) != 1:
        raise AssertionError(f"[fastapi_app_not_found] app.py's `app` serves no FastAPI app the checks can find "
                             f"(found {len(found)})")
    return found[0]


def ping_route():
    """The route of GET /ping, in the FastAPI app that `app` serves."""
    return next(r for r in the_fastapi_app().router.routes if getattr(r, "path", None) == "/ping")


class Answer:
    def __init__(self, status_code: int, headers: list[tuple[bytes, bytes]], content: bytes = b""):
        self.status_code, self.content = status_code, content
        self.headers = httpx2.Headers([(name.decode("latin-1"), value.decode("latin-1")) for name, value in headers])


@pytest.fixture
def send():
    """One request as an ASGI server hands it over: the header's bytes as they came, a hand-made scope.
    An exception that leaves the app is a 500 without headers, as the server sends it."""
    with TestClient(app) as client:

        async def call(method: str, path: str, sent: bytes | None, extra: dict | None):
            path, _, query = path.partition("?")
            headers = [(b"host", b"testserver")] + ([(b"x-request-id", sent)] if sent is not None else [])
            headers += [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in (extra or {}).items()]
            scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
                     "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query.encode(),
                     "root_path": "", "headers": headers, "client": ("127.0.0.1", 50000),
                     "server": ("testserver", 80), "state": {"lifespan": LIFESPAN_STATE}}  # a server copies it in
            started, body = [], []

            async def receive():
                return {"type": "http.request", "body": b"", "more_body": False}

            async def respond(message):
                if message["type"] == "http.response.start":
                    started.append(message)
                elif message["type"] == "http.response.body":
                    body.append(message.get("body", b""))

            try:
                await app(scope, receive, respond)
            except Exception:  # noqa: BLE001 - the server answers 500, unless the app had started its answer
                pass
            return Answer(started[0]["status"], started[0].get("headers", []), b"".join(body)) if started else Answer(500, [])

        yield lambda method, path, sent=None, headers=None: client.portal.call(call, method, path, sent, headers)


LIFESPAN_STATE = "what the lifespan yielded"


def with_headers(endpoint):
    async def ping_that_sets_headers(scope, receive, send):
        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"x-view-header", b"kept"),
                                      (b"set-cookie", b"view_cookie=kept; Path=/")]
            await send(message)

        await endpoint(scope, receive, send_with_headers)

    return ping_that_sets_headers


def test_ping_still_works(get, send):
    shared.ping_still_works(get)
    shared.the_views_headers_are_kept(send)
    # A server puts what the app's lifespan yields (a database pool, a client) in each request's scope["state"],
    # where the endpoint reads it as request.state: the middleware adds to it and keeps the rest.
    seen = []

    def wrap(endpoint):
        def ping_that_reads_the_state(scope, *args):
            seen.append(scope.get("state", {}).get("lifespan"))
            return endpoint(scope, *args)

        return ping_that_reads_the_state

    with ping_view_replaced(wrap):
        send("GET", "/ping", b"checkout-42")
    shared.the_view_set_headers_are_kept(get, ping_view_replaced, with_headers)
    assert seen == [LIFESPAN_STATE], (
        f"[lifespan_state_lost] the server put the lifespan's state in scope[\"state\"], and the endpoint read "
        f"{seen[0] if seen else None!r} there: add the id to that dict, do not replace it")


def test_every_response_has_a_new_id(get):
    shared.every_response_has_a_new_id(get)


def test_error_responses_have_one_too(get):
    shared.error_responses_have_one_too(get)


def test_a_server_error_has_one_too(caplog, monkeypatch):
    """The response a user reports: the view raises, and ServerErrorMiddleware answers 500, then raises
    the exception again for the server, which logs its traceback."""
    route = ping_route()
    endpoint = route.app

    async def crash(scope, receive, send):
        raise shared.ErrorRaisedByTheChecks(shared.SECRET)

    route.app = crash
    caplog.set_level(logging.ERROR)
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            response = client.get("/ping")
        with TestClient(app) as client:
            try:
                client.get("/ping")
                reached_the_server = False
            except RuntimeError:
                reached_the_server = True
    finally:
        route.app = endpoint
    shared.a_server_error_has_one_too(response)
    with shared.logging_kept():  # the module imported again sets its logging up again
        debug.check_debug_off(monkeypatch, "app", lambda module: the_fastapi_app(module.app, module).debug)
    shared.the_error_stays_on_the_server(response, caplog.records if not reached_the_server else [
        logging.LogRecord("uvicorn.error", logging.ERROR, "", 0, "", None, (RuntimeError, RuntimeError(), None))])


def test_the_clients_id_is_kept(get):
    shared.the_clients_id_is_kept(get)


@pytest.mark.parametrize("sent", shared.BAD_IDS)
def test_a_bad_client_id_is_replaced(get, sent):
    shared.a_bad_client_id_is_replaced(get, sent)


def test_every_method_and_answer_has_one(send):
    shared.every_method_and_answer_has_one(send)
    # FastAPI's own routes too (/docs, /redoc, /openapi.json), mounted apps' included
    shared.every_route_has_one(send, [path for path, methods, _route in routes.starlette_served(the_fastapi_app())
                                      if methods is not None])


def test_every_character_and_length_is_judged(send):
    shared.every_character_and_length_is_judged(send)


def test_no_other_input_sets_the_id(send):
    shared.no_other_input_sets_the_id(send)


def test_overlapping_requests_keep_their_own_ids():
    """An async server runs many requests at once on one event loop: each must keep its own id. Two
    requests go in together (asyncio.gather), and neither leaves the endpoint until both are in it;
    no thread is started. Each gets its own copy of the context, as each connection's task does."""
    route = ping_route()
    endpoint = route.app
    logs = {}

    async def two_at_once():
        inside, both_inside = [], asyncio.Event()

        async def ping_once_both_are_inside(scope, receive, send):
            inside.append(scope)
            if len(inside) == 2:
                both_inside.set()
            try:  # a middleware that lets one request through at a time never lets the second in
                await asyncio.wait_for(both_inside.wait(), 5)
            except TimeoutError:
                pass
            sent = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
            logs[sent] = shared.logged_now()  # each one's log line, while both are in
            await endpoint(scope, receive, send)

        route.app = ping_once_both_are_inside
        try:
            transport = httpx2.ASGITransport(app=app)
            async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as client:
                return await asyncio.gather(*(client.get("/ping", headers={"X-Request-ID": sent})
                                              for sent in ("checkout-1", "checkout-2")))
        finally:
            route.app = endpoint

    with TestClient(app) as client:  # its event loop: asyncio.run() cannot start one where one runs (a browser page)
        first, second = client.portal.call(two_at_once)
    got = shared.request_id(first), shared.request_id(second)
    if not set(got) & {"checkout-1", "checkout-2"}:  # neither id kept at all: not a shared id
        raise AssertionError(f"[good_id_replaced] two requests at once sent X-Request-ID: checkout-1 and checkout-2 "
                             f"and got {got[0]!r} and {got[1]!r}")
    assert got == ("checkout-1", "checkout-2"), (
        f"[id_shared_between_requests] two requests at once sent X-Request-ID: checkout-1 and checkout-2 and got {got[0]!r} "
        f"and {got[1]!r}: one got the id of a request that ran while it did")
    shared.each_log_line_has_its_own_id(logs.get("checkout-1", []), "checkout-1", "checkout-2")
    shared.each_log_line_has_its_own_id(logs.get("checkout-2", []), "checkout-2", "checkout-1")


@contextmanager
def ping_view_replaced(wrap):
    """GET /ping answered by wrap(its endpoint) for the length of the block: the endpoint is an ASGI app, called
    with (scope, receive, send), and the coroutine it returns is awaited."""
    route = ping_route()
    endpoint = route.app
    route.app = wrap(endpoint)
    try:
        yield
    finally:
        route.app = endpoint


RAW_SCOPE = frozenset({"type", "asgi", "http_version", "method", "scheme", "path", "raw_path", "query_string",
                       "root_path", "headers", "client", "server", "state"})


def values_kept(scope, *args):
    """What the endpoint can read the id from: request.state, the context's variables, what the scope holds
    besides the request itself (and, apart, the raw input: the scope)."""
    kept = [("state", scope.get("state", {})), *((var.name, value) for var, value in contextvars.copy_context().items()),
            *((name, value) for name, value in scope.items() if name not in RAW_SCOPE)]
    return kept, list(scope.items())


def test_the_view_sees_the_same_id(get):
    """The id is for finding a request in the logs: the endpoint and its log lines must read the id the
    response carries. Whatever the reader keeps it in (request.state, a ContextVar, the scope), the
    endpoint can see that value."""
    shared.the_view_sees_the_same_id(get, ping_view_replaced, values_kept, endpoint=True)


def test_no_id_outlives_its_request(get):
    """Nothing of yours still holds a request's id once it has ended, whether its endpoint returned or raised: a
    variable of the module is read by the requests after it and by those that run at the same time. (A
    `ContextVar` set in the middleware is not such a place: an ASGI server runs each request in a task of its
    own, whose copy of the context ends with it.)"""
    shared.no_id_outlives_its_request(get, None, "app", ping_view_replaced, logged_between=False)
