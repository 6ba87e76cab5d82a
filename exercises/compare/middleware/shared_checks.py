"""The middleware exercise's checks, the same in the three frameworks: each framework's checks.py
makes the `get` fixture (`get(url, sent=None)` answers GET url, with `X-Request-ID: sent` when sent
is given) and calls these.

Flask and Django also pass `ping_view_replaced(wrap)`: a context manager during which GET /ping is
answered by `wrap(view)`, a plain function called as the view is. FastAPI's endpoint is an ASGI app,
so its checks.py swaps it itself and shares only the verdict (`the_view_saw_the_id`).
"""

import contextvars
import re
import uuid


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


def ping_still_works(get):
    response = get("/ping")
    assert response.status_code == 200, f"GET /ping answered {response.status_code}, expected 200"


def every_response_has_a_new_id(get):
    first, second = request_id(get("/ping")), request_id(get("/ping"))
    assert is_uuid(first), f"[not_a_uuid] the new id {first!r} is not a UUID, expected str(uuid.uuid4())"
    assert uuid.UUID(first).version == 4, (
        f"[not_uuid4] the new id {first!r} is a version-{uuid.UUID(first).version} UUID, expected a random one (uuid4)")
    assert first != second, f"[same_id_every_time] two requests got the same id {first!r}"


def error_responses_have_one_too(get):
    response = get("/no-such-page")
    assert response.status_code == 404, f"GET /no-such-page answered {response.status_code}, expected 404"
    request_id(response)


def a_server_error_has_one_too(response):
    """`response`: what GET /ping answered while its view raised."""
    assert response.status_code == 500, f"GET /ping with a view that raises answered {response.status_code}, expected 500"
    request_id(response)


def the_clients_id_is_kept(get):
    got = request_id(get("/ping", "checkout-42"))
    tag = "[dash_makes_a_range] " if got != "checkout-42" and request_id(get("/ping", "checkout.42")) == "checkout.42" else ""
    assert got == "checkout-42", f"{tag}the client sent X-Request-ID: checkout-42 and got {got!r}"
    for sent in ("6F1C2A9E-3B4D-4C5E-8F70-1A2B3C4D5E6F", "x" * 64, "job_42.retry-1"):  # a UUID another service made; the longest; . and _
        assert request_id(get("/ping", sent)) == sent, f"[good_id_replaced] the client sent X-Request-ID: {sent!r}"


BAD_IDS = ["x" * 65, "two words", "id;x", "<script>", "a/b", '"quoted"', "a,b", "id\tx", "crêpe-1", "crêpe_1", ""]
DASH_RANGE = re.compile(r"[A-Za-z0-9.-_]{1,64}")  # a - between . and _ is a range: / : ; < = > ? @ [ \ ] ^ too


def a_bad_client_id_is_replaced(get, sent):
    got = request_id(get("/ping", sent))
    tag = "[non_ascii_kept] " if not sent.isascii() else ""  # what isalnum() and \w let through
    if got == sent and DASH_RANGE.fullmatch(sent) and request_id(get("/ping", "a,b")) != "a,b":
        tag = "[dash_makes_a_range] "  # kept what `.-_` takes in and refused a comma, which it leaves out
    assert got != sent, f"{tag}the client sent X-Request-ID: {sent!r}, which should be replaced"
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "", sent)
    tag = "[bad_id_trimmed] " if got in sent or got in cleaned else "[not_a_uuid] "  # cut or cleaned, or made up anew
    assert is_uuid(got), f"{tag}the client sent X-Request-ID: {sent!r} and got back {got!r}, expected a new UUID"


def overlapping_requests_keep_their_own_ids(get, ping_view_replaced):
    """Request B runs while A's view runs, in a fresh context, as a new thread would; no thread is started."""
    inner = {}

    def wrap(view):
        def ping_while_another_request_runs(*args, **kwargs):
            if not inner:  # request A's view: run B now, once (B's own view is this function too)
                inner["response"] = None
                inner["response"] = contextvars.Context().run(get, "/ping", "checkout-2")
            return view(*args, **kwargs)

        return ping_while_another_request_runs

    with ping_view_replaced(wrap):
        outer = request_id(get("/ping", "checkout-1"))
    for name, sent, other, got in (("B", "checkout-2", "checkout-1", request_id(inner["response"])),
                                   ("A", "checkout-1", "checkout-2", outer)):
        shared = got == other  # else the client's id was not kept at all
        assert got == sent, (
            f"[id_shared_between_requests] request {name} sent X-Request-ID: {sent} and got {got!r}, the id of a request "
            "that ran while it did" if shared else f"[good_id_replaced] request {name} sent X-Request-ID: {sent} and got {got!r}")


def the_view_sees_the_same_id(get, ping_view_replaced, values_kept):
    """`values_kept(*args)`: every value the view, called with args, could read the id from."""
    seen = set()

    def wrap(view):
        def ping_that_looks_for_its_id(*args, **kwargs):
            seen.update(value for value in values_kept(*args) if isinstance(value, str))
            return view(*args, **kwargs)

        return ping_that_looks_for_its_id

    with ping_view_replaced(wrap):
        got = request_id(get("/ping"))
    the_view_saw_the_id(got, seen)


def the_view_saw_the_id(got: str, seen: set, endpoint: bool = False):
    """`seen`: the strings the view could read; `endpoint`: FastAPI's word for the view."""
    made = sorted(value for value in seen if is_uuid(value))
    if endpoint:
        assert got in seen, (
            f"[id_not_the_views] the response says X-Request-ID: {got!r}, but the endpoint saw {made!r}" if made else
            f"[view_has_no_id] the response says X-Request-ID: {got!r}, and the endpoint could read no id at all")
    else:
        assert got in seen, (
            f"[id_not_the_views] the response says X-Request-ID: {got!r}, but the view saw {made!r}" if made else
            f"[view_has_no_id] the response says X-Request-ID: {got!r}, and the view could read no id at all")
