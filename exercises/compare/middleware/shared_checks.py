"""The middleware exercise's checks, the same in the three frameworks: each framework's checks.py
makes the `get` fixture (`get(url, sent=None)` answers GET url, with `X-Request-ID: sent` when sent
is given) and calls these.

Flask and Django also pass `ping_view_replaced(wrap)`: a context manager during which GET /ping is
answered by `wrap(view)`, a plain function called as the view is (FastAPI's endpoint is an ASGI app:
the function returns its coroutine). `send(method, path, sent=None, headers=None)` and
`get(url, sent=None, headers=None)` send `headers` too.
"""

import base64
import collections
import contextvars
import io
import logging
import os
import re
import sys
import tempfile
import types
import uuid
import warnings


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


BAD_IDS = ["x" * 65, "two words", "id;x", "<script>", "a/b", '"quoted"', "a,b", "id\tx", "crêpe-1", "crêpe_1", "",
           # what case-folding (re.IGNORECASE on [a-z]) or \d and \w let through: the Kelvin sign, long s, dotless
           # and dotted I, Arabic-Indic and full-width digits, a superscript two
           "\u212aelvin-1", "\u017fession-1", "\u0131d-1", "\u0130d-1", "id-\u0661\u0662", "id-\u0660", "id-\u0669",
           "id-\uff11\uff19", "id-\u00b2"]
DASH_RANGE = re.compile(r"[A-Za-z0-9.-_]{1,64}")  # a - between . and _ is a range: / : ; < = > ? @ [ \ ] ^ too


def as_sent(value: str) -> str:
    """A header value as the app set it: Django sends one that is not Latin-1 MIME-encoded (=?utf-8?b?...?=)."""
    if value.startswith("=?utf-8?b?") and value.endswith("?="):
        try:
            return base64.b64decode(value[10:-2]).decode()
        except ValueError:
            return value
    return value


def a_bad_client_id_is_replaced(get, sent):
    got = request_id(get("/ping", sent))
    tag = "[non_ascii_kept] " if not sent.isascii() else ""  # what isalnum() and \w let through
    if got == sent and DASH_RANGE.fullmatch(sent) and request_id(get("/ping", "a,b")) != "a,b":
        tag = "[dash_makes_a_range] "  # kept what `.-_` takes in and refused a comma, which it leaves out
    assert as_sent(got) != sent, f"{tag}the client sent X-Request-ID: {sent!r}, which should be replaced"
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
                inner["log"] = logged_now()  # A's log line, once B has run
            return view(*args, **kwargs)

        return ping_while_another_request_runs

    with ping_view_replaced(wrap):
        outer = request_id(get("/ping", "checkout-1"))
    each_log_line_has_its_own_id(inner.get("log", []), "checkout-1", "checkout-2")
    for name, sent, other, got in (("B", "checkout-2", "checkout-1", request_id(inner["response"])),
                                   ("A", "checkout-1", "checkout-2", outer)):
        shared = got == other  # else the client's id was not kept at all
        assert got == sent, (
            f"[id_shared_between_requests] request {name} sent X-Request-ID: {sent} and got {got!r}, the id of a request "
            "that ran while it did" if shared else f"[good_id_replaced] request {name} sent X-Request-ID: {sent} and got {got!r}")


class logging_kept:
    """The loggers' filters and handlers as they were before the block: a check that imports the reader's module
    again (to start it as a server would) runs its logging set-up a second time, and a second filter would stamp
    records with the new module's values."""

    def __enter__(self):
        loggers = [logging.getLogger(), *(value for value in list(logging.Logger.manager.loggerDict.values())
                                          if isinstance(value, logging.Logger))]
        self.saved = [(logger, logger.filters[:], logger.handlers[:]) for logger in loggers]

    def __exit__(self, *exc):
        for logger, filters, handlers in self.saved:
            logger.filters[:], logger.handlers[:] = filters, handlers


def logged_now() -> list:
    """What a log line the view writes now carries (by the root logger, by a named one, as a helper's is, and by
    each logger that has a filter of its own, such as Flask's `app.logger`: a logger's filter sees only the records
    made by that logger)."""
    filtered = [logger for logger in list(logging.Logger.manager.loggerDict.values())
                if isinstance(logger, logging.Logger) and logger.filters and logger.name.partition(".")[0] not in CLIENTS]
    with logged_lines() as lines:
        logging.getLogger().warning("a log line of the view")
        logging.getLogger("app.helpers").warning("a log line of a helper")
        for logger in filtered:
            logger.warning("a log line of the view")
    return lines


def each_log_line_has_its_own_id(lines: list, sent: str, other: str):
    """`lines`: what a request that sent `sent` logged while another, which sent `other`, ran too (or had run
    meanwhile). A log line that carries an id carries its own request's."""
    mixed = [line for line in lines if other in line]
    assert not mixed, (
        f"[log_id_from_another_request] a request that sent X-Request-ID: {sent} logged a line that carries "
        f"{other}, the id of a request that ran while it did: {mixed[0][:120]!r}")


def no_id_outlives_its_request(get, logged_in_the_next_request=None, anchor=None, ping_view_replaced=None,
                               logged_between=True):
    """A WSGI server's thread serves one request after another in the same context, so a value kept per thread
    or context (a `ContextVar` set and never reset) outlives its request. A log line written after a request
    ended carries none of its id: between requests, and (`logged_in_the_next_request(get)`: the lines a layer
    that runs before the reader's logs during GET /ping) in the next request before its id is set. And nothing
    of the reader's (`anchor`: its main module's name, see `learner_modules`) still holds the id once the request
    has ended (`places_holding`), a request whose view raised included (`ping_view_replaced`; Flask with TESTING
    on lets the exception through, past its after_request functions). `logged_between=False` under ASGI: a
    server runs each request in a task of its own, whose copy of the context ends with it, so a line logged
    between requests is not the reader's to answer for; in the browser the test client runs the app on a loop
    of this thread, where such a line could carry a `ContextVar` that no server would keep."""
    earlier = "earlier-request-8"
    assert request_id(get("/ping", earlier)) == earlier, f"[good_id_replaced] the client sent X-Request-ID: {earlier}"
    outlived = [line for line in logged_now() if earlier in line] if logged_between else []
    assert not outlived, (
        f"[log_id_outlives_its_request] a log line written between two requests carries {earlier}, the id of the "
        f"request that ended before it: {outlived[0][:120]!r}")
    if anchor is not None:
        modules = learner_modules(anchor)
        probe = f"ended-request-{uuid.uuid4().hex[:12]}"  # in no module before this request
        assert request_id(get("/ping", probe)) == probe, f"[good_id_replaced] the client sent X-Request-ID: {probe}"
        places = places_holding(probe, modules)
        assert not places, (
            f"[id_outlives_its_request] the request that sent X-Request-ID: {probe} has ended, and {places[0]} still "
            "holds its id: kept there, one request's id is read by the requests after it and by those that run at "
            "the same time")
        if ping_view_replaced is not None:
            def raising(view):
                def ping_that_raises(*args, **kwargs):
                    raise ErrorRaisedByTheChecks(SECRET)

                return ping_that_raises

            probe = f"failed-request-{uuid.uuid4().hex[:12]}"
            with ping_view_replaced(raising):
                try:
                    get("/ping", probe)
                except Exception:  # noqa: BLE001 - the test client lets the view's exception through
                    pass
            places = places_holding(probe, modules)
            assert not places, (
                f"[id_outlives_its_request] the request that sent X-Request-ID: {probe} has ended with an exception "
                f"in its view, and {places[0]} still holds its id: kept there, one request's id is read by the "
                "requests after it and by those that run at the same time")
    if logged_in_the_next_request is None:
        return
    assert request_id(get("/ping", earlier)) == earlier, f"[good_id_replaced] the client sent X-Request-ID: {earlier}"
    outlived = [line for line in logged_in_the_next_request(get) if earlier in line]
    assert not outlived, (
        f"[log_id_outlives_its_request] a log line written in the next request, before its id was set, carries "
        f"{earlier}, the id of the request before it: {outlived[0][:120]!r}")


def learner_modules(anchor: str) -> list:
    """The modules loaded from the directory of the reader's module `anchor` (app.py, settings.py) or from any
    folder under it: the reader's copy, whatever else it imports from there, a package of helpers included."""
    module = sys.modules.get(anchor)
    if getattr(module, "__file__", None) is None:
        return []
    home = os.path.dirname(os.path.abspath(module.__file__))
    found = []
    for name, inner in list(sys.modules.items()):
        path = getattr(inner, "__file__", None)
        if (isinstance(path, str) and os.path.abspath(path).startswith(home + os.sep)
                and name.partition(".")[0] not in ("exercises", "checks", "conftest")):
            found.append(inner)
    return found


def _holds(value, probe: str, depth: int, seen: set) -> bool:
    """Whether `value` holds `probe`: a str that contains it, and `depth` levels in (a container's items, an
    object's attributes and slots, a `threading.local`'s values in this thread, a `ContextVar`'s value in this
    context, a class's own attributes)."""
    try:
        if isinstance(value, str):
            return probe in value
        if isinstance(value, (bytes, bytearray)):
            return probe.encode() in value
        if depth <= 0 or value is None or isinstance(value, (int, float, complex, types.ModuleType, types.FunctionType,
                                                             types.BuiltinFunctionType, types.MethodType)):
            return False
        if id(value) in seen:
            return False
        seen.add(id(value))
        if isinstance(value, contextvars.ContextVar):
            inner = [value.get(None)]
        elif isinstance(value, dict):
            inner = [item for pair in list(value.items())[:200] for item in pair]
        elif isinstance(value, (list, tuple, set, frozenset, collections.deque)):
            inner = list(value)[:200]
        elif isinstance(value, type):
            inner = [item for name, item in list(vars(value).items()) if not name.startswith("__")]
        else:
            slots = [name for kind in type(value).__mro__ for name in getattr(kind, "__slots__", ())
                     if isinstance(name, str)]
            inner = [getattr(value, name, None) for name in slots]
            try:
                inner += list(vars(value).values())
            except TypeError:  # no __dict__
                pass
        return any(_holds(item, probe, depth - 1, seen) for item in inner)
    except Exception:  # noqa: BLE001 - a proxy with nothing behind it (Flask's g outside a request), an odd object
        return False


def places_holding(probe: str, modules: list) -> list[str]:
    """Where, once a request has ended, the reader's code still holds its id: each global of the reader's modules
    (a str, a `ContextVar` read in this thread's context, a `threading.local` read in this thread, an object, a
    class, a container, and what they hold two levels in), and each `ContextVar` of this context."""
    places = []
    for module in modules:
        for name, value in list(vars(module).items()):
            if not name.startswith("__") and _holds(value, probe, 3, set()):
                places.append(f"{module.__name__}.{name}")
    for var, value in contextvars.copy_context().items():
        if _holds(value, probe, 2, set()):
            places.append(f"ContextVar({var.name!r})")
    return places


INPUTS = frozenset({"environ", "META", "GET", "POST", "COOKIES", "FILES", "headers", "args", "form", "values",
                    "cookies", "files", "_cookies", "_query_params", "_headers", "query_params",
                    "scope", "_stream", "stream", "_receive", "_send"})  # where a request's raw input is kept


def readable(pairs, skip_inputs: bool = False) -> set:
    """The ids among the values of `pairs` (name, value): each str, each UUID as its str, and the same two levels
    down (a dict's values, a tuple's items, an object's attributes: g, a ContextVar holding a dict, an
    `asgiref.local.Local`'s storage, a context object). With `skip_inputs`, not what holds the request's raw
    input (headers, query, cookies, environ)."""
    found = set()

    def add(name, value, depth: int):
        if skip_inputs and name in INPUTS:
            return
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, uuid.UUID):
            found.add(str(value))
        elif depth and not isinstance(value, (bytes, bytearray, int, float, type)):
            if isinstance(value, dict):
                inner = list(value.items())
            elif hasattr(value, "_asdict"):  # a named tuple
                inner = list(value._asdict().items())
            elif isinstance(value, (list, tuple, set, frozenset)):
                inner = [("", item) for item in list(value)[:20]]
            else:
                slots = [name for kind in type(value).__mro__ for name in getattr(kind, "__slots__", ())
                         if isinstance(name, str)]
                inner = [(name, getattr(value, name, None)) for name in slots]  # asgiref's storage has slots
                try:
                    inner += list(vars(value).items())
                except TypeError:  # no __dict__
                    pass
            for inner_name, item in inner:
                add(inner_name, item, depth - 1)

    for name, value in pairs:
        add(name, value, 2)
    return found


FORGED = "forged-id-7"  # a good-looking id in every input but the X-Request-ID header
FORGED_NAMES = ("request_id", "request-id", "requestId", "requestid", "req_id", "rid", "id", "x-request-id",
                "X-Request-ID", "x_request_id", "X_REQUEST_ID", "trace_id", "traceId", "trace-id", "correlation_id",
                "correlation-id", "correlationId", "x-correlation-id", "X-Correlation-ID")
FORGED_HEADERS = ("X-Correlation-ID", "X-Trace-ID", "X-Amzn-Trace-Id", "X-Amzn-RequestId", "X-Req-ID",
                  "X-RequestID", "Request-ID", "Correlation-ID", "X-Cloud-Trace-Context", "X-B3-TraceId")
FORGED_QUERY = "?" + "&".join(f"{name}={FORGED}" for name in FORGED_NAMES)
FORGED_COOKIE = "; ".join(f"{name}={FORGED}" for name in FORGED_NAMES if "-" not in name)


def forged_inputs(query: bool = True, cookie: bool = True, headers: bool = True) -> tuple[str, dict]:
    """The query string and the headers that carry FORGED, under every name an app might read."""
    extra = {name: FORGED for name in FORGED_HEADERS} if headers else {}
    if cookie:
        extra["Cookie"] = FORGED_COOKIE
    return (FORGED_QUERY if query else ""), extra


def the_view_sees_the_same_id(get, ping_view_replaced, values_kept, endpoint: bool = False):
    """`values_kept(*args)`: two lists of (name, value): what the app can keep the id in (g, the request, the
    context's variables) and where the request's raw input is (its environ, META or scope), for the view
    called with args. The view reads
    the response's id: a new one, a kept one, and the new one when a bad id came (the log line the view
    writes must name the id the client got back, never the bad one); no other input sets it."""
    cases = (("new", None, {}, ""), ("empty", "", {}, ""), ("bad", "<script>forged", {}, ""),
             ("forged", None, *reversed(forged_inputs())))
    for case, sent, headers, query in cases:
        seen, stored = set(), set()

        def wrap(view, seen=seen, stored=stored):
            def ping_that_looks_for_its_id(*args, **kwargs):
                kept, inputs = values_kept(*args)
                stored.update(readable(kept, skip_inputs=True))
                seen.update(stored, readable(inputs))
                return view(*args, **kwargs)

            return ping_that_looks_for_its_id

        with ping_view_replaced(wrap), logged_lines() as lines:
            got = request_id(get("/ping" + query, sent, headers))
        if case == "new":
            the_view_saw_the_id(got, seen, endpoint)
            continue
        if case == "empty":  # an empty id is no id: the view and the log carry the new one the response got
            assert is_uuid(got), (
                f"[empty_id] the client sent an empty X-Request-ID and got back {got!r}, expected a new UUID")
            assert got in seen, (
                f"[empty_id] the client sent an empty X-Request-ID and got back X-Request-ID: {got!r}, but the view "
                "does not read that id")
            the_log_has_only(lines, got, None, "[raw_id_logged] ")
            continue
        bad = sent or FORGED
        tag = "[id_from_another_input] " if case == "forged" else "[view_has_the_bad_id] "
        assert bad not in stored, (
            f"{tag}the client sent {bad!r} and got back X-Request-ID: {got!r}, but the view reads {bad!r}: "
            "keep the checked id, and only that, where the view reads it")
        assert is_uuid(got), (
            f"{tag}the client sent {bad!r} and got back X-Request-ID: {got!r}, expected a new UUID")
        the_view_saw_the_id(got, seen, endpoint)
        the_log_has_only(lines, got, bad, "[id_from_another_input] " if case == "forged" else "[raw_id_logged] ")


UUID_IN_TEXT = re.compile(r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")


def the_log_has_only(lines: list, got: str, bad: str, tag: str):
    """What was logged (or printed) while the request ran names no id but the response's (a line that repeats
    the whole query string or Cookie header, as an access log does, is not one that takes an id from it)."""
    lines = [line.replace(FORGED_QUERY[1:], "").replace(FORGED_COOKIE, "") for line in lines]
    copied = [line for line in lines if bad and bad in line]
    assert not copied, (
        f"[raw_id_logged] the client sent X-Request-ID: {bad!r}, and the log has it: {copied[0][:120]!r}"
        if tag == "[raw_id_logged] " else
        f"{tag}the client sent {bad!r} in the query string, cookies and other headers, and the log has it: "
        f"{copied[0][:120]!r}")
    others = [line for line in lines if any(found.replace("-", "").lower() != got.replace("-", "").lower()
                                            for found in UUID_IN_TEXT.findall(line))]
    assert not others, (
        f"[log_id_not_the_responses] the response says X-Request-ID: {got!r}, and the log names another id: "
        f"{others[0][:120]!r}")


def the_view_saw_the_id(got: str, seen: set, endpoint: bool = False):
    """`seen`: the ids the view could read; `endpoint`: FastAPI's word for the view."""
    made = sorted(value for value in seen if is_uuid(value))
    if endpoint:
        assert got in seen, (
            f"[id_not_the_views] the response says X-Request-ID: {got!r}, but the endpoint saw {made!r}" if made else
            f"[view_has_no_id] the response says X-Request-ID: {got!r}, and the endpoint could read no id at all")
    else:
        assert got in seen, (
            f"[id_not_the_views] the response says X-Request-ID: {got!r}, but the view saw {made!r}" if made else
            f"[view_has_no_id] the response says X-Request-ID: {got!r}, and the view could read no id at all")


# The rules as properties, on what a server hands the app: `send(method, path, sent=None)` answers one
# request, with `X-Request-ID` as the bytes `sent` on the wire (a WSGI or ASGI server gives the app
# those bytes read as Latin-1), as a response with `status_code` and `headers`.
GOOD_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
METHODS = ("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE")
SECRET = "db password=hunter2"  # what the view's exception says: no client may read it


class ErrorRaisedByTheChecks(RuntimeError):
    """What the view raises in the 500 checks: its class's name, like its text, tells the client about the
    failure, so neither may reach the 500 (body, headers, cookies)."""


UNROUTED = ("/static/site.css", "/media/a.png", "/docs", "/admin/", "/favicon.ico", "/no/such/page-7")


def header_of(response):
    return response.headers.get("x-request-id")


REFLECTED = "bad id 93qz"  # bad (a space), and found however a page or a cookie quotes or escapes it
REFLECTED_FORMS = (REFLECTED, "bad+id+93qz", "bad%20id%2093qz", "bad\\040id\\04093qz", "badid93qz", "bad&#32;id")


def body_of(response) -> bytes:
    """The body, whichever test client answered (Django's streamed files too)."""
    for name in ("content", "data"):
        try:
            value = getattr(response, name)
        except Exception:  # noqa: BLE001 - a streamed response has no .content
            continue
        if isinstance(value, (bytes, bytearray)):
            return bytes(value)
        if isinstance(value, str):
            return value.encode()
    if getattr(response, "streaming", False):
        try:
            return b"".join(chunk if isinstance(chunk, bytes) else str(chunk).encode()
                            for chunk in response.streaming_content)
        except Exception:  # noqa: BLE001 - an async stream under a sync client
            return b""
    return b""


def the_bad_id_is_reflected_nowhere(response, where: str):
    """No part of the response to a bad id (body, every header, every cookie) repeats it."""
    tag, sent = forbidden_tag(REFLECTED), REFLECTED
    assert header_of(response) != sent, f"{tag}the client sent X-Request-ID: {sent!r}, which should be replaced"
    texts = [body_of(response).decode("utf-8", "replace")]
    texts += [f"{name}: {value}" for name, value in response.headers.items()]
    texts += [str(cookie) for cookie in getattr(response, "cookies", {}).values()]  # Django keeps them apart
    found = [text for text in texts if any(form in text.replace("\\x20", " ") for form in REFLECTED_FORMS)]
    assert not found, (
        f"[bad_id_reflected] {where} with X-Request-ID: {REFLECTED!r} came back with that bad id in the response: "
        f"{found[0][:160]!r}")


def every_method_and_answer_has_one(send):
    """Every method, on a route and off it: an id, the client's good one kept, a bad one replaced, and the
    same answer as without the header (a bad id is no reason to refuse a request)."""
    request_id(send("GET", "/ping"))
    kept = header_of(send("GET", "/ping", b"checkout-42"))
    assert kept == "checkout-42", f"[good_id_replaced] the client sent X-Request-ID: checkout-42 and got back {kept!r}"
    for path in ("/ping", "/no-such-page"):
        for method in METHODS:
            plain = send(method, path)
            assert header_of(plain), (
                f"[method_without_id] {method} {path} answered {plain.status_code} with no X-Request-ID header")
            got = header_of(send(method, path, b"checkout-42"))
            assert got == "checkout-42", (
                f"[clients_id_lost] {method} {path} with X-Request-ID: checkout-42 came back with X-Request-ID: {got!r}")
            bad = send(method, path, b"<script>")
            assert bad.status_code == plain.status_code, (
                f"[bad_id_refused] {method} {path} with X-Request-ID: <script> answered {bad.status_code}, "
                f"expected {plain.status_code} as without it, with a new id")
            assert is_uuid(header_of(bad) or ""), (
                f"[bad_id_kept] {method} {path} with X-Request-ID: <script> came back with X-Request-ID: "
                f"{header_of(bad)!r}, expected a new UUID")
            the_bad_id_is_reflected_nowhere(send(method, path, REFLECTED.encode()), f"{method} {path}")


def every_route_has_one(send, paths):
    """`paths`: one path for each route the app serves (the framework's own too: Flask's static files,
    FastAPI's /docs, /redoc and /openapi.json), a made-up value in each parameter. Each, and a few paths no
    route matches (where an app might exempt files or docs), carries an id: the client's good one kept, a
    bad one replaced."""
    method = "GET"
    for path in dict.fromkeys([*paths, *UNROUTED]):
        got = header_of(send(method, path, b"checkout-42"))
        assert got == "checkout-42", (
            f"[route_without_id] {method} {path} with X-Request-ID: checkout-42 came back with X-Request-ID: {got!r}")
        bad = header_of(send(method, path, b"<script>"))
        assert is_uuid(bad or ""), (
            f"[route_without_id] {method} {path} with X-Request-ID: <script> came back with X-Request-ID: {bad!r}, "
            "expected a new UUID")
        the_bad_id_is_reflected_nowhere(send(method, path, REFLECTED.encode()), f"{method} {path}")


def wire_cases() -> list[bytes]:
    """Every ASCII character between two letters, some that are not ASCII (and a Latin-1 byte that is not
    UTF-8), each length up to the limit and past it, and spaces and line ends around a good id."""
    cases = [b"a" + bytes([code]) + b"b" for code in range(128)]
    cases += [f"a{char}b".encode() for char in "éßÅ١２Ａ\u212a\u0130ſ\u00a0\u2028"] + [b"caf\xe9"]
    cases += [b"x" * length for length in range(1, 71)] + [b"x" * 1000, b"9" * 65, b"-" * 64 + b"a"]
    cases += [b"abc\n", b"abc\r\n", b" abc", b"abc ", b"abc\t", b"abc\x00", b"", b"."]
    return cases


def forbidden_tag(sent: str, dash_kept: bool = True) -> str:
    """`dash_kept`: whether the app keeps `a-b` (a `-` between two characters makes a range, and refuses `-`)."""
    if not sent:
        return "[empty_id] "
    if not sent.isascii():
        return "[non_ascii_kept] "
    if sent.rstrip("\r\n") != sent and GOOD_ID.fullmatch(sent.rstrip("\r\n")):
        return "[trailing_newline_kept] "
    if len(sent) > 64:
        return "[long_id_kept] "
    if DASH_RANGE.fullmatch(sent) and not dash_kept:
        return "[dash_makes_a_range] "
    return "[forbidden_character_kept] "


def every_character_and_length_is_judged(send):
    """The rule over characters, not a few samples: an id is kept exactly when it is 1 to 64 of
    A-Z a-z 0-9 . _ -; anything else is replaced by a new UUID, with the same 200."""
    request_id(send("GET", "/ping"))
    dash_kept = header_of(send("GET", "/ping", b"a-b")) == "a-b"
    raw = (b"<script>x", b"a\nFAKE log line", b"x" * 1000)  # what only a raw header has
    with logged_lines() as lines:
        judge_every_case(send, dash_kept)
        for wire in raw:
            send("GET", "/ping", wire)
    for wire in raw:  # read once the block is over: what went to the file descriptors is read then
        sent = wire.decode("latin-1")
        copied = [line for line in lines if sent in line]
        assert not copied, (
            f"[raw_id_logged] the client sent X-Request-ID: {sent[:40]!r}, and the log has it: {copied[0][:120]!r}")


CLIENTS = frozenset({"httpx", "httpx2", "httpcore", "urllib3"})  # the checks' own test clients log each request
STANDARD_RECORD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class logged_lines(logging.Handler):
    """Everything the process puts out while the block runs, as lines (read them after the block): what is
    logged at any level, by any logger (the root logger set to DEBUG meanwhile), with the values a record carries besides its
    message (`extra=`, a filter's `record.request_id`); what is printed to sys.stdout, sys.stderr and their
    originals sys.__stdout__, sys.__stderr__; every warning (`warnings.warn`, shown each time); and, run
    locally, what is written to file descriptors 1 and 2 (`os.write(2, ...)`, a C library)."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record):
        if record.name.partition(".")[0] in CLIENTS:
            return
        try:
            self.lines.append(record.getMessage())
        except Exception:  # noqa: BLE001 - a record whose arguments do not format
            self.lines.append(str(record.msg))
        self.lines.extend(f"{name}={value}" for name, value in vars(record).items()
                          if name not in STANDARD_RECORD and isinstance(value, (str, uuid.UUID)))

    def __enter__(self):
        root = logging.getLogger()
        self.saved = root.level, sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__
        # Every record at its source, whatever handlers its logger has and whether it propagates (a logger of the
        # reader's own with propagate = False and a file handler): read once the record's handlers ran, so that
        # what their filters add to it is read too. The root gets a handler that drops what it gets, so that a
        # record no handler takes does not go to logging's last resort (stderr) as well.
        self.call_handlers = logging.Logger.callHandlers
        original, keep = self.call_handlers, self.emit

        def call_handlers(logger, record):
            try:
                return original(logger, record)
            finally:
                keep(record)

        logging.Logger.callHandlers = call_handlers
        self.null = logging.NullHandler()
        root.addHandler(self.null)
        root.setLevel(logging.DEBUG)
        for stream in self.saved[1:]:
            _flush(stream)
        sys.stdout, sys.stderr = _Printed(self.lines, sys.stdout), _Printed(self.lines, sys.stderr)
        sys.__stdout__, sys.__stderr__ = _Printed(self.lines, sys.__stdout__), _Printed(self.lines, sys.__stderr__)
        self.warned = warnings.catch_warnings(record=True)
        self.warnings = self.warned.__enter__()
        warnings.simplefilter("always")
        # fd 1 and 2: real ones locally; in the browser's Python (Pyodide) Emscripten's, whose dup2 works too (the
        # full corpus in Pyodide rejects a bad id written with os.write(2, ...)); where it cannot be done, the
        # streams, the logging and the warnings above are what is read.
        self.descriptors = _Descriptors()
        return self.lines

    def __exit__(self, *exc):
        if self.descriptors is not None:
            self.lines.extend(line for line in self.descriptors.restore().splitlines() if line.strip())
        self.warned.__exit__(*exc)
        for warned in self.warnings:
            self.lines.extend(line for line in str(warned.message).splitlines() if line.strip())
        root = logging.getLogger()
        logging.Logger.callHandlers = self.call_handlers
        root.removeHandler(self.null)
        root.setLevel(self.saved[0])
        sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__ = self.saved[1:]
        for warned in self.warnings:  # told as they would have been (a deprecation in the reader's code)
            warnings.warn_explicit(warned.message, warned.category, warned.filename, warned.lineno)


def _flush(stream) -> None:
    try:
        stream.flush()
    except Exception:  # noqa: BLE001 - a closed or odd stream
        pass


class _Descriptors:
    """File descriptors 1 and 2 pointed at one temporary file until `restore()`, which gives what was written."""

    def __init__(self):
        self.file = tempfile.TemporaryFile()
        self.saved = []
        for fd in (1, 2):
            try:
                copy = os.dup(fd)
            except (OSError, AttributeError):  # not open, or a runtime without descriptors to copy
                continue
            self.saved.append((fd, copy))
            os.dup2(self.file.fileno(), fd)

    def restore(self) -> str:
        for fd, copy in self.saved:
            os.dup2(copy, fd)
            os.close(copy)
        self.file.seek(0)
        text = self.file.read().decode("utf-8", "replace")
        self.file.close()
        return text


class _Printed(io.TextIOBase):
    """A stream that keeps each line written to it (a print goes to the server's log)."""

    def __init__(self, lines: list, stream):
        self.lines, self.stream = lines, stream

    def write(self, text: str) -> int:
        self.lines.extend(line for line in str(text).splitlines() if line.strip())
        return len(text)


def judge_every_case(send, dash_kept: bool):
    for wire in wire_cases():
        sent = wire.decode("latin-1")  # what the app reads
        tag = forbidden_tag(sent, dash_kept)
        try:
            response = send("GET", "/ping", wire)
        except Exception as error:  # noqa: BLE001 - the app raised: it kept what it cannot send back
            raise AssertionError(f"{tag}the client sent X-Request-ID: {sent!r} and the app raised "
                                 f"{type(error).__name__}: {error}") from None
        got = header_of(response)
        if GOOD_ID.fullmatch(sent):
            assert got == sent, f"[good_id_replaced] the client sent X-Request-ID: {sent!r} and got back {got!r}"
            continue
        assert response.status_code < 500, (
            f"[bad_id_crashes] GET /ping with X-Request-ID: {sent!r} answered {response.status_code}, expected 200 with a new id")
        assert response.status_code == 200, (
            f"[bad_id_refused] GET /ping with X-Request-ID: {sent!r} answered {response.status_code}, expected 200 with a new id")
        assert got != sent, f"{tag}the client sent X-Request-ID: {sent!r}, which should be replaced"
        assert is_uuid(got or ""), (
            f"[bad_id_trimmed] the client sent X-Request-ID: {sent!r} and got back {got!r}, expected a new UUID")


def no_other_input_sets_the_id(send):
    """The id comes from the X-Request-ID header or is new: a good-looking id in the query string, in cookies
    and in other headers, under every name an app might read and all at once, sets neither the response's id
    (with or without the header) nor (the_view_sees_the_same_id) the view's or the log's."""
    request_id(send("GET", "/ping"))
    kept = header_of(send("GET", "/ping", b"checkout-42"))
    assert kept == "checkout-42", f"[good_id_replaced] the client sent X-Request-ID: checkout-42 and got back {kept!r}"
    query, headers = forged_inputs()
    for sent in (b"checkout-42", None):
        with logged_lines() as lines:
            got = header_of(send("GET", "/ping" + query, sent, headers))
        if (got == "checkout-42") if sent else is_uuid(got or ""):
            the_log_has_only(lines, got, FORGED, "[id_from_another_input] ")
            continue
        from_the_query = header_of(send("GET", "/ping" + query, sent)) == got
        tag = "[id_from_the_query] " if from_the_query else "[id_from_another_input] "
        raise AssertionError(
            f"{tag}GET /ping with {FORGED!r} in the query string, cookies and other headers and X-Request-ID: "
            f"checkout-42 came back with X-Request-ID: {got!r}: the id comes from the X-Request-ID header only" if sent else
            f"{tag}GET /ping with {FORGED!r} in the query string, cookies and other headers came back with "
            f"X-Request-ID: {got!r}, expected a new UUID: the id comes from the X-Request-ID header only")


def the_views_headers_are_kept(send):
    """The middleware adds one header: the view's own (its Content-Type) stay, on a route and off it, and so
    do the framework's (the Allow of a 405 or of OPTIONS)."""
    for path, expected in (("/ping", "application/json"), ("/no-such-page", None)):
        response = send("GET", path, b"checkout-42")
        media = (response.headers.get("content-type") or "").split(";")[0].strip()
        assert media == expected if expected else media, (
            f"[view_headers_lost] GET {path} came back with the headers {dict(response.headers)!r}: the view's "
            "Content-Type is gone")
    for method in ("POST", "OPTIONS"):
        response = send(method, "/ping", b"checkout-42")
        assert response.headers.get("allow"), (
            f"[view_headers_lost] {method} /ping answered {response.status_code} with the headers "
            f"{dict(response.headers)!r}: its Allow header is gone")


def the_view_set_headers_are_kept(get, ping_view_replaced, with_headers):
    """`with_headers(view)`: the view, its response given the header X-View-Header: kept and the cookie
    view_cookie=kept. The middleware adds its header and keeps every one the view set."""
    with ping_view_replaced(with_headers):
        response = get("/ping", "checkout-42")
    cookies = " ".join(value for name, value in response.headers.items() if name.lower() == "set-cookie")
    cookies += " ".join(str(cookie) for cookie in getattr(response, "cookies", {}).values())  # Django keeps them apart
    assert response.headers.get("x-view-header") == "kept" and "view_cookie=kept" in cookies, (
        f"[view_headers_lost] the view set X-View-Header: kept and the cookie view_cookie=kept, and GET /ping came "
        f"back with the headers {dict(response.headers)!r}")


def the_error_stays_on_the_server(response, records):
    """`response`: what GET /ping answered while its view raised ErrorRaisedByTheChecks(SECRET); `records`: the
    log records then. The client reads neither the exception's text nor its class's name; the traceback
    reaches the log."""
    body = response.content if hasattr(response, "content") else response.data
    assert SECRET.encode() not in body, (
        f"[error_text_leaked] the 500 body repeats the exception's text: {body[:200]!r}")
    headers = [f"{name}: {value}" for name, value in response.headers.items()]
    headers += [str(cookie) for cookie in getattr(response, "cookies", {}).values()]  # Django keeps them apart
    leaked = [line for line in headers if SECRET in line]
    assert not leaked, f"[error_text_leaked] a header of the 500 repeats the exception's text: {leaked[0][:200]!r}"
    name = ErrorRaisedByTheChecks.__name__
    assert name.encode() not in body, (
        f"[error_type_leaked] the 500 body names the exception's class, {name}: {body[:200]!r}")
    named = [line for line in headers if name in line]
    assert not named, f"[error_type_leaked] a header of the 500 names the exception's class, {name}: {named[0][:200]!r}"
    logged = any(isinstance(record.exc_info, tuple) and isinstance(record.exc_info[1], RuntimeError)
                 for record in records)
    assert logged, (
        f"[error_not_logged] a view that fails with a RuntimeError answered {response.status_code}, but its "
        "traceback was not logged: let the exception reach the framework's 500 handling")
