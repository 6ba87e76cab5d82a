"""Checks of the middleware exercise, Django: `python3 dev.py exercise middleware/django`."""

import asyncio
import contextvars
import logging
import re
from contextlib import contextmanager

import pytest
from asgiref.sync import async_to_sync
from django.test import AsyncClient, Client, override_settings
from django.urls import get_resolver
from exercises.batteries import debug, hosts, routes, secrets
from exercises.compare.middleware import shared_checks as shared


@pytest.fixture
def get():
    client = Client()  # one client, one set of middleware instances, as one server process has
    return lambda url, sent=None, headers=None: client.get(
        url, headers={**(headers or {}), **({"X-Request-ID": sent} if sent is not None else {})})


@pytest.fixture
def send():
    """One request as a WSGI server hands it over: the header's bytes read as Latin-1."""
    client = Client(raise_request_exception=True)

    def send(method: str, path: str, sent: bytes | None = None, headers: dict | None = None):
        extra = {"HTTP_" + name.upper().replace("-", "_"): value for name, value in (headers or {}).items()}
        if sent is not None:
            extra["HTTP_X_REQUEST_ID"] = sent.decode("latin-1")
        return client.generic(method, path, **extra)

    return send


def async_send():
    """`send` under ASGI (AsyncClient, as an async server runs the site), or None where an event loop already runs
    (the page's Check: AsyncToSync cannot start there)."""
    try:
        asyncio.get_running_loop()
        return None
    except RuntimeError:
        pass
    client = AsyncClient(raise_request_exception=True)

    def send(method: str, path: str, sent: bytes | None = None, headers: dict | None = None):
        headers = {**(headers or {}), **({"X-Request-ID": sent.decode("latin-1")} if sent is not None else {})}
        async def answer():
            return await client.generic(method, path, headers=headers)

        return async_to_sync(answer)()

    return send


def with_headers(view):
    def ping_that_sets_headers(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-View-Header"] = "kept"
        response.set_cookie("view_cookie", "kept")
        return response

    return ping_that_sets_headers


def test_ping_still_works(get, send):
    shared.ping_still_works(get)
    shared.the_views_headers_are_kept(send)
    shared.the_view_set_headers_are_kept(get, ping_view_replaced, with_headers)


def test_every_response_has_a_new_id(get):
    shared.every_response_has_a_new_id(get)


def test_error_responses_have_one_too(get):
    shared.error_responses_have_one_too(get)
    # An answer that another middleware makes itself: CommonMiddleware refuses a disallowed user agent.
    with override_settings(DISALLOWED_USER_AGENTS=[re.compile("BadBot")]):
        response = Client().get("/ping", headers={"User-Agent": "BadBot/1.0"})
    assert response.status_code == 403, (
        f"[common_middleware_removed] GET /ping from a disallowed user agent answered {response.status_code}, expected "
        "CommonMiddleware's 403")
    assert "x-request-id" in response.headers, (
        f"[not_listed_first] CommonMiddleware's {response.status_code} for a disallowed user agent has no X-Request-ID header: "
        "the request-id middleware must come first in MIDDLEWARE")
    # A Host the site does not serve: Django answers 400 from inside the middleware chain.
    response = Client(raise_request_exception=False).get("/ping", headers={"Host": "evil.example"})
    assert "x-request-id" in response.headers, (
        f"[request_read_before_the_id] GET /ping with Host: evil.example answered {response.status_code} with no "
        "X-Request-ID header: take the id before anything reads the request (get_host() raises here)")
    # The same site under ASGI: the middleware runs for AsyncClient (an async server) too. Not where an
    # event loop already runs (the page's Check): AsyncToSync cannot start there.
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        response = async_to_sync(AsyncClient().get)("/ping")
        assert "x-request-id" in response.headers, (
            f"[async_path_without_id] GET /ping under ASGI answered {response.status_code} with no X-Request-ID header")


def test_a_server_error_has_one_too(caplog, monkeypatch):
    """The response a user reports: the view raises and Django's 500 handling answers."""
    pattern = next(p for p in get_resolver().url_patterns if str(p.pattern) == "ping")
    view = pattern.callback

    def crash(request, *args, **kwargs):
        raise shared.ErrorRaisedByTheChecks(shared.SECRET)

    pattern.callback = crash
    caplog.set_level(logging.ERROR)
    try:
        response = Client(raise_request_exception=False).get("/ping")
    finally:
        pattern.callback = view
    shared.a_server_error_has_one_too(response)
    shared.the_error_stays_on_the_server(response, caplog.records)
    # The test environment forces DEBUG off, so read what settings.py asks for, however it is started.
    with shared.logging_kept():  # the module imported again sets its logging up again
        debug.check_debug_off(monkeypatch, "settings", lambda module: module.DEBUG)
        hosts.check_no_wildcard_host("settings")
        secrets.check_no_literal_fallback(monkeypatch, "settings", lambda module: module.SECRET_KEY)


def test_the_clients_id_is_kept(get):
    shared.the_clients_id_is_kept(get)


@pytest.mark.parametrize("sent", shared.BAD_IDS)
def test_a_bad_client_id_is_replaced(get, sent):
    shared.a_bad_client_id_is_replaced(get, sent)


def test_every_method_and_answer_has_one(send):
    shared.every_method_and_answer_has_one(send)
    # every URL pattern, and paths none matches (/static/..., where an app might exempt its files)
    shared.every_route_has_one(send, [path for path, _view in routes.django_routes(get_resolver())])
    if (under_asgi := async_send()) is not None:  # the same rules under an async server
        shared.every_method_and_answer_has_one(under_asgi)


def test_every_character_and_length_is_judged(send):
    shared.every_character_and_length_is_judged(send)
    if (under_asgi := async_send()) is not None:  # the same rules under an async server
        shared.every_character_and_length_is_judged(under_asgi)


def test_no_other_input_sets_the_id(send):
    shared.no_other_input_sets_the_id(send)


@contextmanager
def ping_view_replaced(wrap):
    """GET /ping answered by wrap(its view) for the length of the block."""
    pattern = next(p for p in get_resolver().url_patterns if str(p.pattern) == "ping")
    view = pattern.callback
    pattern.callback = wrap(view)
    try:
        yield
    finally:
        pattern.callback = view


def test_overlapping_requests_keep_their_own_ids(get):
    """A threaded server (or ASGI) runs requests at once, through the same middleware instance: each
    must keep its own id. Request B runs while A's view runs, in a fresh context, as a new thread
    would; no thread is started."""
    shared.overlapping_requests_keep_their_own_ids(get, ping_view_replaced)


def values_kept(request, *args):
    """What the view can read the id from: the request, the context's variables (and, apart, the raw input:
    the request's META)."""
    kept = [*vars(request).items(), *((var.name, value) for var, value in contextvars.copy_context().items())]
    return kept, list(request.META.items())


def test_the_view_sees_the_same_id(get):
    """The id is for finding a request in the logs: the view and its log lines must read the id the
    response carries. Whatever the reader keeps it in (the request, a ContextVar), the view can see that value."""
    shared.the_view_sees_the_same_id(get, ping_view_replaced, values_kept)


def logged_before_the_middleware(get) -> list:
    """What a layer in front of every middleware logs during GET /ping (a server's or a WSGI wrapper's line)."""
    lines = []
    client = Client()
    client.handler.load_middleware()
    chain = client.handler._middleware_chain

    def log_first(request):
        lines.extend(shared.logged_now())
        return chain(request)

    client.handler._middleware_chain = log_first
    client.get("/ping")
    return lines


def test_no_id_outlives_its_request(get):
    """A WSGI server's thread serves one request after another: a line logged between requests, or in the next
    request before your middleware runs, carries no earlier request's id."""
    shared.no_id_outlives_its_request(get, logged_before_the_middleware, "settings", ping_view_replaced)
