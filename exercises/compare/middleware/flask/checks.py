"""Checks of the middleware exercise, Flask: `python3 dev.py exercise middleware/flask`."""

import contextvars
import re
import uuid

import pytest
from app import app


@pytest.fixture
def get():
    app.config.update(TESTING=True)
    client = app.test_client()
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


def test_a_server_error_has_one_too(get):
    """The response a user reports: the view raises and Flask answers 500, as in production (with
    TESTING on, the exception would leave Flask and no response would be made)."""
    endpoint = next(rule.endpoint for rule in app.url_map.iter_rules() if rule.rule == "/ping")
    view = app.view_functions[endpoint]

    def crash(*args, **kwargs):
        raise RuntimeError("the view failed")

    app.view_functions[endpoint] = crash
    app.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        response = get("/ping")
    finally:
        app.view_functions[endpoint] = view
        app.config["PROPAGATE_EXCEPTIONS"] = None
    assert response.status_code == 500, f"GET /ping with a view that raises answered {response.status_code}, expected 500"
    request_id(response)


def test_an_earlier_hooks_answer_has_one_too(get):
    """A `before_request` registered before yours (a login check, a maintenance switch) may answer
    first: yours never runs, and that answer still needs an id (the chapter's `g.get()`)."""
    def maintenance():
        return {"detail": "down for maintenance"}, 503

    earlier = "earlier-request-7"
    assert request_id(get("/ping", earlier)) == earlier, f"[good_id_replaced] the client sent X-Request-ID: {earlier}"
    app.before_request_funcs.setdefault(None, []).insert(0, maintenance)
    try:
        try:
            response = get("/ping")
        except Exception as error:  # with TESTING on, an error in after_request reaches the check
            raise AssertionError(
                f"[needs_its_before_request] an earlier before_request answered 503 and your after_request raised "
                f"{type(error).__name__}: {error}; expected the 503 with an X-Request-ID") from None
    finally:
        app.before_request_funcs[None].remove(maintenance)
    assert response.status_code == 503, (
        f"an earlier before_request answered 503, and the response came back as {response.status_code}")
    got = request_id(response)
    assert got != earlier, (
        f"[id_from_another_request] the 503 an earlier before_request answered carries {got!r}, the id of the "
        "request before it: a value kept per thread outlives its request")


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
    """A threaded server (or gevent) runs requests at once: each must keep its own id. Request B runs
    while A's view runs, in a fresh context, as a new thread would; no thread is started."""
    view = app.view_functions["ping"]
    inner = {}

    def ping_while_another_request_runs(*args, **kwargs):
        if not inner:  # request A's view: run B now, once (B's own view is this function too)
            inner["response"] = None
            inner["response"] = contextvars.Context().run(get, "/ping", "checkout-2")
        return view(*args, **kwargs)

    app.view_functions["ping"] = ping_while_another_request_runs
    try:
        outer = request_id(get("/ping", "checkout-1"))
    finally:
        app.view_functions["ping"] = view
    for name, sent, other, got in (("B", "checkout-2", "checkout-1", request_id(inner["response"])),
                                   ("A", "checkout-1", "checkout-2", outer)):
        shared = got == other  # else the client's id was not kept at all
        assert got == sent, (
            f"[id_shared_between_requests] request {name} sent X-Request-ID: {sent} and got {got!r}, the id of a request "
            "that ran while it did" if shared else f"[good_id_replaced] request {name} sent X-Request-ID: {sent} and got {got!r}")


def test_the_view_sees_the_same_id(get):
    """The id is for finding a request in the logs: the view and its log lines must read the id the response
    carries. Whatever the reader keeps it in (g, a ContextVar, the request), the view can see that value."""
    view = app.view_functions["ping"]
    seen = set()

    def ping_that_looks_for_its_id(*args, **kwargs):
        from flask import g, request

        kept = [*vars(g).values(), *contextvars.copy_context().values(), *vars(request).values(), *request.environ.values()]
        seen.update(value for value in kept if isinstance(value, str))
        return view(*args, **kwargs)

    app.view_functions["ping"] = ping_that_looks_for_its_id
    try:
        got = request_id(get("/ping"))
    finally:
        app.view_functions["ping"] = view
    made = sorted(value for value in seen if is_uuid(value))
    assert got in seen, (
        f"[id_not_the_views] the response says X-Request-ID: {got!r}, but the view saw {made!r}" if made else
        f"[view_has_no_id] the response says X-Request-ID: {got!r}, and the view could read no id at all")
