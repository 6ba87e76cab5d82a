"""Checks of the middleware exercise, FastAPI: `python3 dev.py exercise middleware/fastapi`."""

import asyncio
import contextvars
import re
import uuid

import httpx2
import pytest
from app import app
from fastapi import FastAPI
from fastapi.testclient import TestClient


@pytest.fixture
def get():
    with TestClient(app) as client:

        def get(url: str, sent: str | None = None):
            headers = {"X-Request-ID": sent.encode()} if sent is not None else {}  # bytes: a non-ASCII id goes as UTF-8
            try:
                return client.get(url, headers=headers)
            except UnicodeError:  # the test client cannot read a non-ASCII header back
                raise AssertionError(f"[non_ascii_kept] the client sent X-Request-ID: {sent!r}, and the response repeats it") from None

        yield get


def ping_route():
    """The route of GET /ping, in `app` or in the FastAPI app that a middleware around it holds (`.app`)."""
    inner = app
    while not isinstance(inner, FastAPI) and hasattr(inner, "app"):
        inner = inner.app
    return next(r for r in inner.router.routes if getattr(r, "path", None) == "/ping")


def request_id(response) -> str:
    value = response.headers.get("x-request-id")
    assert value != "", f"[empty_id] the response has an empty X-Request-ID header: {dict(response.headers)!r}"
    assert value, f"no X-Request-ID header in {dict(response.headers)!r}"
    return value


def is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def test_ping_still_works(get):
    response = get("/ping")
    assert response.status_code == 200, f"GET /ping answered {response.status_code}, expected 200"


def test_every_response_has_a_new_id(get):
    first, second = request_id(get("/ping")), request_id(get("/ping"))
    assert is_uuid(first), f"[not_a_uuid] the new id {first!r} is not a UUID, expected str(uuid.uuid4())"
    assert uuid.UUID(first).version == 4, (
        f"[not_uuid4] the new id {first!r} is a version-{uuid.UUID(first).version} UUID, expected a random one (uuid4)")
    assert first != second, f"[same_id_every_time] two requests got the same id {first!r}"


def test_error_responses_have_one_too(get):
    response = get("/no-such-page")
    assert response.status_code == 404, f"GET /no-such-page answered {response.status_code}, expected 404"
    request_id(response)


def test_a_server_error_has_one_too():
    """The response a user reports: the view raises, and ServerErrorMiddleware answers 500."""
    route = ping_route()
    endpoint = route.app

    async def crash(scope, receive, send):
        raise RuntimeError("the view failed")

    route.app = crash
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            response = client.get("/ping")
    finally:
        route.app = endpoint
    assert response.status_code == 500, f"GET /ping with a view that raises answered {response.status_code}, expected 500"
    request_id(response)


def test_the_clients_id_is_kept(get):
    got = request_id(get("/ping", "checkout-42"))
    tag = "[dash_makes_a_range] " if got != "checkout-42" and request_id(get("/ping", "checkout.42")) == "checkout.42" else ""
    assert got == "checkout-42", f"{tag}the client sent X-Request-ID: checkout-42 and got {got!r}"
    for sent in ("6F1C2A9E-3B4D-4C5E-8F70-1A2B3C4D5E6F", "x" * 64, "job_42.retry-1"):  # a UUID another service made; the longest; . and _
        assert request_id(get("/ping", sent)) == sent, f"[good_id_replaced] the client sent X-Request-ID: {sent!r}"


DASH_RANGE = re.compile(r"[A-Za-z0-9.-_]{1,64}")  # a - between . and _ is a range: / : ; < = > ? @ [ \ ] ^ too


@pytest.mark.parametrize("sent", ["x" * 65, "two words", "id;x", "<script>", "a/b", '"quoted"', "a,b", "id\tx", "crêpe-1", "crêpe_1", ""])
def test_a_bad_client_id_is_replaced(get, sent):
    got = request_id(get("/ping", sent))
    tag = "[non_ascii_kept] " if not sent.isascii() else ""  # what isalnum() and \w let through
    if got == sent and DASH_RANGE.fullmatch(sent) and request_id(get("/ping", "a,b")) != "a,b":
        tag = "[dash_makes_a_range] "  # kept what `.-_` takes in and refused a comma, which it leaves out
    assert got != sent, f"{tag}the client sent X-Request-ID: {sent!r}, which should be replaced"
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "", sent)
    tag = "[bad_id_trimmed] " if got in sent or got in cleaned else "[not_a_uuid] "  # cut or cleaned, or made up anew
    assert is_uuid(got), f"{tag}the client sent X-Request-ID: {sent!r} and got back {got!r}, expected a new UUID"


def test_overlapping_requests_keep_their_own_ids():
    """An async server runs many requests at once on one event loop: each must keep its own id. Two
    requests go in together (asyncio.gather), and neither leaves the endpoint until both are in it;
    no thread is started. Each gets its own copy of the context, as each connection's task does."""
    route = ping_route()
    endpoint = route.app

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
    got = request_id(first), request_id(second)
    if not set(got) & {"checkout-1", "checkout-2"}:  # neither id kept at all: not a shared id
        raise AssertionError(f"[good_id_replaced] two requests at once sent X-Request-ID: checkout-1 and checkout-2 "
                             f"and got {got[0]!r} and {got[1]!r}")
    assert got == ("checkout-1", "checkout-2"), (
        f"[id_shared_between_requests] two requests at once sent X-Request-ID: checkout-1 and checkout-2 and got {got[0]!r} "
        f"and {got[1]!r}: one got the id of a request that ran while it did")


def test_the_view_sees_the_same_id(get):
    """The id is for finding a request in the logs: the endpoint and its log lines must read the id the
    response carries. Whatever the reader keeps it in (request.state, a ContextVar, the scope), the
    endpoint can see that value."""
    route = ping_route()
    endpoint = route.app
    seen = set()

    async def ping_that_looks_for_its_id(scope, receive, send):
        kept = [*scope.get("state", {}).values(), *contextvars.copy_context().values(), *scope.values()]
        seen.update(value for value in kept if isinstance(value, str))
        await endpoint(scope, receive, send)

    route.app = ping_that_looks_for_its_id
    try:
        got = request_id(get("/ping"))
    finally:
        route.app = endpoint
    made = sorted(value for value in seen if is_uuid(value))
    assert got in seen, (
        f"[id_not_the_views] the response says X-Request-ID: {got!r}, but the endpoint saw {made!r}" if made else
        f"[view_has_no_id] the response says X-Request-ID: {got!r}, and the endpoint could read no id at all")
