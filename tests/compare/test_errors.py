"""Error handling: every error the page shows, triggered through each framework's own test client.

Each assertion is a claim the page makes; each `outputs.check` is a transcript the page shows.
A few small apps defined here (not on the page) are the counter-examples: they prove what goes
wrong with the patterns the page warns against.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import json
import logging
import re
import socket
import sys
import threading
import time
import types
import warnings
from pathlib import Path
from types import SimpleNamespace

import anyio
import anyio.to_thread
import django
import flask
import httpx
import httpx2
import pytest
from django.core import mail
from django.core.checks.urls import check_custom_error_handlers
from django.test import Client, RequestFactory
from django.urls import include, path
from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from compare.errors.django_app import settings as django_snippet_settings
from compare.errors.drive import OUTPUT_APPS as DRIVE_APPS
from compare.errors.drive import OUTPUTS as DRIVE_OUTPUTS
from compare.errors.django_app.views import stock_levels
from compare.errors.fastapi_app import app as fastapi_app
from compare.errors.fastapi_app import http_error as fastapi_http_error
from compare.errors.fastapi_wrong_handler import app as fastapi_wrong_app
from compare.errors.flask_app import app as flask_app
from compare.errors.flask_blueprint_handler import app as flask_blueprint_app
from compare.errors.flask_catch_all import app as flask_catch_all_app
from guide_tools.runtime.drive import make_app, send
from guide_tools.website.content import SNIPPETS
from tests.support.services import free_port, python_env, run_server, wait_until
from tests.support.responses import body, json_of
from tests.support.shell import shown_commands

OUT = "compare/errors/out"
DJANGO_URLS = "compare.errors.django_app.urls"
PROBLEM = "application/problem+json"
# What the failing sales report knows and the client must never see.
SECRETS = ("Traceback", "ConnectionError", "password", "db.internal", "shop.py")


@pytest.fixture(scope="module")
def flask_client():
    return flask_app.test_client()


@pytest.fixture(scope="module")
def fastapi_client():
    # The default TestClient re-raises a server error in the test; this one returns the 500.
    with TestClient(fastapi_app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def django_client(settings):
    settings.ROOT_URLCONF = DJANGO_URLS
    settings.MIDDLEWARE = django_snippet_settings.MIDDLEWARE  # the snippet's own list
    # The default re-raises a server error in the test, and skips the CSRF check a real server makes.
    return Client(raise_request_exception=False, enforce_csrf_checks=True)


@pytest.fixture(params=["flask", "fastapi", "django"])
def app(request):
    """(framework name, client) for tests that make the same claim of all three."""
    name = request.param
    return name, request.getfixturevalue(f"{name}_client")


def post_json(client, name: str, url: str, data: str):
    """POST a raw body sent as application/json through any of the three clients."""
    if name == "django":
        return client.post(url, data=data, content_type="application/json")
    if name == "flask":
        return client.post(url, data=data, content_type="application/json")
    return client.post(url, content=data, headers={"Content-Type": "application/json"})


def shown(client, output: str) -> str:
    """The transcript of `output`: the request snippets/compare/errors/drive.py declares for it (the
    page's Run button sends the same one in the browser), sent through the test's client."""
    return send(client, DRIVE_OUTPUTS[output][1])


# --------------------------------------------------------------------------- raising HTTP errors


def test_product_found(app):
    _, client = app
    response = client.get("/api/products/1")
    assert response.status_code == 200
    assert json_of(response) == {"id": 1, "name": "Teapot", "stock": 3}


def test_raised_404(app, outputs):
    name, client = app
    response = client.get("/api/products/99")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == PROBLEM
    assert json_of(response) == {"detail": "No product 99.", "status": 404}
    outputs.check(f"{OUT}/{name}_raised_404.txt", shown(client, f"{name}_raised_404.txt"))


# --------------------------------------------------------------------------- one handler for every HTTP error


def test_routing_404_under_api_is_json(app, outputs):
    name, client = app
    response = client.get("/api/nowhere")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == PROBLEM
    detail = json_of(response)["detail"]
    if name == "flask":
        assert detail.startswith("The requested URL was not found on the server.")
    else:
        # Django's routing 404 carries a dict of the patterns tried: it is not echoed.
        assert detail == "Not Found"
    assert "tried" not in body(response) and "api/products" not in body(response)
    outputs.check(f"{OUT}/{name}_routing_404.txt", shown(client, f"{name}_routing_404.txt"))


def test_page_404(app, outputs):
    name, client = app
    response = client.get("/nowhere")
    assert response.status_code == 404
    if name == "fastapi":  # one handler for the whole app: JSON everywhere
        assert response.headers["Content-Type"] == PROBLEM
        return
    # Flask and Django hand pages back to the framework's own HTML page.
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "<h1>Not Found</h1>" in body(response)
    outputs.check(f"{OUT}/{name}_page_404.txt", shown(client, f"{name}_page_404.txt"))


# Under the prefix the page states, `/api/` with its slash: a path that merely starts with the
# letters (`/api`, `/apiary`, `/api-docs`) is a page, and so is `/api/` further down a path.
API_PATHS = ("/api/", "/api/nowhere", "/api/products/x/y", "/api//")
PAGE_PATHS = ("/api", "/apiary", "/apiary/hives", "/api-docs/", "/apis/products/1", "/v1/api/products/1",
              "/API/products/1", "/nowhere")


@pytest.mark.parametrize("name", ["flask", "django"])
def test_json_exactly_under_the_api_prefix(name, request):
    """Flask's handler and Django's is_api() send problem details under `/api/` and the framework's
    HTML page everywhere else, tried over paths on both sides of the prefix (FastAPI answers JSON
    everywhere: test_page_404)."""
    client = request.getfixturevalue(f"{name}_client")
    kinds = {path: client.get(path).headers["Content-Type"] for path in API_PATHS + PAGE_PATHS}
    assert kinds == {**{path: PROBLEM for path in API_PATHS},
                     **{path: "text/html; charset=utf-8" for path in PAGE_PATHS}}


def test_405_keeps_allow(app, outputs):
    name, client = app
    response = client.delete("/api/products/1")
    assert response.status_code == 405
    allowed = {m.strip() for m in response.headers["Allow"].split(",")}
    assert allowed == {"flask": {"GET", "HEAD", "OPTIONS"}, "fastapi": {"GET"}, "django": {"GET"}}[name]
    if name == "django":
        # require_GET returns HttpResponseNotAllowed itself: no exception, so no handler, no body.
        assert body(response) == ""
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    else:
        assert response.headers["Content-Type"] == PROBLEM
    outputs.check(f"{OUT}/{name}_405.txt", shown(client, f"{name}_405.txt"))


def test_fastapi_handler_for_fastapi_httpexception_misses_routing_404(outputs):
    """Starlette's router raises starlette.exceptions.HTTPException; fastapi.HTTPException is a
    subclass of it, so a handler for the subclass never sees the router's 404 (or 405)."""
    assert issubclass(HTTPException, StarletteHTTPException)
    with TestClient(fastapi_wrong_app) as client:
        raised = client.get("/api/products/99")
        assert raised.json() == {"error": "No product 99."}  # our handler
        routed = client.get("/api/nowhere")
        assert routed.json() == {"detail": "Not Found"}  # FastAPI's default handler
        assert client.post("/api/products/1").json() == {"detail": "Method Not Allowed"}
        for output in ("fastapi_wrong_handler_raised.txt", "fastapi_wrong_handler_routing.txt"):
            assert make_app(DRIVE_APPS[output]) is fastapi_wrong_app  # the app the page's Run sends to
            outputs.check(f"{OUT}/{output}", shown(client, output))


def test_fastapi_status_code_handler_catches_routing_404():
    """A handler registered for the status code 404 sees every 404, the router's included."""
    app = FastAPI()

    @app.exception_handler(404)
    def not_found(request, exc):
        return JSONResponse({"error": "not here"}, status_code=404)

    with TestClient(app) as client:
        assert client.get("/nowhere").json() == {"error": "not here"}


def test_fastapi_handlers_answer_while_every_worker_thread_is_busy():
    """The page's claim: the handlers are `async def`, so an error answers on the event loop.
    Starlette runs a `def` handler with run_in_threadpool: with AnyIO's 40 threads taken by
    slow `def` endpoints, even the router's 404 waited for one of them."""
    assert all(inspect.iscoroutinefunction(h) for h in fastapi_app.exception_handlers.values())

    async def while_threads_are_busy() -> list[int]:
        limiter = anyio.to_thread.current_default_thread_limiter()
        borrowers = [object() for _ in range(int(limiter.total_tokens))]
        for borrower in borrowers:  # what 40 slow `def` endpoints hold
            limiter.acquire_on_behalf_of_nowait(borrower)
        transport = httpx.ASGITransport(app=fastapi_app)
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://shop") as client:
                with anyio.fail_after(5):
                    return [
                        (await client.get("/api/nowhere")).status_code,
                        (await client.delete("/api/products/1")).status_code,
                        (await client.post("/api/products/1/orders", json={"quantity": 0})).status_code,
                    ]
        finally:
            for borrower in borrowers:
                limiter.release_on_behalf_of(borrower)

    assert asyncio.run(while_threads_are_busy()) == [404, 405, 422]


@pytest.mark.parametrize("kind", ["def", "async def"])
def test_fastapi_def_handler_waits_for_a_worker_thread(kind):
    """The page's other half: Starlette runs a `def` handler in AnyIO's thread pool, so while every
    token of its limiter (40) is held, as by 40 slow `def` endpoints, the router's 404 waits, and it
    answers once one thread is free. The same handler as `async def` answers at once."""
    app = FastAPI()

    def sync_handler(request, exc):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)

    async def async_handler(request, exc):
        return sync_handler(request, exc)

    app.add_exception_handler(StarletteHTTPException, sync_handler if kind == "def" else async_handler)

    async def while_threads_are_busy() -> tuple[list[int], list[int]]:
        limiter = anyio.to_thread.current_default_thread_limiter()
        borrowers = [object() for _ in range(int(limiter.total_tokens))]
        for borrower in borrowers:
            limiter.acquire_on_behalf_of_nowait(borrower)
        answers: list[int] = []
        try:
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://shop") as client:

                async def get() -> None:
                    answers.append((await client.get("/nowhere")).status_code)

                async with anyio.create_task_group() as requests:
                    requests.start_soon(get)
                    await anyio.sleep(1)
                    while_busy = list(answers)
                    limiter.release_on_behalf_of(borrowers.pop())  # one thread free
                    with anyio.fail_after(5):
                        while not answers:
                            await anyio.sleep(0.01)
        finally:
            for borrower in borrowers:
                limiter.release_on_behalf_of(borrower)
        return while_busy, answers

    while_busy, answers = asyncio.run(while_threads_are_busy())
    assert answers == [404]
    assert while_busy == ([] if kind == "def" else [404])


def test_fastapi_raised_exception_with_headers():
    """Our handler passes exc.headers on, so a 401's WWW-Authenticate survives too."""
    app = FastAPI()
    app.add_exception_handler(StarletteHTTPException, fastapi_http_error)  # the shop's handler

    @app.get("/private")
    def private():
        raise HTTPException(401, "Log in first.", headers={"WWW-Authenticate": "Bearer"})

    with TestClient(app) as client:
        response = client.get("/private")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json() == {"detail": "Log in first.", "status": 401}


def test_flask_blueprint_handler_misses_routing_404(outputs):
    """A blueprint's 404 handler only sees 404s raised inside its views: the router's 404 happens
    before any blueprint is chosen, so the app's handlers (here: none) answer it."""
    client = flask_blueprint_app.test_client()
    raised = client.get("/api/products/99")
    assert raised.get_json() == {"error": "No product 99."}
    routed = client.get("/api/nowhere")
    assert routed.status_code == 404
    assert routed.headers["Content-Type"] == "text/html; charset=utf-8"
    for output in ("flask_blueprint_raised.txt", "flask_blueprint_routing.txt"):
        assert make_app(DRIVE_APPS[output]) is flask_blueprint_app  # the app the page's Run sends to
        outputs.check(f"{OUT}/{output}", shown(client, output))


def test_django_handlers_only_in_root_urlconf(settings):
    """handler404 and friends are read from the root URLconf only: including a URLconf that sets
    them does not install them."""
    outer = types.ModuleType("errors_outer_urls")
    outer.urlpatterns = [path("", include(DJANGO_URLS))]
    sys.modules[outer.__name__] = outer
    try:
        settings.ROOT_URLCONF = outer.__name__
        response = Client().get("/api/nowhere")
        assert response.status_code == 404
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    finally:
        del sys.modules[outer.__name__]


def test_django_handler_signature_is_checked(settings):
    """The system check (urls.E007) rejects a handler404 that does not take (request, exception)."""
    bad = types.ModuleType("errors_bad_handler_urls")
    bad.urlpatterns = []
    bad.handler404 = lambda request: None  # the pre-2.0 signature old posts show
    sys.modules[bad.__name__] = bad
    try:
        settings.ROOT_URLCONF = bad.__name__
        assert [e.id for e in check_custom_error_handlers(None)] == ["urls.E007"]
        settings.ROOT_URLCONF = DJANGO_URLS
        assert check_custom_error_handlers(None) == []
    finally:
        del sys.modules[bad.__name__]


def test_django_page_404_uses_404_template(django_client, settings, tmp_path):
    """Pages are handed to Django's default view, which renders a 404.html template if there is one."""
    (tmp_path / "404.html").write_text("<h1>Lost?</h1> {{ request_path }}")
    settings.TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [str(tmp_path)]}]
    response = django_client.get("/nowhere")
    assert response.status_code == 404
    assert response.content.decode() == "<h1>Lost?</h1> /nowhere"


# --------------------------------------------------------------------------- application exceptions


def test_order_placed(app):
    name, client = app
    response = post_json(client, name, "/api/products/1/orders", '{"quantity": 2}')
    assert response.status_code == 201
    assert json_of(response) == {"product": "Teapot", "quantity": 2}


def test_out_of_stock(app, outputs):
    name, client = app
    response = post_json(client, name, "/api/products/2/orders", '{"quantity": 1}')
    assert response.status_code == 409
    assert response.headers["Content-Type"] == PROBLEM
    assert json_of(response) == {"detail": "Not enough Kettle in stock.", "status": 409}
    outputs.check(f"{OUT}/{name}_out_of_stock.txt", shown(client, f"{name}_out_of_stock.txt"))


@pytest.mark.parametrize("stock", [0, 1, 3, 7, 40, 409, 12_345, 999_999])
def test_out_of_stock_body_tells_no_stock_level(app, stock, monkeypatch, caplog):
    """The stock level is for staff (/api/stock refuses it to others): no 409 body, whatever the
    stock and the quantity asked for, holds either number. The log line holds both."""
    from compare.errors.shop import PRODUCTS

    name, client = app
    monkeypatch.setitem(PRODUCTS[1], "stock", stock)
    for quantity in (stock + 1, stock + 2, 10 * stock + 1):
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            response = post_json(client, name, "/api/products/1/orders", json.dumps({"quantity": quantity}))
        assert response.status_code == 409
        answer = json_of(response)
        assert answer == {"detail": "Not enough Teapot in stock.", "status": 409}, answer
        assert str(stock) not in answer["detail"] and str(quantity) not in answer["detail"]
        logged = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert f"Order refused: Only {stock} left of Teapot, not {quantity}." in logged, logged


def test_order_for_missing_product(app):
    name, client = app
    response = post_json(client, name, "/api/products/99/orders", '{"quantity": 1}')
    assert response.status_code == 404
    assert json_of(response)["detail"] == "No product 99."


def test_django_middleware_passes_other_exceptions_on(django_client):
    """process_exception returns None for anything but OutOfStock: Django's handling goes on."""
    assert django_client.get("/api/reports/sales").status_code == 500


# --------------------------------------------------------------------------- invalid input


def test_invalid_quantity(app, outputs):
    name, client = app
    response = post_json(client, name, "/api/products/1/orders", '{"quantity": 0}')
    assert response.status_code == (422 if name == "fastapi" else 400)
    assert response.headers["Content-Type"] == PROBLEM
    if name == "fastapi":
        assert json_of(response) == {
            "detail": "The request is not valid.",
            "errors": [{"loc": ["body", "quantity"], "msg": "Input should be greater than 0"}],
            "status": 422,
        }
    else:
        assert json_of(response) == {"detail": "quantity must be a positive integer.", "status": 400}
    outputs.check(f"{OUT}/{name}_invalid_quantity.txt", shown(client, f"{name}_invalid_quantity.txt"))


MALFORMED = '{"quantity": 2'
NESTED = '{"quantity": ' + "[" * 50_000  # RecursionError in the json module, not a ValueError


@pytest.mark.parametrize("data", [MALFORMED, "[1, 2]", "{}", '{"quantity": "two"}', NESTED])
def test_bad_bodies_are_client_errors(app, data):
    """Malformed JSON or the wrong shape is the client's fault: 4xx, never a 500."""
    name, client = app
    response = post_json(client, name, "/api/products/1/orders", data)
    assert response.status_code == (422 if name == "fastapi" and data is not NESTED else 400)
    assert response.headers["Content-Type"] == PROBLEM


@pytest.mark.parametrize("quantity", ["true", "1.0", '"1"'])
def test_quantity_must_be_a_json_integer(app, quantity):
    """The page: `true`, `1.0` and `"1"` are refused in all three. Flask and Django check
    `type(quantity) is int`; `Order.quantity` is strict, since lax Pydantic takes each for 1 and
    the FastAPI shop would sell a teapot that the other two refuse. `1` itself still sells."""
    name, client = app
    response = post_json(client, name, "/api/products/1/orders", f'{{"quantity": {quantity}}}')
    assert response.status_code == (422 if name == "fastapi" else 400), body(response)
    assert response.headers["Content-Type"] == PROBLEM
    if name == "fastapi":
        assert json_of(response)["errors"] == [{"loc": ["body", "quantity"], "msg": "Input should be a valid integer"}]
    sold = post_json(client, name, "/api/products/1/orders", '{"quantity": 1}')
    assert sold.status_code == 201
    assert json_of(sold) == {"product": "Teapot", "quantity": 1}


ORDERS = "/api/products/1/orders"


def body_limit(name: str) -> int | None:
    """Each shop's own limit on a request body, read from its code or settings, never copied here."""
    if name == "flask":
        return flask_app.config["MAX_CONTENT_LENGTH"]
    if name == "fastapi":
        return fastapi_app.max_body_size
    from django.conf import global_settings  # the example keeps Django's default, 2.5 MiB

    return getattr(django_snippet_settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", global_settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def padded_order(size: int) -> str:
    """A valid order for one teapot, padded with spaces to `size` bytes."""
    order = '{"quantity": 1}'
    return order + " " * (size - len(order))


def test_a_body_over_the_limit_is_413(app, settings):
    """The page: each shop refuses a body over its limit with 413 (Django's own 400 is mapped in
    handler400), and a body of exactly the limit is still an order. FastAPI's limit answers in plain
    text when the Content-Length header already announces too much."""
    name, client = app
    limit = body_limit(name)
    assert limit is not None, f"the {name} shop reads a request body of any size"
    assert limit == {"django": 2_621_440}.get(name, 2**20)  # the page: 1 MiB (notes 1); Django's default 2.5 MiB
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = limit  # the snippet's settings, for the Django client
    assert post_json(client, name, ORDERS, padded_order(limit)).status_code == 201
    over = post_json(client, name, ORDERS, padded_order(limit + 1))
    assert over.status_code == 413, body(over)[:200]
    if name == "fastapi":  # Starlette's limiter sends its own answer in place of the handler's
        assert over.headers["Content-Type"] == "text/plain; charset=utf-8"
        assert body(over) == "Content Too Large"
    else:
        assert over.headers["Content-Type"] == PROBLEM
        assert json_of(over)["status"] == 413


def test_fastapi_streamed_body_over_the_limit_gets_the_handler(fastapi_client):
    """Without a Content-Length (a chunked body), FastAPI counts the bytes as they arrive and raises
    an HTTPException: the shop's http_error answers it, as problem details."""
    limit = body_limit("fastapi")
    assert limit is not None, "the fastapi shop reads a request body of any size"
    data = padded_order(limit + 1).encode()
    chunks = (data[i : i + 65536] for i in range(0, len(data), 65536))
    response = fastapi_client.post(ORDERS, content=chunks, headers={"Content-Type": "application/json"})
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert response.headers["Content-Type"] == PROBLEM
    assert response.json() == {"detail": "Content Too Large", "status": 413}


def test_malformed_json(app, outputs):
    name, client = app
    response = post_json(client, name, "/api/products/1/orders", MALFORMED)
    assert response.status_code == (422 if name == "fastapi" else 400)
    outputs.check(f"{OUT}/{name}_malformed_json.txt", shown(client, f"{name}_malformed_json.txt"))


def test_flask_json_error_message_only_in_debug(monkeypatch):
    client = flask_app.test_client()
    quiet = client.post("/api/products/1/orders", data=MALFORMED, content_type="application/json")
    assert "decode" not in quiet.get_json()["detail"]
    monkeypatch.setitem(flask_app.config, "DEBUG", True)
    loud = client.post("/api/products/1/orders", data=MALFORMED, content_type="application/json")
    assert loud.status_code == 400
    assert loud.get_json()["detail"].startswith("Failed to decode JSON object")


def test_flask_body_not_sent_as_json(flask_client):
    response = flask_client.post("/api/products/1/orders", data="quantity=1")
    assert response.status_code == 415
    assert response.headers["Content-Type"] == PROBLEM


class Signup(BaseModel):
    password: str = Field(min_length=12)


def test_fastapi_default_validation_body_echoes_input():
    """FastAPI's own 422 body repeats what the client sent ("input"); ours leaves it out."""
    app = FastAPI()

    @app.post("/signup")
    def signup(data: Signup) -> dict:
        return {}  # pragma: no cover - never reached, validation fails

    with TestClient(app) as client:
        default = client.post("/signup", json={"password": "hunter2"}).json()
    assert default["detail"][0]["input"] == "hunter2"
    with TestClient(fastapi_app) as client:
        ours = client.post("/api/products/1/orders", json={"quantity": "many"}).text
    assert "many" not in ours


def test_django_permission_denied(django_client, outputs):
    response = django_client.get("/api/stock")
    assert response.status_code == 403
    assert response.headers["Content-Type"] == PROBLEM
    assert response.json() == {"detail": "Only staff can see stock levels.", "status": 403}
    outputs.check(f"{OUT}/django_forbidden.txt", shown(django_client, "django_forbidden.txt"))
    staff = RequestFactory().get("/api/stock")
    staff.user = SimpleNamespace(is_staff=True)
    assert json.loads(stock_levels(staff).content) == {"Teapot": 3, "Kettle": 0}


def test_django_handler403_runs_even_with_debug(django_client, settings):
    settings.DEBUG = True
    response = django_client.get("/api/stock")
    assert response.status_code == 403
    assert response.headers["Content-Type"] == PROBLEM


def test_django_suspicious_operation(django_client, outputs, caplog):
    """A Host header not in ALLOWED_HOSTS raises DisallowedHost, a SuspiciousOperation: 400, and a
    log record on the django.security logger. Its message (which names the setting) is not echoed."""
    with caplog.at_level(logging.ERROR, logger="django.security"):
        response = django_client.get("/api/products/1", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response.json() == {"detail": "The request could not be understood.", "status": 400}
    assert "ALLOWED_HOSTS" not in body(response)
    [record] = [r for r in caplog.records if r.name.startswith("django.security")]
    assert record.name == "django.security.DisallowedHost"
    assert "ALLOWED_HOSTS" in record.getMessage()
    outputs.check(f"{OUT}/django_disallowed_host.txt", shown(django_client, "django_disallowed_host.txt"))


def test_django_exceptions_statuses_and_logs(settings, caplog):
    """The table of Django exceptions: status, error view, and the logger that records it.
    Pages (outside /api/) get Django's default HTML views."""
    from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
    from django.http import Http404

    def raiser(exception):
        def view(request):
            raise exception
        return view

    module = types.ModuleType("errors_table_urls")
    cases = {
        "not-found": (Http404("gone"), 404, "django.request", logging.WARNING),
        "forbidden": (PermissionDenied("no"), 403, "django.request", logging.WARNING),
        "bad": (BadRequest("bad"), 400, "django.request", logging.WARNING),
        "suspicious": (SuspiciousOperation("odd"), 400, "django.security.SuspiciousOperation", logging.ERROR),
        "broken": (RuntimeError("boom"), 500, "django.request", logging.ERROR),
    }
    module.urlpatterns = [path(name, raiser(exc)) for name, (exc, *_) in cases.items()]
    for handler in ("handler400", "handler403", "handler404", "handler500"):
        setattr(module, handler, getattr(importlib.import_module(DJANGO_URLS), handler))
    sys.modules[module.__name__] = module
    try:
        settings.ROOT_URLCONF = module.__name__
        client = Client(raise_request_exception=False)
        for name, (_, status, logger, level) in cases.items():
            caplog.clear()
            with caplog.at_level(logging.WARNING):
                response = client.get(f"/{name}")
            assert response.status_code == status
            assert response.headers["Content-Type"] == "text/html; charset=utf-8"  # not under /api/
            assert [(r.name, r.levelno) for r in caplog.records] == [(logger, level)], name
        assert "<h1>403 Forbidden</h1>" in body(client.get("/forbidden"))
        assert "<h1>Bad Request (400)</h1>" in body(client.get("/bad"))
        assert "<h1>Server Error (500)</h1>" in body(client.get("/broken"))
    finally:
        del sys.modules[module.__name__]


def test_django_csrf_failure_is_not_handler403(settings):
    """CSRF failures are answered by CSRF_FAILURE_VIEW, not by handler403: an HTML page. The
    shop's order view without its @csrf_exempt gets that page for a JSON order, the way a
    real server answers when the decorator is missing."""
    from compare.errors.django_app import views

    unexempt = types.ModuleType("errors_unexempt_urls")
    unexempt.urlpatterns = [path("api/products/<int:product_id>/orders", views.create_order.__wrapped__)]
    unexempt.handler403 = importlib.import_module(DJANGO_URLS).handler403
    assert not getattr(views.create_order.__wrapped__, "csrf_exempt", False)
    sys.modules[unexempt.__name__] = unexempt
    try:
        settings.ROOT_URLCONF = unexempt.__name__
        settings.MIDDLEWARE = django_snippet_settings.MIDDLEWARE
        response = Client(enforce_csrf_checks=True).post(
            "/api/products/1/orders", data='{"quantity": 1}', content_type="application/json"
        )
    finally:
        del sys.modules[unexempt.__name__]
    assert response.status_code == 403
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "CSRF verification failed" in body(response)


def test_django_orders_need_no_csrf_token(django_client):
    """Every route of the Django shop that takes a JSON POST from the lenient test client takes it
    from a client without cookie or token when CSRF is enforced (django_client, like a real server)."""
    from compare.errors.django_app.urls import urlpatterns

    lenient = Client(raise_request_exception=False)  # skips the CSRF check
    posts = [("/" + str(p.pattern)).replace("<int:product_id>", "1") for p in urlpatterns]
    posts = [url for url in posts if lenient.post(url, {}, content_type="application/json").status_code != 405]
    assert posts == ["/api/products/1/orders"]
    for url in posts:
        response = django_client.post(url, data='{"quantity": 1}', content_type="application/json")
        assert response.status_code == 201, (url, response.status_code, body(response)[:200])
    assert django_client.cookies == {}  # nothing a browser would send on its own


# --------------------------------------------------------------------------- 500


def test_server_error_hides_details(app, outputs, caplog):
    name, client = app
    with caplog.at_level(logging.ERROR):
        response = client.get("/api/reports/sales")
    assert response.status_code == 500
    assert response.headers["Content-Type"] == PROBLEM
    for secret in SECRETS:
        assert secret not in body(response)
    logged = [r for r in caplog.records if r.exc_info and isinstance(r.exc_info[1], ConnectionError)]
    if name == "flask":  # Flask logs before it calls the handler
        [record] = logged
        assert (record.name, record.getMessage()) == (flask_app.logger.name, "Exception on /api/reports/sales [GET]")
    elif name == "django":
        [record] = logged
        assert (record.name, record.getMessage()) == ("django.request", "Internal Server Error: /api/reports/sales")
    else:  # Starlette logs nothing: it re-raises, and the server (Uvicorn) logs
        assert logged == []
    # the request drive.py declares, as the page's Run sends it (the log stays out of the output)
    outputs.check(f"{OUT}/{name}_server_error.txt", shown(client, f"{name}_server_error.txt"))


def mail_errors_to(settings, port: int, timeout: float | None = None) -> None:
    """Send Django's error mails over SMTP to `port`: Django 5.2 reads the EMAIL_* settings (the
    test runner swaps in the locmem backend, so the SMTP class is named here), Django 6.1 the
    mailer in MAILERS, whose backend is SMTP by default."""
    if django.VERSION >= (6, 1):
        options = {"host": "127.0.0.1", "port": port} | ({"timeout": timeout} if timeout else {})
        settings.MAILERS = {"default": {"OPTIONS": options}}
        return
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_TIMEOUT = timeout


def queued_connections(port: int) -> int:
    """How many connections wait in the accept queue of the listening socket on `port` (Linux: the
    rx_queue column of /proc/net/tcp holds a listening socket's accept backlog)."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port:
            return int(fields[4].split(":")[1], 16)
    return 0


def test_django_error_mail_waits_for_a_hung_mail_server(settings):
    """The page's caveat, through requests: with ADMINS set, Django mails the 500 of a failing view
    from inside that request, over an SMTP connection with no timeout by default, so a mail server
    that accepts and never answers holds the request. The logging handler sends one mail at a time
    (logging.Handler.handle holds its lock), so a second failing request waits behind the first even
    with a timeout of its own. With the timeout, Django 5.2 answers handler500's 500 after one
    attempt; on 6.1, with MAILERS, each middleware layer's exception handler logs the mail's error as
    a new 500 and mails again (len(MIDDLEWARE) + 1 attempts, 7 with the page's settings, each up to
    the timeout), and then the mail's error leaves Django instead of handler500's answer."""
    settings.ROOT_URLCONF = DJANGO_URLS
    settings.MIDDLEWARE = django_snippet_settings.MIDDLEWARE
    settings.ADMINS = ["ops@example.com"] if django.VERSION >= (6, 0) else [("Ops", "ops@example.com")]
    answers: list[object] = []

    def request() -> None:
        try:
            answers.append(Client(raise_request_exception=False).get("/api/reports/sales").status_code)
        except OSError as error:  # smtplib's errors are OSErrors
            answers.append(type(error).__name__)

    with socket.create_server(("127.0.0.1", 0), backlog=64) as hung:  # accepts connections, never greets
        port = hung.getsockname()[1]
        mail_errors_to(settings, port, timeout=0.5)
        queued = queued_connections(port)
        started = time.monotonic()
        request()
        elapsed, attempts = time.monotonic() - started, queued_connections(port) - queued
        assert attempts == (1 if django.VERSION < (6, 1) else len(settings.MIDDLEWARE) + 1)
        assert attempts * 0.5 <= elapsed < attempts * 0.5 + 2  # each attempt waits out the timeout, once
        assert answers == ([500] if django.VERSION < (6, 1) else ["SMTPServerDisconnected"])
        answers.clear()
        mail_errors_to(settings, port)  # the default: no timeout
        first = threading.Thread(target=request, daemon=True)
        queued = queued_connections(port)
        first.start()
        # Not a fixed sleep: on a loaded machine the first request read the timeout set below.
        wait_until(lambda: queued_connections(port) > queued, timeout=20)  # its mail is connected
        mail_errors_to(settings, port, timeout=0.5)
        second = threading.Thread(target=request, daemon=True)
        second.start()
        second.join(2.0)
        assert first.is_alive() and second.is_alive() and answers == []  # neither failing request answered
    first.join(10)  # closing the listening socket resets the connection it never accepted
    second.join(10)
    assert not first.is_alive() and not second.is_alive()


@pytest.mark.skipif(django.VERSION < (6, 1), reason="MAILERS is new in Django 6.1")
def test_django_61_error_mail_on_the_email_settings_stays_silent():
    """The page: on 6.1 the mail's error leaves Django "with MAILERS". A 6.1 project still on the
    deprecated EMAIL_* settings gets handler500's 500 after one silent attempt, as on 5.2.
    override_settings (not the settings fixture) so that restoring the deprecated settings happens
    inside the block that expects their RemovedInDjango2028Warning."""
    from django.conf import settings
    from django.test import override_settings

    with socket.create_server(("127.0.0.1", 0), backlog=64) as hung:  # accepts connections, never greets
        port = hung.getsockname()[1]
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "The EMAIL_")  # RemovedInDjango2028Warning
            with override_settings(ROOT_URLCONF=DJANGO_URLS, MIDDLEWARE=django_snippet_settings.MIDDLEWARE,
                                   ADMINS=["ops@example.com"], EMAIL_HOST="127.0.0.1", EMAIL_PORT=port,
                                   EMAIL_TIMEOUT=0.5, EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend"):
                if hasattr(settings, "MAILERS"):
                    del settings.MAILERS
                queued = queued_connections(port)
                started = time.monotonic()
                response = Client(raise_request_exception=False).get("/api/reports/sales")
                elapsed, attempts = time.monotonic() - started, queued_connections(port) - queued
    assert (response.status_code, response.headers["Content-Type"]) == (500, PROBLEM)
    assert attempts == 1
    assert 0.5 <= elapsed < 2.5


def test_fastapi_server_error_is_reraised():
    """The Exception handler runs in ServerErrorMiddleware, which re-raises after sending the
    response: the default TestClient raises it in the test, a server logs it."""
    with TestClient(fastapi_app) as client, pytest.raises(ConnectionError, match="db.internal"):
        client.get("/api/reports/sales")


def test_fastapi_server_error_goes_around_cors_middleware():
    """CORSMiddleware added to the app sits inside ServerErrorMiddleware: its header reaches the 404
    and not the Exception handler's 500, which a page on another origin then cannot read. Wrapped
    around the finished app instead, it gives the 500 the header too."""
    from starlette.middleware.cors import CORSMiddleware

    spec = importlib.util.find_spec("compare.errors.fastapi_app")
    added = importlib.util.module_from_spec(spec)  # an app of its own: the shared one stays as shown
    spec.loader.exec_module(added)
    shop = "https://shop.example"
    added.app.add_middleware(CORSMiddleware, allow_origins=[shop])
    wrapped = CORSMiddleware(fastapi_app, allow_origins=[shop])
    for app, header_on_the_500 in ((added.app, None), (wrapped, shop)):
        with TestClient(app, raise_server_exceptions=False) as client:
            not_found = client.get("/api/products/99", headers={"Origin": shop})
            failed = client.get("/api/reports/sales", headers={"Origin": shop})
        assert not_found.status_code == 404 and not_found.headers["access-control-allow-origin"] == shop
        assert failed.status_code == 500
        assert failed.headers.get("access-control-allow-origin") == header_on_the_500


def test_fastapi_exception_handler_does_not_see_http_errors():
    """Unlike Flask's errorhandler(Exception), FastAPI's Exception handler never sees an
    HTTPException: those are handled further in, by ExceptionMiddleware."""
    with TestClient(fastapi_app) as client:
        assert client.get("/api/products/99").status_code == 404


def test_flask_testing_mode_propagates(monkeypatch):
    """With TESTING (or debug) on, Flask re-raises instead of answering 500."""
    monkeypatch.setitem(flask_app.config, "TESTING", True)
    with pytest.raises(ConnectionError):
        flask_app.test_client().get("/api/reports/sales")


def test_django_client_reraises_by_default(settings):
    settings.ROOT_URLCONF = DJANGO_URLS
    with pytest.raises(ConnectionError):
        Client().get("/api/reports/sales")


def test_flask_500_handler_gets_original_exception():
    """Unhandled exceptions reach a 500 handler as InternalServerError, original attached."""
    app = flask.Flask(__name__)
    seen = []

    @app.errorhandler(500)
    def server_error(e):
        seen.append(e)
        return "sorry", 500

    @app.get("/boom")
    def boom():
        raise KeyError("x")

    assert app.test_client().get("/boom").status_code == 500
    [error] = seen
    assert type(error).__name__ == "InternalServerError"
    assert isinstance(error.original_exception, KeyError)


# --------------------------------------------------------------------------- debug mode


def test_debug_mode_ignores_handlers(settings, monkeypatch):
    """Debug modes answer with the traceback (or raise for the debugger), not with your handler."""
    # Django: DEBUG = True shows the technical pages; handler404 and handler500 are not called.
    settings.ROOT_URLCONF = DJANGO_URLS
    settings.DEBUG = True
    client = Client(raise_request_exception=False)
    not_found = client.get("/api/nowhere")
    assert "Using the URLconf defined in" in body(not_found)
    server_error = client.get("/api/reports/sales")
    assert server_error.status_code == 500
    for shown in ("Traceback", "db.internal", "INSTALLED_APPS"):  # the traceback and the settings
        assert shown in body(server_error)
    suspicious = client.get("/api/products/1", HTTP_HOST="evil.example")
    assert suspicious.status_code == 400
    assert "ALLOWED_HOSTS" in body(suspicious)  # technical page, not handler400
    # FastAPI: debug=True makes ServerErrorMiddleware send the traceback; the handler is skipped.
    monkeypatch.setattr(fastapi_app, "debug", True)
    monkeypatch.setattr(fastapi_app, "middleware_stack", None)  # rebuilt on the next request
    with TestClient(fastapi_app, raise_server_exceptions=False) as tc:
        response = tc.get("/api/reports/sales")
    assert response.status_code == 500
    assert "Traceback" in response.text and "db.internal" in response.text
    # Flask: debug mode propagates the exception to the debugger (here: to the test).
    monkeypatch.setitem(flask_app.config, "DEBUG", True)
    with pytest.raises(ConnectionError):
        flask_app.test_client().get("/api/reports/sales")


# --------------------------------------------------------------------------- catch-all handlers


def test_flask_catch_all_passes_http_errors_through(caplog):
    client = flask_catch_all_app.test_client()
    assert client.get("/nowhere").status_code == 404
    with caplog.at_level(logging.ERROR):
        response = client.get("/api/reports/sales")
    assert response.status_code == 500
    assert response.get_json() == {"detail": "Something went wrong on our side.", "status": 500}
    [record] = [r for r in caplog.records if r.exc_info]
    assert record.getMessage() == "Unhandled exception on /api/reports/sales"
    assert isinstance(record.exc_info[1], ConnectionError)


def test_flask_catch_all_without_passthrough_breaks_404s(caplog):
    """The counter-example: errorhandler(Exception) without the HTTPException check turns every
    404 into a 500, and Flask logs nothing, since the exception counts as handled."""
    app = flask.Flask(__name__)

    @app.errorhandler(Exception)
    def unexpected_error(e):
        return {"detail": "Something went wrong on our side."}, 500

    @app.get("/boom")
    def boom():
        raise RuntimeError("lost")

    client = app.test_client()
    with caplog.at_level(logging.DEBUG):
        assert client.get("/nowhere").status_code == 500
        assert client.get("/boom").status_code == 500
    assert caplog.records == []


# --------------------------------------------------------------------------- real servers and their logs


def run_commands() -> dict[str, str]:
    """The three commands of snippets/compare/errors/run.sh, by section name."""
    return shown_commands("compare/errors/run.sh")


def log_excerpt(output: str) -> str:
    """The line that announces the error and the last line of its traceback."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Traceback"))
    last = next(line for line in lines[start:] if line.startswith("ConnectionError"))
    return f"{lines[start - 1]}\n{lines[start]}\n  ...\n{last}\n"


LOG_NORMALISERS = [
    (re.compile(r"^\[<timestamp>,\d+\] "), "[<timestamp>] "),
]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["flask", "fastapi", "django"])
def test_servers_log_500s(name, outputs):
    command = run_commands()[name]
    with run_server(command, cwd=SNIPPETS, env=python_env()) as server:
        response = httpx2.get(f"{server.url}/api/reports/sales", timeout=10)
        assert response.status_code == 500
        for secret in SECRETS:
            assert secret not in response.text
        output = server.wait_for("ConnectionError: ")
    assert "Traceback (most recent call last)" in output
    assert "db.internal" in output
    outputs.check(f"{OUT}/{name}_server_log.txt", log_excerpt(output), normalisers=LOG_NORMALISERS)


@pytest.mark.slow
def test_django_server_ignores_a_stray_session_cookie():
    """The example has no session table: with SESSION_ENGINE on the cache, a `sessionid` cookie
    left by another app on the same host is an empty session, not a 500 from the missing table."""
    stray = {"Cookie": "sessionid=abcdefgh12345678abcdefgh12345678"}
    with run_server(run_commands()["django"], cwd=SNIPPETS, env=python_env()) as server:
        response = httpx2.get(f"{server.url}/api/stock", headers=stray, timeout=10)
    assert response.status_code == 403
    assert response.json() == {"detail": "Only staff can see stock levels.", "status": 403}


@pytest.mark.slow
def test_django_server_takes_a_json_order():
    """Under the server of run.sh, with CsrfViewMiddleware on, a JSON client without cookie or token
    places an order and gets the shown 405, not the CSRF page the test client would have hidden."""
    with run_server(run_commands()["django"], cwd=SNIPPETS, env=python_env()) as server:
        order = httpx2.post(f"{server.url}/api/products/1/orders", json={"quantity": 1}, timeout=10)
        refused = httpx2.delete(f"{server.url}/api/products/1", timeout=10)
    assert (order.status_code, order.json()) == (201, {"product": "Teapot", "quantity": 1})
    assert (refused.status_code, refused.text, refused.headers["Allow"]) == (405, "", "GET")


@pytest.mark.slow
def test_django_without_logging_setting_prints_no_traceback(tmp_path):
    """Django's default logging prints tracebacks only when DEBUG is on: without the LOGGING
    setting, a 500 under runserver leaves nothing but its request line on the console."""
    (tmp_path / "no_logging_settings.py").write_text(
        "from compare.errors.django_app.settings import *  # noqa: F403\ndel LOGGING  # noqa: F821\n"
    )
    env = {**python_env(), "PYTHONPATH": f"{tmp_path}:{SNIPPETS}"}
    command = run_commands()["django"].replace("compare.errors.django_app.settings", "no_logging_settings")
    with run_server(command, cwd=SNIPPETS, env=env) as server:
        assert httpx2.get(f"{server.url}/api/reports/sales", timeout=10).status_code == 500
        # runserver writes the request line after the response; a traceback would come before it.
        output = server.wait_for('"GET /api/reports/sales HTTP/1.1" 500')
    assert '"GET /api/reports/sales HTTP/1.1" 500' in output
    assert "Traceback" not in output


@pytest.mark.slow
@pytest.mark.parametrize("logging_setting", [True, False])
def test_django_under_gunicorn_without_logging_setting_prints_nothing(tmp_path, logging_setting):
    """Under Gunicorn, a production server, a 500 without the LOGGING setting leaves nothing at all
    on the console: Gunicorn writes no request line (its access log is off by default). With the
    page's LOGGING, the same server prints the traceback, so the silence is not a lost output."""
    (tmp_path / "no_logging_settings.py").write_text(
        "from compare.errors.django_app.settings import *  # noqa: F403\ndel LOGGING  # noqa: F821\n"
    )
    settings_module = "compare.errors.django_app.settings" if logging_setting else "no_logging_settings"
    env = {**python_env(), "PYTHONPATH": f"{tmp_path}:{SNIPPETS}", "DJANGO_SETTINGS_MODULE": settings_module}
    command = ["gunicorn", "django.core.wsgi:get_wsgi_application()", "--bind", "127.0.0.1:{port}"]
    port = free_port()
    with run_server([part.format(port=port) for part in command], port=port, cwd=SNIPPETS, env=env) as server:
        assert httpx2.get(f"{server.url}/api/reports/sales", timeout=10).status_code == 500
        if logging_setting:
            server.wait_for("ConnectionError: ")
        time.sleep(1)  # Django logs before it answers; a second more for a slow pipe
        output = server.output()
    assert ("Traceback (most recent call last)" in output) is logging_setting
    assert "/api/reports/sales" in output if logging_setting else "api/reports" not in output


# --------------------------------------------------------------------------- what older examples get wrong


def test_django_default_logging_prints_only_in_debug():
    """Django's default LOGGING sends django.* errors to the console only when DEBUG is on, and
    by mail to ADMINS only when it is off."""
    from django.utils.log import DEFAULT_LOGGING

    assert DEFAULT_LOGGING["loggers"]["django"]["handlers"] == ["console", "mail_admins"]
    assert DEFAULT_LOGGING["handlers"]["console"]["filters"] == ["require_debug_true"]
    assert DEFAULT_LOGGING["handlers"]["mail_admins"]["filters"] == ["require_debug_false"]


def test_old_starlette_names():
    """Starlette 0.48 renamed status constants after RFC 9110; the old names warn (an error under
    this test suite's filterwarnings). Starlette 1.0 removed its @app.exception_handler decorator;
    FastAPI keeps its own."""
    from starlette import status
    from starlette.applications import Starlette
    from starlette.exceptions import StarletteDeprecationWarning

    with pytest.warns(StarletteDeprecationWarning, match="HTTP_422_UNPROCESSABLE_CONTENT"):
        assert status.HTTP_422_UNPROCESSABLE_ENTITY == 422
    assert status.HTTP_422_UNPROCESSABLE_CONTENT == 422
    assert not hasattr(Starlette, "exception_handler")
    assert hasattr(FastAPI, "exception_handler")


@pytest.mark.parametrize("status", [204, 304])
def test_fastapi_handler_sends_no_body_where_http_allows_none(status):
    """FastAPI's own handler sends a bare Response for 204, 304 and 1xx; so does the shop's. What a
    body there does to a real server: test_uvicorn_h11_refuses_a_body_after_a_304."""
    app = FastAPI()
    app.add_exception_handler(StarletteHTTPException, fastapi_http_error)

    @app.get("/etag")
    def etag():
        raise HTTPException(status_code=status, headers={"ETag": '"v1"'})

    response = TestClient(app).get("/etag")
    assert response.status_code == status
    assert response.content == b""
    assert "content-type" not in response.headers and response.headers["ETag"] == '"v1"'


CACHE_APPS = """
from fastapi import FastAPI, HTTPException
from starlette.exceptions import HTTPException as StarletteHTTPException

from compare.errors.fastapi_app import http_error, problem

careless, careful = FastAPI(), FastAPI()
careful.add_exception_handler(StarletteHTTPException, http_error)  # the shop's handler


@careless.exception_handler(StarletteHTTPException)
async def without_the_check(request, exc):  # the shop's handler without is_body_allowed_for_status_code
    return problem(exc.status_code, str(exc.detail), exc.headers)


for app in (careless, careful):
    @app.get("/etag")
    def etag():
        raise HTTPException(status_code=304, headers={"ETag": '"v1"'})
"""


@pytest.mark.slow
@pytest.mark.parametrize("app", ["careless", "careful"])
def test_uvicorn_h11_refuses_a_body_after_a_304(app, tmp_path):
    """The page's claim, on a real server: with Uvicorn's h11 protocol (its choice when httptools is
    not installed, as here), a problem body after a 304 makes h11 raise 'Too much data for declared
    Content-Length'; Uvicorn logs it and closes the connection. The shop's handler sends the bare
    304, and the connection serves the next request."""
    (tmp_path / "cache_apps.py").write_text(CACHE_APPS)
    env = {**python_env(), "PYTHONPATH": f"{tmp_path}:{SNIPPETS}"}
    command = f'uvicorn cache_apps:{app} --http h11 --port "$PORT"'
    with run_server(command, cwd=SNIPPETS, env=env) as server:
        with httpx2.Client(base_url=server.url, timeout=10) as client:
            first = client.get("/etag")
            assert (first.status_code, first.content) == (304, b"")
            if app == "careless":
                output = server.wait_for("Too much data for declared Content-Length")
                assert "Exception in ASGI application" in output
            else:
                assert client.get("/etag").status_code == 304
                time.sleep(0.5)
                assert "Error" not in server.wait_for('"GET /etag HTTP/1.1" 304', count=2)

