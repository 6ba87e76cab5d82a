"""Checks of the middleware exercise, Django: `python3 dev.py exercise middleware/django`."""

import contextvars
import re
from contextlib import contextmanager

import pytest
from django.test import Client, override_settings
from django.urls import get_resolver
from exercises.compare.middleware import shared_checks as shared


@pytest.fixture
def get():
    client = Client()  # one client, one set of middleware instances, as one server process has
    return lambda url, sent=None: client.get(url, headers={"X-Request-ID": sent} if sent is not None else {})


def test_ping_still_works(get):
    shared.ping_still_works(get)


def test_every_response_has_a_new_id(get):
    shared.every_response_has_a_new_id(get)


def test_error_responses_have_one_too(get):
    shared.error_responses_have_one_too(get)
    # An answer that another middleware makes itself: CommonMiddleware refuses a disallowed user agent.
    with override_settings(DISALLOWED_USER_AGENTS=[re.compile("BadBot")]):
        response = Client().get("/ping", headers={"User-Agent": "BadBot/1.0"})
    assert "x-request-id" in response.headers, (
        f"[not_listed_first] CommonMiddleware's {response.status_code} for a disallowed user agent has no X-Request-ID header: "
        "the request-id middleware must come first in MIDDLEWARE")


def test_a_server_error_has_one_too():
    """The response a user reports: the view raises and Django's 500 handling answers."""
    pattern = next(p for p in get_resolver().url_patterns if str(p.pattern) == "ping")
    view = pattern.callback

    def crash(request, *args, **kwargs):
        raise RuntimeError("the view failed")

    pattern.callback = crash
    try:
        response = Client(raise_request_exception=False).get("/ping")
    finally:
        pattern.callback = view
    shared.a_server_error_has_one_too(response)


def test_the_clients_id_is_kept(get):
    shared.the_clients_id_is_kept(get)


@pytest.mark.parametrize("sent", shared.BAD_IDS)
def test_a_bad_client_id_is_replaced(get, sent):
    shared.a_bad_client_id_is_replaced(get, sent)


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
    """What the view can read: the request, the context's variables, the request's META."""
    return [*vars(request).values(), *contextvars.copy_context().values(), *request.META.values()]


def test_the_view_sees_the_same_id(get):
    """The id is for finding a request in the logs: the view and its log lines must read the id the
    response carries. Whatever the reader keeps it in (the request, a ContextVar), the view can see that value."""
    shared.the_view_sees_the_same_id(get, ping_view_replaced, values_kept)
