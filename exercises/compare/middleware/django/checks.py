"""Checks of the middleware exercise, Django: `python3 dev.py exercise middleware/django`."""

import contextvars
import re
import uuid

import pytest
from django.test import Client, override_settings
from django.urls import get_resolver


@pytest.fixture
def get():
    client = Client()  # one client, one set of middleware instances, as one server process has
    return lambda url, sent=None: client.get(url, headers={"X-Request-ID": sent} if sent is not None else {})


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


def test_overlapping_requests_keep_their_own_ids(get):
    """A threaded server (or ASGI) runs requests at once, through the same middleware instance: each
    must keep its own id. Request B runs while A's view runs, in a fresh context, as a new thread
    would; no thread is started."""
    pattern = next(p for p in get_resolver().url_patterns if str(p.pattern) == "ping")
    view = pattern.callback
    inner = {}

    def ping_while_another_request_runs(request, *args, **kwargs):
        if not inner:  # request A's view: run B now, once (B's own view is this function too)
            inner["response"] = None
            inner["response"] = contextvars.Context().run(get, "/ping", "checkout-2")
        return view(request, *args, **kwargs)

    pattern.callback = ping_while_another_request_runs
    try:
        outer = request_id(get("/ping", "checkout-1"))
    finally:
        pattern.callback = view
    for name, sent, other, got in (("B", "checkout-2", "checkout-1", request_id(inner["response"])),
                                   ("A", "checkout-1", "checkout-2", outer)):
        shared = got == other  # else the client's id was not kept at all
        assert got == sent, (
            f"[id_shared_between_requests] request {name} sent X-Request-ID: {sent} and got {got!r}, the id of a request "
            "that ran while it did" if shared else f"[good_id_replaced] request {name} sent X-Request-ID: {sent} and got {got!r}")


def test_the_view_sees_the_same_id(get):
    """The id is for finding a request in the logs: the view and its log lines must read the id the
    response carries. Whatever the reader keeps it in (the request, a ContextVar), the view can see that value."""
    pattern = next(p for p in get_resolver().url_patterns if str(p.pattern) == "ping")
    view = pattern.callback
    seen = set()

    def ping_that_looks_for_its_id(request, *args, **kwargs):
        kept = [*vars(request).values(), *contextvars.copy_context().values(), *request.META.values()]
        seen.update(value for value in kept if isinstance(value, str))
        return view(request, *args, **kwargs)

    pattern.callback = ping_that_looks_for_its_id
    try:
        got = request_id(get("/ping"))
    finally:
        pattern.callback = view
    made = sorted(value for value in seen if is_uuid(value))
    assert got in seen, (
        f"[id_not_the_views] the response says X-Request-ID: {got!r}, but the view saw {made!r}" if made else
        f"[view_has_no_id] the response says X-Request-ID: {got!r}, and the view could read no id at all")
