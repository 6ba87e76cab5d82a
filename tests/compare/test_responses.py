"""Responses: every response the page shows, through each framework's own test client.

Each assertion is a claim the page makes; each `outputs.check` is a transcript the page shows.
A few small apps defined here (not on the page) prove what goes wrong with the patterns the page
warns against: they are the counter-examples, never shown as code to copy.
"""

from __future__ import annotations

import inspect
import io
import json
import re
import sys
import warnings
from datetime import date
from decimal import Decimal
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import flask
import pytest
from django.conf import global_settings
from django.core.handlers.asgi import ASGIHandler
from django.http import FileResponse, HttpResponse, JsonResponse
from django.test import Client
from django.urls import path
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, ORJSONResponse, RedirectResponse, StreamingResponse, UJSONResponse
from fastapi.testclient import TestClient
from starlette.middleware.sessions import SessionMiddleware

from compare.responses.fastapi_app import app as fastapi_app
from compare.responses.flask_app import app as flask_app
from compare.responses.flask_json_iso import app as flask_iso_app
from compare.responses import drive
from compare.responses.drive import OUTPUTS as DRIVE_OUTPUTS
from compare.responses.orders import ORDERS
from guide_tools.runtime.drive import make_app, send
from tests.support.capture import normalise
from tests.support.responses import body, json_of

OUT = "compare/responses/out"
DJANGO_URLS = "compare.responses.django_app.urls"
ORDER_REF = "5f0c6e52-8d7c-4c3e-9a36-0b1d2e3f4a5b"


@pytest.fixture(scope="module")
def flask_client():
    return flask_app.test_client()


@pytest.fixture(scope="module")
def fastapi_client():
    with TestClient(fastapi_app) as client:
        yield client


@pytest.fixture
def django_client(settings):
    settings.ROOT_URLCONF = DJANGO_URLS
    return Client()


@pytest.fixture(params=["flask", "fastapi", "django"])
def app(request):
    """(framework name, client) for tests that make the same claim of all three."""
    name = request.param
    return name, request.getfixturevalue(f"{name}_client")


def shown(client, output: str) -> str:
    """The transcript of `output`: the request snippets/compare/responses/drive.py declares for it
    (the page's Run button sends the same one in the browser), sent through the test's client."""
    _, request, *headers = DRIVE_OUTPUTS[output]
    return send(client, request, *headers)


def get(client, framework: str, url: str):
    if framework == "django":
        return client.get(url)
    return client.get(url, follow_redirects=False)


# --------------------------------------------------------------------------- return values


def test_fastapi_response_model_filters(fastapi_client, outputs):
    response = fastapi_client.get("/customers/1")
    assert response.status_code == 200
    assert response.json() == {"name": "Ada", "email": "ada@example.com"}  # password_hash dropped
    outputs.check(f"{OUT}/fastapi_model_filter.txt", shown(fastapi_client, "fastapi_model_filter.txt"))


def test_fastapi_returned_response_skips_the_model():
    """A Response you build yourself is sent as it is: no validation, no filtering."""
    app = FastAPI()
    record = {"name": "Ada", "email": "ada@example.com", "password_hash": "argon2id$..."}

    from compare.responses.fastapi_app import Customer

    @app.get("/customers/1", response_model=Customer)
    async def leaky():
        return JSONResponse(record)

    with TestClient(app) as client:
        assert client.get("/customers/1").json()["password_hash"] == "argon2id$..."


def test_fastapi_response_model_argument_wins():
    from compare.responses.fastapi_app import Customer

    app = FastAPI()

    @app.get("/customers/1", response_model=Customer)
    async def get_customer() -> dict[str, str]:
        return {"name": "Ada", "email": "ada@example.com", "password_hash": "argon2id$..."}

    with TestClient(app) as client:
        assert client.get("/customers/1").json() == {"name": "Ada", "email": "ada@example.com"}


def test_fastapi_openapi_documents_what_is_declared():
    """The response model and response_class appear in the schema; a returned JSONResponse does not."""
    paths = fastapi_app.openapi()["paths"]
    ok = "200"
    assert paths["/orders/{order_id}"]["get"]["responses"][ok]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Order"
    }
    assert "text/plain" in paths["/text"]["get"]["responses"][ok]["content"]
    assert "text/html" in paths["/hello"]["get"]["responses"][ok]["content"]

    app = FastAPI()

    @app.get("/orders/1")
    async def untyped():
        return JSONResponse(jsonable_encoder(ORDERS[1]))

    assert app.openapi()["paths"]["/orders/1"]["get"]["responses"][ok]["content"]["application/json"]["schema"] == {}


def test_flask_return_values():
    app = flask.Flask(__name__)
    app.testing = True  # raise the view's error here instead of answering 500

    @app.get("/str")
    def a_str():
        return "hi"

    @app.get("/bytes")
    def some_bytes():
        return b"hi"

    @app.get("/wsgi")
    def a_wsgi_app():
        def wsgi_app(environ, start_response):
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"from a WSGI app"]

        return wsgi_app

    @app.get("/tuple")
    def a_tuple():
        return "teapot", 418, {"X-Brewed": "no"}

    @app.get("/generator")
    def a_generator():
        return (part for part in ("a", "b"))

    @app.get("/nothing")
    def nothing():
        return None

    @app.get("/set")
    def a_set():
        return {1, 2}

    client = app.test_client()
    assert client.get("/str").headers["Content-Type"] == "text/html; charset=utf-8"
    assert (client.get("/bytes").text, client.get("/bytes").headers["Content-Type"]) == ("hi", "text/html; charset=utf-8")
    assert client.get("/wsgi").text == "from a WSGI app"
    response = client.get("/tuple")
    assert (response.status_code, response.headers["X-Brewed"], response.text) == (418, "no", "teapot")
    assert client.get("/generator").text == "ab"
    with pytest.raises(TypeError, match="returned None"):
        client.get("/nothing")
    with pytest.raises(TypeError, match="but it was a set"):
        client.get("/set")


def test_fastapi_return_values():
    """Without a return annotation anything JSON-able is sent as JSON, tuples and None included."""
    app = FastAPI()

    @app.get("/str")
    async def a_str():
        return "hi"

    @app.get("/tuple")
    async def a_tuple():
        return {"id": 3}, 201  # Flask's idiom: here it is a JSON array, sent with 200

    @app.get("/nothing")
    async def nothing():
        return None

    @app.get("/generator")
    async def a_generator():
        return (part for part in ("a", "b"))  # returned, not yielded: no stream

    with TestClient(app) as client:
        assert client.get("/str").text == '"hi"'
        response = client.get("/generator")
        assert (response.headers["Content-Type"], response.text) == ("application/json", '["a","b"]')
        response = client.get("/tuple")
        assert (response.status_code, response.json()) == (200, [{"id": 3}, 201])
        assert client.get("/nothing").text == "null"


def returns_dict(request):
    return {"user": "ada"}


def returns_str(request):
    return "hi"


def returns_generator(request):
    return (part for part in ("a", "b"))


def returns_none(request):
    return None


def returns_file(request):
    return FileResponse(io.BytesIO(b"id\n1\n"), as_attachment=True, filename="orders.csv")


urlpatterns = [
    path("dict", returns_dict), path("str", returns_str), path("generator", returns_generator), path("none", returns_none),
    path("file", returns_file),
]


def test_django_views_must_return_a_response(settings):
    settings.ROOT_URLCONF = __name__
    client = Client()
    with pytest.raises(AttributeError, match="'dict' object has no attribute"):
        client.get("/dict")
    with pytest.raises(AttributeError, match="'str' object has no attribute"):
        client.get("/str")
    if sys.version_info < (3, 12):  # asyncio still counts a generator as an old-style coroutine
        with pytest.raises(ValueError, match="didn't return an HttpResponse object. It returned an unawaited coroutine"):
            client.get("/generator")
    else:
        with pytest.raises(AttributeError, match="'generator' object has no attribute"):
            client.get("/generator")
    with pytest.raises(ValueError, match="didn't return an HttpResponse object. It returned None instead"):
        client.get("/none")


# --------------------------------------------------------------------------- plain text


def test_plain_text(app, outputs):
    name, client = app
    response = get(client, name, "/text")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert body(response) == "Hello, world\n"
    outputs.check(f"{OUT}/{name}_text.txt", shown(client, f"{name}_text.txt"))


def test_django_content_type_without_charset():
    """Django uses the content_type you pass as it is; it adds no charset."""
    assert HttpResponse("x", content_type="text/plain")["Content-Type"] == "text/plain"
    assert HttpResponse("x")["Content-Type"] == "text/html; charset=utf-8"


# --------------------------------------------------------------------------- JSON

# The same datetime(2025, 3, 14, 9, 26, 53, 589793, tzinfo=UTC) and Decimal("19.99"), as written.
PLACED_AT = {
    "flask": "Fri, 14 Mar 2025 09:26:53 GMT",  # HTTP date, microseconds dropped
    "fastapi": "2025-03-14T09:26:53.589793Z",  # Pydantic: ISO 8601, Z for UTC
    "django": "2025-03-14T09:26:53.589Z",  # DjangoJSONEncoder: milliseconds only
}


def test_order_json(app, outputs):
    name, client = app
    response = get(client, name, "/orders/1")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert json_of(response) == {"id": 1, "ref": ORDER_REF, "placed_at": PLACED_AT[name], "total": "19.99"}
    keys = list(json_of(response))
    # Flask's provider sorts keys; the others keep the order of the dict or the model's fields.
    assert keys == (["id", "placed_at", "ref", "total"] if name == "flask" else ["id", "ref", "placed_at", "total"])
    outputs.check(f"{OUT}/{name}_order.txt", shown(client, f"{name}_order.txt"))


def test_order_list(app):
    name, client = app
    response = get(client, name, "/orders")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert [order["id"] for order in json_of(response)] == [1, 2]
    assert json_of(response)[1]["total"] == "120.00"  # a Decimal keeps its trailing zeros as a string


def test_unknown_order(app):
    name, client = app
    assert get(client, name, "/orders/9").status_code == 404


SAFE = {"GET", "HEAD"}
# The methods each route of the page's apps takes (the page's views and decorators), written out:
# the same for the three, but that FastAPI's GET routes do not answer HEAD, and that
# require_http_methods(["GET", "POST"]) takes those two alone.
FASTAPI_DOCS = {"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}
RESPONSES_ROUTES = {
    "/hello": SAFE, "/text": SAFE, "/account": SAFE, "/countdown": SAFE, "/countdown-async": SAFE,
    "/latest-order": SAFE, "/orders.csv": SAFE, "/shop/orders": SAFE, "/cookie-consent": {"POST"},
    "/orders": SAFE | {"POST"}, "/orders/1": SAFE | {"DELETE"},
}


def test_every_route_refuses_the_methods_it_does_not_take(app):
    """Every route of each app, every method: a method the route does not take gets 405, and the
    safe ones it takes are answered, against the table above (Django's URLconf must list exactly
    its routes; Flask's and FastAPI's apps the same ones, but the async twin of /countdown, which
    only Django has). Only the refused methods and GET/HEAD are sent, so no order is created or
    deleted."""
    from tests.support.methods import assert_takes_only, django_routes

    name, client = app
    assert sorted(django_routes(DJANGO_URLS)) == sorted(RESPONSES_ROUTES)
    routes = {"flask": {rule.rule for rule in flask_app.url_map.iter_rules() if rule.endpoint != "static"},
              "fastapi": {route.path for route in fastapi_app.routes if route.path not in FASTAPI_DOCS}}
    if name in routes:  # every route of the app is in the table, and only those
        shown = {re.sub(r"<(?:int:)?\w+>|\{\w+\}", "1", path) for path in routes[name]}
        only = {"fastapi": {"/customers/1"}}.get(name, set())  # the response-model example: FastAPI's alone
        assert shown == set(RESPONSES_ROUTES) - {"/countdown-async"} | only, shown

    def send(method: str, url: str) -> int:
        response = client.open(url, method=method) if name == "flask" else (
            client.request(method, url) if name == "fastapi" else client.generic(method, url))
        return response.status_code

    for url, takes in RESPONSES_ROUTES.items():
        if name != "django" and url == "/countdown-async":
            continue  # Django's async twin of /countdown
        if name == "fastapi" or (name == "django" and takes - SAFE):
            takes = takes - {"HEAD"}  # FastAPI's GET routes; require_http_methods takes what it lists
        assert_takes_only(send, {url: takes})
    if name == "fastapi":
        assert_takes_only(send, {"/customers/1": {"GET"}})


def test_django_json_response_refuses_a_list():
    with pytest.raises(TypeError, match="set the safe parameter to False"):
        JsonResponse([1, 2])
    assert JsonResponse([1, 2], safe=False).content == b"[1, 2]"


def test_flask_iso_dates(outputs):
    response = flask_iso_app.test_client().get("/orders/1")
    assert response.get_json()["placed_at"] == "2025-03-14T09:26:53.589793+00:00"
    with flask_iso_app.app_context():  # note 1: a date too, not the HTTP date at midnight of the default
        assert flask_iso_app.json.dumps({"d": date(2025, 3, 14)}) == '{"d": "2025-03-14"}'
    with flask_iso_app.app_context(), pytest.raises(TypeError):
        flask_iso_app.json.dumps({1, 2})  # anything else still goes to the default: a set is refused
    assert make_app(drive.OUTPUT_APPS["flask_iso_dates.txt"]) is flask_iso_app  # the app the page's Run sends to
    outputs.check(f"{OUT}/flask_iso_dates.txt", send(flask_iso_app.test_client(), drive.OUTPUTS["flask_iso_dates.txt"][1]))


def test_flask_default_dates():
    with flask_app.app_context():  # a date becomes an HTTP date at midnight too
        assert flask_app.json.dumps({"d": date(2025, 3, 14)}) == '{"d": "Fri, 14 Mar 2025 00:00:00 GMT"}'


def test_fastapi_without_a_response_model():
    """No return annotation: jsonable_encoder. Decimal becomes a float, UTC is +00:00.
    Starlette's JSONResponse on its own cannot encode any of these types."""
    app = FastAPI()

    @app.get("/orders/{order_id}")
    async def untyped(order_id: int):
        return ORDERS[order_id]

    with TestClient(app) as client:
        data = client.get("/orders/1").json()
        second = client.get("/orders/2")
    assert data["total"] == 19.99 and isinstance(data["total"], float)
    assert list(data) == ["id", "ref", "placed_at", "total"]  # the dict's order
    assert data["ref"] == ORDER_REF
    assert data["placed_at"] == "2025-03-14T09:26:53.589793+00:00"
    # Decimal("120.00") has decimal places (exponent -2), so it is a float; `==` would take 120 for 120.0.
    assert '"total":120.0}' in second.text and type(second.json()["total"]) is float
    # Only a Decimal with no decimal places at all (exponent >= 0) becomes an int.
    encoded = jsonable_encoder({"places": Decimal("120.00"), "none": Decimal("120")})
    assert {name: (type(value), value) for name, value in encoded.items()} == {"places": (float, 120.0), "none": (int, 120)}
    with pytest.raises(TypeError, match="Object of type UUID is not JSON serializable"):
        JSONResponse(ORDERS[1])
    assert JSONResponse(jsonable_encoder(ORDERS[1])).status_code == 200


def test_fastapi_json_lines_from_a_generator():
    """FastAPI 0.134+: a path operation that yields streams JSON Lines (one that returns a generator
    sends a JSON array: test_fastapi_return_values)."""
    app = FastAPI()

    @app.get("/orders.jsonl")
    async def orders_jsonl():
        for order_id in ORDERS:
            yield {"id": order_id}

    with TestClient(app) as client:
        response = client.get("/orders.jsonl")
    assert response.headers["Content-Type"] == "application/jsonl"
    assert response.text == '{"id": 1}\n{"id": 2}\n'


# --------------------------------------------------------------------------- status codes


def test_created(app, outputs):
    name, client = app
    response = client.post("/orders")
    assert response.status_code == 201
    assert response.headers["Location"] == "/orders/3"
    assert json_of(response)["id"] == 3
    outputs.check(f"{OUT}/{name}_created.txt", shown(client, f"{name}_created.txt"))


REDIRECT_DEFAULT = {"flask": 302, "fastapi": 307, "django": 302}


def test_urls_keep_the_mount_prefix(app):
    """Behind a proxy that serves the app under /store (SCRIPT_NAME for WSGI, root_path for ASGI),
    the Location of a new order and of each redirect keeps the prefix in all three: Flask's url_for,
    Django's reverse, and FastAPI's request.url_for (app.url_path_for would drop it). Each request
    goes through the app the way a server passes the prefix (Django: its WSGI handler)."""
    import werkzeug.test
    from django.core.handlers.wsgi import WSGIHandler
    from django.urls import get_script_prefix, set_script_prefix

    name, _ = app
    prefix = "/store"
    csrf = {"Cookie": f"csrftoken={CSRF_TOKEN}", "X-CSRFToken": CSRF_TOKEN}  # Django's handler checks CSRF
    if name == "fastapi":
        with TestClient(fastapi_app, root_path=prefix) as client:
            responses = [client.post("/orders"), client.get("/latest-order", follow_redirects=False),
                         client.get("/shop/orders", follow_redirects=False)]
    else:
        client = werkzeug.test.Client(flask_app if name == "flask" else WSGIHandler(), use_cookies=False)
        base_url = f"http://localhost{prefix}"
        before = get_script_prefix()
        try:
            responses = [client.post("/orders", base_url=base_url, headers=csrf), client.get("/latest-order", base_url=base_url),
                         client.get("/shop/orders", base_url=base_url)]
        finally:  # Django's handler sets the prefix for this thread and leaves it: later tests would get /store
            set_script_prefix(before)
    assert [(r.status_code, r.headers.get("Location")) for r in responses] == [
        (201, f"{prefix}/orders/3"), (REDIRECT_DEFAULT[name], f"{prefix}/orders/2"), (301, f"{prefix}/orders")]


def test_no_content(app, outputs):
    name, client = app
    response = client.delete("/orders/1")
    assert response.status_code == 204
    assert body(response) == ""
    assert "Content-Type" in response.headers  # kept, although there is nothing to describe
    outputs.check(f"{OUT}/{name}_no_content.txt", shown(client, f"{name}_no_content.txt"))


def test_fastapi_refuses_a_body_type_on_204():
    app = FastAPI()
    with pytest.raises(AssertionError, match="Status code 204 must not have a response body"):

        @app.delete("/orders/{order_id}", status_code=204)
        async def delete_order(order_id: int) -> dict[str, str]:
            return {}


# --------------------------------------------------------------------------- HTML


def test_html_is_escaped(app, outputs):
    name, client = app
    url = "/hello?name=%3Cb%3EAda%3C%2Fb%3E"  # name=<b>Ada</b>
    response = get(client, name, url)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert body(response) == "<h1>Hello, &lt;b&gt;Ada&lt;/b&gt;!</h1>"
    outputs.check(f"{OUT}/{name}_html.txt", shown(client, f"{name}_html.txt"))


# --------------------------------------------------------------------------- headers


def test_custom_header(app, outputs):
    name, client = app
    response = get(client, name, "/account")
    assert response.headers["Cache-Control"] == "no-store"
    assert json_of(response) == {"user": "ada"}
    outputs.check(f"{OUT}/{name}_headers.txt", shown(client, f"{name}_headers.txt"))


# --------------------------------------------------------------------------- redirects


def test_redirect_defaults(app, outputs):
    name, client = app
    response = get(client, name, "/latest-order")
    assert response.status_code == REDIRECT_DEFAULT[name]
    assert response.headers["Location"] == "/orders/2"
    outputs.check(f"{OUT}/{name}_redirect.txt", shown(client, f"{name}_redirect.txt"))
    moved = get(client, name, "/shop/orders")
    assert moved.status_code == 301
    assert moved.headers["Location"] == "/orders"


def test_redirect_helpers_status_codes():
    from django.shortcuts import redirect as django_redirect

    with flask_app.test_request_context():
        assert flask.redirect("/x").status_code == 302
        assert flask.redirect("/x", code=303).status_code == 303
    assert RedirectResponse("/x").status_code == 307
    assert django_redirect("/x").status_code == 302
    assert django_redirect("/x", permanent=True).status_code == 301
    assert django_redirect("/x", preserve_request=True).status_code == 307  # Django 5.2
    assert django_redirect("/x", permanent=True, preserve_request=True).status_code == 308


def test_307_after_a_post_repeats_the_post():
    """A client follows 307 with the same method and body: a target that only takes GET answers
    405, one that takes POST receives the form a second time. 303 turns it into a GET, without it."""
    app = FastAPI()
    received = []

    @app.post("/orders/form")
    async def submit(status: int = 307) -> RedirectResponse:
        return RedirectResponse("/thanks", status_code=status)

    @app.post("/orders/form-again")
    async def submit_again() -> RedirectResponse:
        return RedirectResponse("/orders/new", status_code=307)

    @app.get("/thanks")
    async def thanks() -> str:
        return "thanks"

    @app.api_route("/orders/new", methods=["GET", "POST"])
    async def new_order(request: Request) -> str:
        received.append((request.method, (await request.body()).decode()))
        return "created"

    form = {"item": "tea", "quantity": "2"}
    with TestClient(app) as client:
        assert client.post("/orders/form", data=form).status_code == 405  # POST /thanks: not allowed
        assert client.post("/orders/form-again", data=form).status_code == 200
        after_303 = client.post("/orders/form?status=303", data=form)
    assert received == [("POST", "item=tea&quantity=2")]  # the order's form, submitted a second time
    assert after_303.status_code == 200
    assert (after_303.request.method, after_303.request.content) == ("GET", b"")


# --------------------------------------------------------------------------- cookies


CSRF_TOKEN = "t" * 32


def set_cookie_header(name: str, client, settings) -> tuple[object, str]:
    """(response, Set-Cookie value) for POST /cookie-consent, as a server sends it.

    Django's test client keeps cookies in `response.cookies`, not in the headers, so the Django
    request goes through Django's ASGI handler, which writes the Set-Cookie header a server sends.
    That path checks CSRF like a server does, so the request carries a token in the csrftoken
    cookie and in the X-CSRFToken header."""
    if name == "django":
        settings.ROOT_URLCONF = DJANGO_URLS
        asgi = TestClient(ASGIHandler(), cookies={"csrftoken": CSRF_TOKEN})
        assert asgi.post("/cookie-consent").status_code == 403  # no token in the header
        response = asgi.post("/cookie-consent", headers={"X-CSRFToken": CSRF_TOKEN})
        return response, response.headers["Set-Cookie"]
    response = client.post("/cookie-consent")
    return response, response.headers["Set-Cookie"]


def test_secure_cookie(app, settings, outputs):
    name, client = app
    response, header = set_cookie_header(name, client, settings)
    assert response.status_code == 204
    attributes = {part.split("=")[0].strip().lower(): part.partition("=")[2] for part in header.split(";")}
    assert attributes["consent"] == "yes"
    assert attributes["max-age"] == "31536000"
    assert attributes["samesite"].lower() == "lax"
    assert attributes["path"] == "/"
    assert {"secure", "httponly"} <= attributes.keys()
    # Flask and Django also send Expires, computed from Max-Age; Starlette sends Max-Age only.
    assert ("expires" in attributes) == (name != "fastapi")
    # The transcript is drive.py's request through the test's client (the page's Run sends the same);
    # for Django the driver writes response.cookies as the Set-Cookie lines, which must be what a server sends.
    transcript = shown(client, f"{name}_cookie.txt")
    assert normalise(f"set-cookie: {header}\n") in normalise(transcript)
    outputs.check(f"{OUT}/{name}_cookie.txt", transcript)


SHOP = "https://shop.example.com"
# What a browser sends with a form post to SHOP, by where the page that posted it lives.
BROWSER_POSTS = {
    "cross-site": {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    "same-site": {"Origin": "https://blog.example.com", "Sec-Fetch-Site": "same-site"},  # a sibling subdomain
    "same-origin": {"Origin": SHOP, "Sec-Fetch-Site": "same-origin"},
    "no header": {},  # curl, or a browser older than 2023
}


@pytest.mark.parametrize("name", ["flask", "fastapi"])
@pytest.mark.parametrize("site", list(BROWSER_POSTS))
def test_cookie_consent_refuses_other_sites(name, site):
    """A form on another site (or a sibling subdomain) may post here, and the browser would store
    the answer's cookie even with SameSite=Lax (a top-level navigation): consent the visitor never
    gave. Flask and FastAPI refuse by Sec-Fetch-Site; Django's CSRF check refuses it in
    test_secure_cookie."""
    headers = {"Content-Type": "application/x-www-form-urlencoded", **BROWSER_POSTS[site]}
    if name == "flask":
        response = flask_app.test_client().post("/cookie-consent", base_url=SHOP, headers=headers, data="")
    else:
        with TestClient(fastapi_app, base_url=SHOP) as client:
            response = client.post("/cookie-consent", headers=headers, content=b"")
    accepted = site in ("same-origin", "no header")
    assert response.status_code == (204 if accepted else 403)
    assert ("consent=yes" in response.headers.get("Set-Cookie", "")) == accepted


# What a browser that sends no Sec-Fetch-Site (Safari before 16.4, any page over plain HTTP) sends
# with a form post to SHOP: Origin is all there is to go by.
OLD_BROWSER_POSTS = {
    "cross-site": ({"Origin": "https://evil.example"}, 403),
    "same-site": ({"Origin": "https://blog.example.com"}, 403),  # a sibling subdomain
    "same host over HTTP": ({"Origin": "http://shop.example.com"}, 403),  # another origin
    "opaque origin": ({"Origin": "null"}, 403),  # a sandboxed frame, a data: URL
    "same-origin": ({"Origin": SHOP}, 204),
    "neither header": ({}, 204),  # curl
}


@pytest.mark.parametrize("name", ["flask", "fastapi"])
@pytest.mark.parametrize("site", list(OLD_BROWSER_POSTS))
def test_cookie_consent_without_sec_fetch_site_goes_by_origin(name, site):
    """Without Sec-Fetch-Site the view compares Origin with its own origin: a browser too old
    for the header still names the page's origin on a cross-origin POST, so the forged consent
    of test_cookie_consent_refuses_other_sites must not get through there either."""
    extra, status = OLD_BROWSER_POSTS[site]
    headers = {"Content-Type": "application/x-www-form-urlencoded", **extra}
    if name == "flask":
        response = flask_app.test_client().post("/cookie-consent", base_url=SHOP, headers=headers, data="")
    else:
        with TestClient(fastapi_app, base_url=SHOP) as client:
            response = client.post("/cookie-consent", headers=headers, content=b"")
    assert response.status_code == status
    assert ("consent=yes" in response.headers.get("Set-Cookie", "")) == (status == 204)


def origins_around(own: str) -> list[str]:
    """Origins a page may send that are close to `own` (scheme://host[:port]) without being it:
    longer (a prefix match lets them through), shorter or ending differently (a suffix match),
    another scheme or port, user information, another case. Browsers send an origin lowercase,
    without a default port, a path or user information, so only `own` itself is this site's page."""
    scheme, _, netloc = own.partition("://")
    host, _, port = netloc.partition(":")
    other_scheme = {"https": "http", "http": "https"}[scheme]
    default_port = {"https": "443", "http": "80"}[scheme]
    return [
        f"{own}.evil.net", f"{own}evil.net", f"{own}-evil.net", f"{own}.", f"{own}/", f"{own}/consent",
        f"{own}@evil.net", f"{own}#", f"{own}?", f"{own}0", f"{own}:", f"{own}:1",
        f"{own[:-1]}", f"x{own}", f"{scheme}://evil{netloc}", f"{scheme}://evil.{netloc}",
        f"{scheme}://{netloc.partition('.')[2]}" if "." in host else f"{scheme}://{host}.net",
        f"{other_scheme}://{netloc}", f"ws://{netloc}", f"wss://{netloc}", f"{scheme.upper()}://{netloc}",
        f"{scheme}://{netloc.upper()}", f"{scheme}://{host.capitalize()}{netloc[len(host):]}", own.upper(),
        f"{scheme}://{host}:{default_port if port else '8443'}", f"{scheme}://user@{netloc}",
        f"{scheme}://{netloc}:@evil.net", f"{scheme}://evil.net@{netloc}", f"{scheme}://evil.net#@{netloc}",
        f"{scheme}://evil.net/{own}", f"{scheme}://evil.net?{own}", "null", "",
    ]


OWN_ORIGINS = ["https://shop.example.com", "https://www.example.com:8443", "http://testserver"]


@pytest.mark.parametrize("name", ["flask", "fastapi", "django"])
def test_cookie_consent_accepts_only_its_own_origin_exactly(name, settings):
    """Without Sec-Fetch-Site, Origin decides: the post is accepted when it names the app's own
    origin, the very string, and refused for every origin around it. A prefix match would let
    `https://www.example.com.evil.net` record consent, a suffix match `https://evilexample.com`.
    Django's view has no check of its own: CsrfViewMiddleware compares Origin with the request's
    origin (here the CSRF token is right, so only Origin decides)."""
    statuses, expected = {}, {}
    for own in OWN_ORIGINS:
        for origin in [own, *origins_around(own)]:
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": origin}
            if name == "flask":
                response = flask_app.test_client().post("/cookie-consent", base_url=own, headers=headers, data="")
            elif name == "fastapi":
                with TestClient(fastapi_app, base_url=own) as client:
                    response = client.post("/cookie-consent", headers=headers, content=b"")
            else:
                settings.ROOT_URLCONF = DJANGO_URLS
                settings.ALLOWED_HOSTS = [urlsplit(own).hostname]
                client = TestClient(ASGIHandler(), base_url=own, cookies={"csrftoken": CSRF_TOKEN})
                response = client.post("/cookie-consent", headers={**headers, "X-CSRFToken": CSRF_TOKEN}, content=b"")
            statuses[own, origin] = response.status_code
            expected[own, origin] = 204 if origin == own else 403
    assert statuses == expected


@pytest.mark.parametrize("name", ["flask", "fastapi"])
def test_cookie_consent_behind_a_tls_proxy_goes_by_the_proxy_headers(name, monkeypatch):
    """Behind a proxy that ends TLS, the app's own origin is what it sees: `https://` only if the
    server or the app believes the proxy's X-Forwarded-Proto. The servers do by default for a proxy
    on the same machine (Gunicorn's and Uvicorn's forwarded_allow_ips), not for one connecting from
    another address (a container, another machine) until they are told (Flask's ProxyFix, Uvicorn's
    list). Until then the Origin fallback refuses the site's own page in a browser without
    Sec-Fetch-Site. Once the proxy is trusted, another site's page is still refused (a fix that lets
    any HTTPS request through would get the first three right). The host half of the origin is the
    Host header: nginx's proxy_pass sends the upstream's address there (Host: $proxy_host) unless
    the location sets `proxy_set_header Host $host`, and the site's own page is refused again."""
    import werkzeug.test
    from gunicorn.config import Config
    from gunicorn.http.parser import RequestParser
    from uvicorn import Config as UvicornConfig
    from werkzeug.middleware.proxy_fix import ProxyFix

    statuses = {}
    # The proxy on the same machine, then in another container; the server as it starts by
    # default, then with the app (ProxyFix) or the server (the proxy's address) told to trust it;
    # last, another site's page through the trusted proxy.
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)  # each server's own default
    monkeypatch.delenv("GUNICORN_CMD_ARGS", raising=False)
    upstream = "127.0.0.1:8000"  # proxy_pass http://127.0.0.1:8000; without proxy_set_header Host $host
    for peer, trusted, origin, host in (
        ("127.0.0.1", False, SHOP, "shop.example.com"), ("::1", False, SHOP, "shop.example.com"),
        ("10.0.0.2", False, SHOP, "shop.example.com"), ("10.0.0.2", True, SHOP, "shop.example.com"),
        ("10.0.0.2", True, "https://evil.example", "shop.example.com"), ("127.0.0.1", False, SHOP, upstream),
    ):
        raw = f"POST /cookie-consent HTTP/1.1\r\nHost: {host}\r\nX-Forwarded-Proto: https\r\n\r\n".encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": origin, "X-Forwarded-Proto": "https"}
        if name == "flask":
            # The scheme Gunicorn hands the app (wsgi.url_scheme), with its default settings.
            scheme = next(RequestParser(Config(), iter([raw]), (peer, 50000))).scheme
            wsgi = ProxyFix(flask_app.wsgi_app, x_proto=1) if trusted else flask_app.wsgi_app
            client = werkzeug.test.Client(wsgi)
            response = client.post("/cookie-consent", base_url=f"{scheme}://{host}", headers=headers, data="")
        else:
            # What Uvicorn wraps the app in with its default --forwarded-allow-ips, or with the proxy's.
            config = UvicornConfig(fastapi_app, forwarded_allow_ips=peer if trusted else None)
            config.load()
            inner = config.loaded_app

            async def app(scope, receive, send, inner=inner, peer=peer):
                await inner({**scope, "client": (peer, 50000)}, receive, send)

            with TestClient(app, base_url=f"http://{host}") as client:
                response = client.post("/cookie-consent", headers=headers, content=b"")
        statuses[peer, trusted, origin, host] = response.status_code
    site = "shop.example.com"
    assert statuses == {("127.0.0.1", False, SHOP, site): 204, ("::1", False, SHOP, site): 204,
                        ("10.0.0.2", False, SHOP, site): 403, ("10.0.0.2", True, SHOP, site): 204,
                        ("10.0.0.2", True, "https://evil.example", site): 403, ("127.0.0.1", False, SHOP, upstream): 403}


def test_set_cookie_defaults():
    """What set_cookie("theme", "dark") sends when you pass no flags."""
    flask_response = flask.Response()
    flask_response.set_cookie("theme", "dark")
    starlette_response = JSONResponse({})
    starlette_response.set_cookie("theme", "dark")
    django_response = HttpResponse()
    django_response.set_cookie("theme", "dark")
    assert flask_response.headers["Set-Cookie"] == "theme=dark; Path=/"
    assert starlette_response.headers["Set-Cookie"] == "theme=dark; Path=/; SameSite=lax"
    assert django_response.cookies["theme"].OutputString() == "theme=dark; Path=/"


def test_session_and_csrf_cookie_defaults():
    config = flask.Flask.default_config
    flask_session = (config["SESSION_COOKIE_SECURE"], config["SESSION_COOKIE_HTTPONLY"], config["SESSION_COOKIE_SAMESITE"])
    assert flask_session == (False, True, None)
    params = inspect.signature(SessionMiddleware.__init__).parameters
    assert (params["https_only"].default, params["same_site"].default) == (False, "lax")
    assert not any("httponly" in name.lower() for name in params)  # no option to turn it off...
    session_app = FastAPI()
    session_app.add_middleware(SessionMiddleware, secret_key="test-only")

    @session_app.get("/login")
    async def login(request: Request):
        request.session["user"] = "ada"

    with TestClient(session_app) as client:
        header = client.get("/login").headers["Set-Cookie"]
    assert "httponly" in {part.strip().lower() for part in header.split(";")}  # ...and it is always on
    g = global_settings
    assert (g.SESSION_COOKIE_SECURE, g.SESSION_COOKIE_HTTPONLY, g.SESSION_COOKIE_SAMESITE) == (False, True, "Lax")
    assert (g.CSRF_COOKIE_SECURE, g.CSRF_COOKIE_HTTPONLY, g.CSRF_COOKIE_SAMESITE) == (False, False, "Lax")


def test_flask_session_cookie_flags():
    app = flask.Flask(__name__)
    app.config.update(SECRET_KEY="test-only", SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE="Lax")

    @app.get("/login")
    def login():
        flask.session["user"] = "ada"
        return "ok"

    header = app.test_client().get("/login").headers["Set-Cookie"]
    assert {"Secure", "HttpOnly", "SameSite=Lax"} <= {part.strip() for part in header.split(";")}


def test_django_check_deploy_flags_insecure_cookies(settings):
    from django.core import checks

    ids = {m.id for m in checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])}
    assert {"security.W012", "security.W016"} <= ids  # SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    ids = {m.id for m in checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])}
    assert not {"security.W012", "security.W016"} & ids


def test_starlette_session_cookie_flags():
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    async def login(request):
        request.session["user"] = "ada"
        return PlainTextResponse("ok")

    app = Starlette(routes=[Route("/login", login)])
    app.add_middleware(SessionMiddleware, secret_key="test-only", https_only=True)
    with TestClient(app) as client:
        cookie = SimpleCookie(client.get("/login").headers["Set-Cookie"])["session"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "lax"


# --------------------------------------------------------------------------- streaming


def test_streaming(app, outputs):
    name, client = app
    response = get(client, name, "/countdown?start=3")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "Content-Length" not in response.headers  # the length is not known in advance
    if name == "flask":
        assert response.is_streamed
    if name == "django":
        assert response.streaming
    transcript = shown(client, f"{name}_streaming.txt")  # the same request again: a stream is read once
    assert transcript.endswith("\n\n3\n2\n1\nliftoff\n")
    outputs.check(f"{OUT}/{name}_streaming.txt", transcript)


def test_streaming_defaults(app):
    name, client = app
    assert body(get(client, name, "/countdown")) == "3\n2\n1\nliftoff\n"
    bad = get(client, name, "/countdown?start=two")
    if name == "fastapi":
        assert bad.status_code == 422
    else:  # Flask's type=int and Django's start_from() fall back to the default
        assert body(bad) == "3\n2\n1\nliftoff\n"


@pytest.mark.parametrize("start", ["11", "9" * 5000])  # a missing cap fails fast, not after 10**9 lines
def test_streaming_start_is_capped(app, start):
    # The client chooses the length of the stream: each view caps it at 10 lines.
    name, client = app
    response = get(client, name, f"/countdown?start={start}")
    if name == "fastapi":
        assert response.status_code == 422  # Query(le=10)
    else:  # Flask and Django cap it; int() refuses 5000 digits, so that is the default
        expected = 3 if len(start) > 4300 else 10
        assert body(response) == "".join(f"{n}\n" for n in range(expected, 0, -1)) + "liftoff\n"


def test_flask_generator_needs_the_request_context():
    app = flask.Flask(__name__)

    @app.get("/countdown")
    def countdown():
        def lines():
            yield flask.request.args.get("start", "3")

        return lines(), {"Content-Type": "text/plain"}

    with pytest.raises(RuntimeError, match="Working outside of request context"):
        app.test_client().get("/countdown")


def test_starlette_streams_a_sync_iterator():
    """StreamingResponse also takes a plain iterator (it runs it in a thread pool): no warning."""
    app = FastAPI()

    @app.get("/lines")
    async def lines() -> StreamingResponse:
        return StreamingResponse(iter(["a\n", "b\n"]), media_type="text/plain")

    with TestClient(app) as client:
        assert client.get("/lines").text == "a\nb\n"


def test_django_file_response_under_asgi(settings):
    """FileResponse is a StreamingHttpResponse over a sync iterator: the same warning under ASGI."""
    settings.ROOT_URLCONF = __name__
    with pytest.warns(Warning, match="must consume synchronous iterators"):
        response = TestClient(ASGIHandler()).get("/file")
    assert response.headers["Content-Disposition"] == 'attachment; filename="orders.csv"'


def test_django_streaming_under_asgi(settings):
    """Under ASGI a sync iterator is consumed in full, with a warning, before anything is sent;
    an async iterator streams. Under WSGI it is the other way round."""
    settings.ROOT_URLCONF = DJANGO_URLS
    asgi = TestClient(ASGIHandler())  # no `with`: Django's handler has no lifespan support
    with pytest.warns(Warning, match="must consume synchronous iterators"):
        response = asgi.get("/countdown")
    assert response.text == "3\n2\n1\nliftoff\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert asgi.get("/countdown-async?start=2").text == "2\n1\nliftoff\n"
    wsgi_response = Client().get("/countdown-async")
    with pytest.warns(Warning, match="must consume asynchronous iterators"):
        assert b"".join(wsgi_response) == b"3\n2\n1\nliftoff\n"


# --------------------------------------------------------------------------- downloads


def test_download(app, outputs):
    name, client = app
    response = get(client, name, "/orders.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    # Werkzeug quotes the file name only when it has to; both forms mean the same.
    assert disposition in ('attachment; filename="orders.csv"', "attachment; filename=orders.csv")
    assert body(response).splitlines()[0] == "id,placed_at,total"
    outputs.check(f"{OUT}/{name}_download.txt", shown(client, f"{name}_download.txt"))


# --------------------------------------------------------------------------- older examples


def test_what_older_examples_get_wrong():
    with flask_app.test_request_context():
        response = flask.jsonify({"user": "ada"})
        assert flask.make_response(response) is response  # make_response(jsonify(...)) adds nothing
        with pytest.raises(TypeError, match="attachment_filename"):  # renamed download_name in 2.0
            flask.send_file(io.BytesIO(b"x"), mimetype="text/csv", as_attachment=True, attachment_filename="a.csv")
    assert not hasattr(flask.json, "JSONEncoder")  # app.json_encoder: removed in Flask 2.3
    assert not hasattr(flask, "escape") and not hasattr(flask, "Markup")  # removed in Flask 3.0
    assert "deprecated" in ORJSONResponse.__deprecated__
    assert "deprecated" in UJSONResponse.__deprecated__
    with pytest.raises(TypeError, match="not JSON serializable"):
        json.dumps(ORDERS[1])  # HttpResponse(json.dumps(...)) instead of JsonResponse


def test_download_name_helpers(tmp_path):
    """Helpers that build Content-Disposition, with an encoded filename* for non-ASCII names."""
    from django.utils.http import content_disposition_header
    from starlette.responses import FileResponse as StarletteFileResponse

    name = "Bestellungen-ü.csv"
    with flask_app.test_request_context():
        sent = flask.send_file(io.BytesIO(b"x"), mimetype="text/csv", as_attachment=True, download_name=name)
        assert sent.headers["Content-Disposition"] == (
            "attachment; filename=Bestellungen-u.csv; filename*=UTF-8''Bestellungen-%C3%BC.csv"
        )
    csv_file = tmp_path / "orders.csv"
    csv_file.write_text("id\n")
    starlette = StarletteFileResponse(csv_file, filename=name)
    assert starlette.headers["Content-Disposition"] == "attachment; filename*=utf-8''Bestellungen-%C3%BC.csv"
    assert content_disposition_header(True, name) == "attachment; filename*=utf-8''Bestellungen-%C3%BC.csv"


def test_the_exercise_notes_file_responses(tmp_path):
    """The exercise's solution notes: for a file on disk, Starlette's FileResponse(path, filename=...)
    sets the disposition (and a text type's charset); Django's FileResponse(..., as_attachment=True,
    filename=...) sets the disposition but guesses the type without a charset, so the note passes
    content_type too."""
    from starlette.responses import FileResponse as StarletteFileResponse

    report = tmp_path / "report.csv"
    report.write_text("id,title\r\n4,Café Python\r\n", encoding="utf-8")
    starlette = StarletteFileResponse(report, filename="report.csv")
    assert starlette.headers["Content-Disposition"] == 'attachment; filename="report.csv"'
    assert starlette.headers["Content-Type"] == "text/csv; charset=utf-8"
    with report.open("rb") as file:
        guessed = FileResponse(file, as_attachment=True, filename="report.csv")
        assert guessed["Content-Disposition"] == 'attachment; filename="report.csv"'
        assert guessed["Content-Type"] == "text/csv"  # no charset: a browser may read é wrongly
    with report.open("rb") as file:
        told = FileResponse(file, as_attachment=True, filename="report.csv", content_type="text/csv; charset=utf-8")
        assert told["Content-Type"] == "text/csv; charset=utf-8"
