"""Checks of the middleware exercise, Flask: `python3 dev.py exercise middleware/flask`."""

import contextvars
import logging
from contextlib import contextmanager

import pytest
from app import app
from exercises.batteries import debug, routes, secrets
from exercises.compare.middleware import shared_checks as shared


CONFIGURED = {name: app.config.get(name) for name in ("TESTING", "PROPAGATE_EXCEPTIONS")}  # as app.py set them


@pytest.fixture
def get():
    app.config.update(TESTING=True)
    client = app.test_client(use_cookies=False)  # a Cookie header the check sends is sent as it is
    return lambda url, sent=None, headers=None: client.get(
        url, headers={**(headers or {}), **({"X-Request-ID": sent} if sent is not None else {})})


@pytest.fixture
def send():
    """One request as a WSGI server hands it over: the header's bytes read as Latin-1."""
    app.config.update(TESTING=True)
    client = app.test_client(use_cookies=False)

    def send(method: str, path: str, sent: bytes | None = None, headers: dict | None = None):
        extra = {"HTTP_" + name.upper().replace("-", "_"): value for name, value in (headers or {}).items()}
        if sent is not None:
            extra["HTTP_X_REQUEST_ID"] = sent.decode("latin-1")
        return client.open(path, method=method, environ_overrides=extra)

    return send


def with_headers(view):
    from flask import make_response

    def ping_that_sets_headers(*args, **kwargs):
        response = make_response(view(*args, **kwargs))
        response.headers["X-View-Header"] = "kept"
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


def test_a_server_error_has_one_too(get, caplog, monkeypatch):
    """The response a user reports: the view raises and Flask answers 500, as in production: with the app's
    own TESTING and PROPAGATE_EXCEPTIONS (the fixture turned TESTING on), the exception must not leave
    Flask, or the server makes a 500 of its own, which no after_request sees."""
    with shared.logging_kept():  # the module imported again sets its logging up again
        debug.check_debug_off(monkeypatch, "app", lambda module: module.app.debug)
        secrets.check_no_literal_fallback(monkeypatch, "app", lambda module: module.app.secret_key)
    endpoint = next(rule.endpoint for rule in app.url_map.iter_rules() if rule.rule == "/ping")
    view = app.view_functions[endpoint]

    def crash(*args, **kwargs):
        raise shared.ErrorRaisedByTheChecks(shared.SECRET)

    app.view_functions[endpoint] = crash
    saved = {name: app.config.get(name) for name in CONFIGURED}
    app.config.update(CONFIGURED)
    caplog.set_level(logging.ERROR)
    try:
        response = get("/ping")
    except RuntimeError:
        setting = next(f"{name} = True" for name in ("PROPAGATE_EXCEPTIONS", "TESTING") if CONFIGURED[name])
        raise AssertionError(
            f"[exceptions_propagate] app.py sets {setting}: a view's exception leaves Flask, and the 500 a server "
            "makes of it has no X-Request-ID") from None
    finally:
        app.view_functions[endpoint] = view
        app.config.update(saved)
    shared.a_server_error_has_one_too(response)
    shared.the_error_stays_on_the_server(response, caplog.records)


def test_an_earlier_hooks_answer_has_one_too(get):
    """A `before_request` registered before yours (a login check, a maintenance switch) may answer
    first: yours never runs, and that answer still needs an id (the chapter's `g.get()`)."""
    def maintenance():
        return {"detail": "down for maintenance"}, 503

    earlier = "earlier-request-7"
    assert shared.request_id(get("/ping", earlier)) == earlier, f"[good_id_replaced] the client sent X-Request-ID: {earlier}"
    app.before_request_funcs.setdefault(None, []).insert(0, maintenance)
    try:
        try:
            response = get("/ping")
        except Exception as error:  # with TESTING on, an error in after_request reaches the check
            raise AssertionError(
                f"[needs_its_before_request] an earlier before_request answered 503 and your after_request or teardown_request raised "
                f"{type(error).__name__}: {error}; expected the 503 with an X-Request-ID") from None
    finally:
        app.before_request_funcs[None].remove(maintenance)
    assert response.status_code == 503, (
        f"an earlier before_request answered 503, and the response came back as {response.status_code}")
    got = shared.request_id(response)
    assert got != earlier, (
        f"[id_from_another_request] the 503 an earlier before_request answered carries {got!r}, the id of the "
        "request before it: a value kept per thread outlives its request")
    app.before_request_funcs.setdefault(None, []).insert(0, maintenance)
    try:  # the same rules on that path: a good id kept, a bad one replaced, a new one each time
        again = shared.request_id(get("/ping"))
        assert again != got, f"[same_id_every_time] two 503s an earlier before_request answered both carry {got!r}"
        for sent in ("checkout-42", "<script>", "x" * 65):
            answered = shared.request_id(get("/ping", sent))
            if not (shared.GOOD_ID.fullmatch(sent) and answered == sent):  # the client's good id, or a new one
                assert shared.is_uuid(answered), (
                    f"[bad_id_kept] the 503 an earlier before_request answered to X-Request-ID: {sent!r} carries "
                    f"{answered!r}, expected a new UUID")
    finally:
        app.before_request_funcs[None].remove(maintenance)


def test_the_clients_id_is_kept(get):
    shared.the_clients_id_is_kept(get)


@pytest.mark.parametrize("sent", shared.BAD_IDS)
def test_a_bad_client_id_is_replaced(get, sent):
    shared.a_bad_client_id_is_replaced(get, sent)


def test_every_method_and_answer_has_one(send):
    shared.every_method_and_answer_has_one(send)
    shared.every_route_has_one(send, [path for path, _methods, _rule in routes.flask_routes(app, static=True)])


def test_every_character_and_length_is_judged(send):
    shared.every_character_and_length_is_judged(send)


def test_no_other_input_sets_the_id(send):
    shared.no_other_input_sets_the_id(send)


@contextmanager
def ping_view_replaced(wrap):
    """GET /ping answered by wrap(its view) for the length of the block."""
    view = app.view_functions["ping"]
    app.view_functions["ping"] = wrap(view)
    try:
        yield
    finally:
        app.view_functions["ping"] = view


def test_overlapping_requests_keep_their_own_ids(get):
    """A threaded server (or gevent) runs requests at once: each must keep its own id. Request B runs
    while A's view runs, in a fresh context, as a new thread would; no thread is started."""
    shared.overlapping_requests_keep_their_own_ids(get, ping_view_replaced)


def logged_before_the_hooks(get) -> list:
    """What a before_request registered before the reader's logs during GET /ping (a login check's line)."""
    lines = []

    def log_first():
        lines.extend(shared.logged_now())

    app.before_request_funcs.setdefault(None, []).insert(0, log_first)
    try:
        get("/ping")
    finally:
        app.before_request_funcs[None].remove(log_first)
    return lines


def test_no_id_outlives_its_request(get):
    """A WSGI server's thread serves one request after another: a line logged between requests, or in the next
    request before your before_request runs, carries no earlier request's id."""
    shared.no_id_outlives_its_request(get, logged_before_the_hooks, "app", ping_view_replaced)


def values_kept(*args):
    """What the view can read the id from: g, the context's variables, the request (and, apart, the raw input:
    the WSGI environ)."""
    from flask import g, request

    kept = [*vars(g).items(), *((var.name, value) for var, value in contextvars.copy_context().items()),
            *vars(request).items()]
    return kept, list(request.environ.items())


def test_the_view_sees_the_same_id(get):
    """The id is for finding a request in the logs: the view and its log lines must read the id the response
    carries. Whatever the reader keeps it in (g, a ContextVar, the request), the view can see that value."""
    shared.the_view_sees_the_same_id(get, ping_view_replaced, values_kept)
