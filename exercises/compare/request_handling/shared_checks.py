"""Checks of the request handling exercise whose bodies are the same in every framework (rules, not cases).

Each framework's checks.py passes `send(method, body, content_type, csrf=False, path="/orders") -> (status, content)`:
`body` is bytes, `content_type` a header value or None (no Content-Type header at all), `content` the
answer's bytes; a crash is 500.
"""

import itertools
import json
import sys

from guide_tools.exercises.support import json_nested_too_deeply

# A valid order is any non-empty string item (only spaces too, punctuation, capitals, any script),
# answered as sent, and any integer quantity of at least 1: the statement states no upper limit but
# Python's, integers of at most 4,300 digits (10**400 is beyond a float's range: no float() on it).
ITEMS = ("book", "pen", "x", "Two Scoops of Django", "Fountain pen, blue ink", "blue pen",
         "T-shirt (XL) / red", "O'Reilly's \"Fluent Python\"", "café crème", "Ελληνικός καφές",
         "naïve résumé", "鉛筆", "🖊️ pen", "A" * 120, "   ", "  café   crème ", "ｂｏｏｋ")
# The rest of "any text", each with a few quantities: only non-ASCII spaces (no-break, ideographic, em),
# a tab, a line end and a zero-width space inside, combining marks, right-to-left scripts, emoji and
# characters beyond the Basic Multilingual Plane, control characters, one character and a long text.
ANY_TEXT = ("\u00a0", "\u3000", "\u2003\u00a0", "tea\u00a0cup", "a\tb", "\t", "line\nbreak", "\r\n", "x\u200by",
            "\u200b", "\ufeffbook", "e\u0301te\u0301", "\u0915\u094d\u0937", "قلم حبر", "עט כחול",
            "\u202ereversed", "👍🏽", "👨‍👩‍👧", "🇰🇷", "𝔭𝔢𝔫", "𠀋", "\x7f\x1b[0m", "\ud7ff\ue000\ufffd",
            "a", "é", "\u042f", "\\", "\"", "<script>alert(1)</script>", "'; DROP TABLE orders; --",
            "ünïcödé " * 500)
QUANTITIES = (1, 2, 7, 12, 99, 100, 101, 250, 1000, 65_536, 1_000_000, 2**31 - 1, 2**31, 10**400, 10**4299)

# Hostile JSON values, each tried in each field: what a JSON decoder hands over besides a name and a count.
HOSTILE = ("NaN", "Infinity", "-Infinity", "1e999", "-1e999", "2.0", "1.0", "1e2", "2.5", "0", "-1",
           "1" + "0" * 5000, "1" + "0" * 400, "1" + "0" * 30, "true", "false", "null", "[]", "{}", "[1]", '{"a": 1}',
           '"2"', '""', '"x"', '"\\u0000"', '"\\ud800"')
RAW = (b'\xff\xfe{"item": "book", "quantity": 2}', b'{"item": "b\xe9", "quantity": 1}', b"\xff\xfe\x00",
       b"", b"{oops", b'{"item": "book", "quantity": 2', b"[" * 50 + b"]" * 50, b'"book"', b"2", b"null")
JSON_TYPES = ("application/json", "application/json; charset=utf-8", "Application/JSON", "application/json;charset=UTF-8")
# A JSON-based media type (RFC 6839's +json suffix) is JSON too: Flask's is_json and FastAPI read it.
PLUS_JSON = ("application/merge-patch+json", "application/vnd.api+json", "Application/Problem+JSON; charset=utf-8")
NOT_JSON = ("text/plain", None, "application/x-www-form-urlencoded", "multipart/form-data")
# Media types with "json" in their name that are not application/json nor application/*+json.
JSON_LOOKALIKES = ("text/json", "application/jsonp", "application/x-json", "application/json-seq",
                   "text/plain; charset=json", "application/jsonl", "application/json+xml")
MARKER = "zq-marker-41"  # in a refused body: an error answer must not repeat it
# What Python's exceptions say about these bodies (json, a subscript, a decoder, int limits, float()):
# an error answer that holds one of them sends the exception, whatever words surround it. (Pydantic's
# `msg`, "Invalid JSON: ... at line 1 column 9", is the validation error's own text for the client.)
EXCEPTION_TEXTS = ("Traceback", "Error(", "Error:", "JSONDecodeError", "UnicodeDecodeError", "Expecting",
                   "Unterminated", "(char ", "indices must be", "not subscriptable",
                   "has no attribute", "codec can't decode", "invalid start byte", "int too large",
                   "Exceeds the limit", "maximum recursion", "NoneType", "unhashable")


def shown(body: bytes, limit: int = 60) -> str:
    """A body as a message shows it, on one line (a message is read up to its first line end, and
    Flask's JSON ends with one): line ends written as `\\n`."""
    text = body.decode("utf-8", "backslashreplace").replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= limit else f"{text[:limit]}…"


def order(item: str, quantity: int) -> bytes:
    return json.dumps({"item": item, "quantity": quantity}, ensure_ascii=False).encode()


def _created_as_sent(send, item: str, quantity: int, csrf: bool, any_text: bool) -> None:
    """A valid order is created (201) and answered as sent; `any_text`: the item is one of ANY_TEXT."""
    body = order(item, quantity)
    status, content = send("POST", body, "application/json", csrf=csrf)
    assert status == 201, (
        f"[valid_order_crashed] a valid order {shown(body)} answered {status}, expected 201" if status >= 500 else
        f"[item_text_refused] a valid order {shown(body)} answered {status}, expected 201: any non-empty text is an item"
        if any_text else f"[too_strict] a valid order {shown(body)} answered {status}, expected 201")
    try:
        answer = json.loads(content)
    except ValueError:
        answer = None
    assert answer == {"item": item, "quantity": quantity} and type(answer["quantity"]) is int, (
        f"[order_changed] a valid order {shown(body)} answered {shown(content)}")


def check_valid_orders(send, csrf: bool = False) -> None:
    """Every valid order, in its whole space, is created and answered as sent."""
    for item, quantity in itertools.product(ITEMS, QUANTITIES):
        _created_as_sent(send, item, quantity, csrf, any_text=False)
    for n, item in enumerate(ANY_TEXT):  # any text is an item, each with a few quantities
        for quantity in QUANTITIES[n % 5::5]:
            _created_as_sent(send, item, quantity, csrf, any_text=True)


def check_media_type(send) -> None:
    """`application/json` is a media type: its case and a charset parameter do not change it."""
    body = order("book", 2)
    for content_type in JSON_TYPES:
        status, _ = send("POST", body, content_type)
        assert status == 201, (
            f"[media_type_compared] a valid order sent as {content_type} answered {status}, expected 201: "
            "the media type is application/json whatever its case and parameters")
    for content_type in PLUS_JSON:
        status, _ = send("POST", body, content_type)
        assert status == 201, (
            f"[plus_json_refused] a valid order sent as {content_type} answered {status}, expected 201: "
            "application/*+json is JSON too")


def check_json_lookalikes_refused(send) -> None:
    """A media type is read whole: "json" somewhere in its name does not make it JSON."""
    body = order("book", 2)
    for content_type in JSON_LOOKALIKES:
        status, _ = send("POST", body, content_type)
        assert status in (400, 415, 422), (
            f"[json_in_name] POST /orders with the order {shown(body)} sent as {content_type} answered "
            f"{status}, expected 415 (or 400): only application/json or application/*+json is JSON")


LIMIT = 2_621_440  # 2.5 MiB: Django's DATA_UPLOAD_MAX_MEMORY_SIZE, and the statement's limit


def sized_order(size: int) -> bytes:
    """A valid order of exactly `size` bytes (the padding is in the item)."""
    body = order("", 1)
    return order("a" * (size - len(body)), 1)


def check_body_limit(send, json_error: bool = False, send_chunked=None, at_limit_created: bool = False) -> None:
    """A body over 2.5 MiB (Django's DATA_UPLOAD_MAX_MEMORY_SIZE) is not read into memory: 413, in JSON where the app
    answers JSON. One byte over is over; `send_chunked(body)` (when the test client can send a body
    without a Content-Length, in chunks) holds a limit that reads only the header to the same rule;
    `at_limit_created`: a body of exactly 2.5 MiB is still an order (Django keeps its setting)."""
    # Well over first (no limit at all), then one byte over (a limit a little over 2.5 MiB).
    for cause, size in (("body_size_unlimited", LIMIT + 65_536), ("limit_over_2_5_mib", LIMIT + 1)):
        body = sized_order(size)
        status, content = send("POST", body, "application/json")
        assert 400 <= status < 500, (
            f"[{cause}] a valid order of {len(body)} bytes answered {status}, expected 413: "
            "a body over 2.5 MiB is refused before it is read into memory")
        assert status == 413, (
            f"[too_large_not_413] a valid order of {len(body)} bytes answered {status} {shown(content)}, expected 413")
        assert not json_error or is_json_error(content), (
            f"[error_not_json] a valid order of {len(body)} bytes answered 413 with {shown(content)}, "
            "expected a JSON object with an 'error'")
    if send_chunked is not None:  # a limit that reads only the Content-Length header lets this one through
        cause = "limit_by_header"  # a tag of the frameworks that pass send_chunked only
        body = sized_order(LIMIT + 65_536)
        status, content = send_chunked(body)
        assert 400 <= status < 500, (
            f"[{cause}] a valid order of {len(body)} bytes sent in chunks, without a Content-Length, answered "
            f"{status}, expected 413: a body over 2.5 MiB is refused however it is sent")
        assert status == 413, (
            f"[too_large_not_413] a valid order of {len(body)} bytes sent in chunks, without a Content-Length, "
            f"answered {status} {shown(content)}, expected 413")
    if at_limit_created:
        cause = "limit_too_low"  # Django's only: Flask and FastAPI may set a lower limit
        body = sized_order(LIMIT)
        status, content = send("POST", body, "application/json")
        assert status == 201, (
            f"[{cause}] a valid order of exactly 2.5 MiB ({len(body)} bytes) answered {status} "
            f"{shown(content)}, expected 201: only a body over 2.5 MiB is refused")


def check_not_json_refused(send, content_types=NOT_JSON) -> None:
    body = order("book", 2)
    for content_type in content_types:
        status, _ = send("POST", body, content_type)
        assert status in (400, 415, 422), (
            f"POST /orders with the order {shown(body)} sent as {content_type} answered "
            f"{status}, expected 415 (or 400): only a JSON Content-Type is JSON" if content_type else
            f"POST /orders with the order {shown(body)} sent without a Content-Type answered "
            f"{status}, expected 415 (or 400): only a JSON Content-Type is JSON")


def check_other_methods(send) -> None:
    """Only POST creates an order: every other method answers 405 (OPTIONS may answer what it allows)."""
    body = order("book", 2)
    for method in ("GET", "HEAD", "PUT", "PATCH", "DELETE"):
        status, _ = send(method, body, "application/json")
        assert status == 405, f"[other_method] {method} /orders answered {status}, expected 405"
    status, content = send("OPTIONS", body, "application/json")
    assert status != 201 and b'"quantity"' not in content, (
        f"[other_method] OPTIONS /orders with an order answered {status} {shown(content)}, expected no order: only POST creates one")


def check_extra_keys_ignored(send) -> None:
    """Keys besides item and quantity do not make a body less of an order, and are not answered."""
    body = b'{"item": "book", "quantity": 2, "is_admin": true, "price": 0}'
    status, content = send("POST", body, "application/json")
    assert status == 201, (
        f"[extra_key_refused] an order with extra keys {shown(body)} answered {status}, expected 201: other keys are ignored")
    try:
        answer = json.loads(content)
    except ValueError:
        answer = None
    assert answer == {"item": "book", "quantity": 2}, (
        f"[echoes_input] an order with extra keys {shown(body)} answered {shown(content)}, expected only item and quantity")


def hostile_bodies():
    """(body, content type): every hostile value in each field, raw bytes, nesting at and near the limits."""
    for item, quantity in itertools.product(HOSTILE + ('"book"',), HOSTILE + ("2",)):
        yield f'{{"item": {item}, "quantity": {quantity}}}'.encode(), "application/json"
    for value in HOSTILE:
        yield value.encode(), "application/json"
        yield f'{{"item": {value}}}'.encode(), "application/json"  # a field missing: its error must not echo
        yield f'{{"quantity": {value}}}'.encode(), "application/json"
    for body, content_type in itertools.product(RAW, ("application/json", "text/plain", None)):
        yield body, content_type
    depths = (10, 100, 500) if sys.platform == "emscripten" else (10, 100, 500, *range(900, 1010, 5), 2000, 5000)
    for depth in depths:
        yield b"[" * depth + b"]" * depth, "application/json"
        yield f'{{"item": "book", "quantity": {"[" * depth}{"]" * depth}}}'.encode(), "application/json"


def is_json_error(content: bytes) -> bool:
    try:
        answer = json.loads(content)
    except ValueError:
        return False
    return isinstance(answer, dict) and "error" in answer


def check_no_crash(send, json_error: bool = False) -> None:
    """No body, however hostile, is a 500: each is refused (4xx) or is an order (201); a refusal says
    nothing of the exception behind it, and with `json_error` (Flask, Django) a 400 is a JSON {"error": ...}."""
    answers = []  # a crash is told first (the starter's failure); then what the refusals say
    for body, content_type in hostile_bodies():
        status, content = send("POST", body, content_type)
        assert status < 500, (
            f"POST /orders with {shown(body)} sent as {content_type} answered {status}, expected a refusal (4xx)")
        answers.append((body, status, content))
    with json_nested_too_deeply() as nested:
        status, content = send("POST", nested.encode(), "application/json")
    assert status < 500, f"POST /orders with a body nested too deeply ([[[[…) answered {status}, expected a refusal (4xx)"
    answers.append((nested.encode(), status, content))
    for body, status, content in answers:
        text = content.decode("utf-8", "replace")
        assert not (status >= 400 and any(words in text for words in EXCEPTION_TEXTS)), (
            f"[leaks_input] POST /orders with {shown(body)} answered {status} {shown(content, 120)}: "
            "an error answer repeats the body or the exception")
        assert not (json_error and status == 400 and not is_json_error(content)), (
            f"[error_not_json] POST /orders with {shown(body)} answered 400 with {shown(content)}, "
            "expected a JSON object with an 'error'")


def check_every_route(send, paths) -> None:
    """The rule holds for the whole app: no route of it (an old /api/orders kept beside /orders) crashes on a body."""
    bodies = (b"[1]", b"{}", b'{"item": "book"}', b"{oops", b'"x"', b'{"item": NaN, "quantity": 1}')
    for path in paths:
        for body, content_type in itertools.product(bodies, ("application/json", "text/plain")):
            status, _ = send("POST", body, content_type, path=path)
            assert status < 500, (
                f"[other_route] POST {path} with {shown(body)} sent as {content_type} answered {status}, expected a refusal (4xx)")


def check_errors_leak_nothing(send) -> None:
    """A refusal says what is wrong, never the body it refused nor the exception behind it."""
    bodies = (f'{{"item": "{MARKER}", oops'.encode(), f'{{"item": "{MARKER}", "quantity": "{MARKER}"}}'.encode(),
              f'{{"item": ["{MARKER}"], "quantity": 1}}'.encode(), f'["{MARKER}"]'.encode(),
              f'{{"item": "b\xe9 {MARKER}"}}'.encode("latin-1"), f'{{"quantity": 1, "note": "{MARKER}"}}'.encode(),
              f'{{"item": "{MARKER}'.encode(), f'{{"item": {{"{MARKER}": 1}}, "quantity": 1}}'.encode())
    for body in bodies:
        status, content = send("POST", body, "application/json")
        text = content.decode("utf-8", "replace")
        leaked = [word for word in (MARKER, *EXCEPTION_TEXTS) if word in text]
        assert not (status >= 400 and leaked), (
            f"[leaks_input] POST /orders with {shown(body)} answered {status} {shown(content, 120)}: "
            "an error answer repeats the body or the exception")
