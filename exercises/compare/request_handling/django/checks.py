"""Checks of the request handling exercise, Django: `python3 dev.py exercise request_handling/django`."""

import pytest
from django.test import Client
from django.test.client import FakePayload
from django.urls import URLPattern, URLResolver, get_resolver
from exercises.batteries import debug, hosts, secrets
from exercises.compare.request_handling import shared_checks as shared
from guide_tools.exercises.support import as_json, json_nested_too_deeply, media_type

NESTED = object()  # the body of json_nested_too_deeply(): json raises RecursionError, not ValueError


@pytest.fixture
def client():
    return Client(raise_request_exception=False)  # a crash is a 500 here, reported as a status


def post(client, body: str | bytes):
    return client.post("/orders", body, content_type="application/json")


def send(method: str, body: bytes, content_type: str | None, csrf: bool = False, path: str = "/orders") -> tuple[int, bytes]:
    # csrf: as a real client meets the app, CSRF checks enforced (the test Client skips them by default)
    client = Client(enforce_csrf_checks=csrf, raise_request_exception=False)
    if content_type is None:  # generic() would send application/octet-stream: a request with no Content-Type at all
        response = client.request(PATH_INFO=path, REQUEST_METHOD=method, SERVER_PORT="80", CONTENT_LENGTH=str(len(body)),
                                  **{"wsgi.url_scheme": "http", "wsgi.input": FakePayload(body)})
    else:
        response = client.generic(method, path, body, content_type=content_type)
    return response.status_code, response.content


def other_paths(patterns=None, prefix: str = "") -> list[str]:
    """The app's other URLs without variables (a regex or a converter has no one path to send to)."""
    paths = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = str(pattern.pattern)
        if any(sign in route for sign in "<^$(\\"):
            continue
        if isinstance(pattern, URLResolver):
            paths += other_paths(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern) and prefix + route != "orders":
            paths.append(f"/{prefix}{route}")
    return paths


def json_of(response) -> object:
    # the media type, whatever its case and parameters: `application/json; charset=utf-8` is JSON
    return response.json() if media_type(response.get("content-type"))[0] == "application/json" else None


def rejected(response, body: str, cause: str | None) -> None:
    tag = f"[{cause}] " if cause else ""
    assert response.status_code == 400, f"{tag}POST /orders with {as_json(body)} answered {response.status_code}, expected 400"
    data = json_of(response)
    assert isinstance(data, dict) and "error" in data, (
        f"[error_not_json] POST /orders with {as_json(body)} answered 400 with {response.content[:60]!r}, "
        "expected a JSON object with an 'error'")


def test_valid_order_is_created(client, monkeypatch):
    for body, expected in (('{"item": "book", "quantity": 2}', {"item": "book", "quantity": 2}),
                           ('{"item": "pen", "quantity": 1}', {"item": "pen", "quantity": 1})):
        response = post(client, body)
        assert response.status_code == 201, f"a valid order {body} answered {response.status_code}, expected 201"
        assert json_of(response) == expected, f"a valid order {body} answered {response.content!r}"
    shared.check_extra_keys_ignored(send)
    # The chapter's choice: a JSON API without cookies has no CSRF middleware, and refuses every body
    # that is not JSON (a cross-site form cannot send JSON without a preflight). A real client sends no token.
    body = shared.order("book", 2)
    status, _ = send("POST", body, "application/json", csrf=True)
    assert status == 201, (
        f"[csrf_enforced] a valid order {shared.shown(body)} posted without a CSRF token answered {status}, "
        "expected 201: an API client has no CSRF token")
    shared.check_valid_orders(send)
    shared.check_media_type(send)
    shared.check_other_methods(send)
    # The test environment forces DEBUG off, so read what the project's settings.py asks for.
    debug.check_debug_off(monkeypatch, "settings", lambda module: module.DEBUG, any_variable=True)
    hosts.check_no_wildcard_host("settings")
    secrets.check_no_literal_fallback(monkeypatch, "settings", lambda module: module.SECRET_KEY)
    # As safe as the starter's: a crash still ends in Django's own plain 500, not in the server's handler.
    from django.conf import settings
    assert not settings.DEBUG_PROPAGATE_EXCEPTIONS, (
        "[propagate_exceptions] settings.py sets DEBUG_PROPAGATE_EXCEPTIONS: a crash leaves Django's handler, "
        "expected the starter's settings, where Django answers a crash with its own 500")


@pytest.mark.parametrize(("body", "cause"), [
    ('{"quantity": 1}', None), ('{"item": "", "quantity": 1}', None), ('["book", 2]', None), ("{oops", None),
    ('{"item": 5, "quantity": 1}', "item_not_string"), ('{"item": ["book"], "quantity": 1}', "item_not_string"),
    ('{"item": "book"}', "quantity_default"),
    (b'{"item": "b\xe9", "quantity": 1}', "not_utf8"), (b"\xff\xfe\x00", "not_utf8"),
    pytest.param(NESTED, "nested_too_deeply", id="nested"),
])
def test_incomplete_order_is_rejected(client, body, cause):
    if body is NESTED:
        with json_nested_too_deeply() as nested:
            response = post(client, nested)
        rejected(response, "[[[[…]]]]", cause)  # data only: the value of a Korean or Russian message too
        return
    rejected(post(client, body), body if isinstance(body, str) else repr(body), cause)


@pytest.mark.parametrize(("quantity", "cause"), [
    ("0", None), ("-1", "quantity_below_one"), ("-7", "quantity_below_one"), ('"two"', None), ("null", None),
    ('"2"', "quantity_converted"), ("1.5", "quantity_float"), ("true", "bool_is_int"),
    ("2.0", "whole_float"), ("1.0", "whole_float"), ("1e2", "whole_float"),
])
def test_bad_quantity_is_rejected(client, quantity, cause):
    body = f'{{"item": "book", "quantity": {quantity}}}'
    rejected(post(client, body), body, cause)


def test_body_not_sent_as_json_is_refused():
    # A browser sends these (or no Content-Type) from any site without a CORS preflight.
    shared.check_not_json_refused(send)
    shared.check_json_lookalikes_refused(send)


def test_no_body_is_a_500():
    shared.check_no_crash(send, json_error=True)
    shared.check_errors_leak_nothing(send)
    shared.check_every_route(send, other_paths())  # an old orders/ URL beside orders holds the rule too
    # Django's limit on a body read into memory (DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MiB): kept, and its
    # RequestDataTooBig answered 413 in JSON like every other refusal, not Django's HTML 400.
    shared.check_body_limit(send, json_error=True, at_limit_created=True)  # DATA_UPLOAD_MAX_MEMORY_SIZE kept
