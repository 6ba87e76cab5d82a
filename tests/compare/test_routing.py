"""Routing: every route the page shows, through each framework's own test client.

Each assertion is a claim the page makes; each `outputs.check` is a transcript the page shows,
of the request snippets/compare/routing/drive.py declares for it (the page's Run button sends the
same request in the browser: tests/browser/test_run.py).
"""

from __future__ import annotations

import asyncio

import httpx2
import pytest
from django.test import Client
from fastapi.testclient import TestClient

from compare.routing.fastapi_app import app as fastapi_app
from compare.routing.drive import REQUESTS
from compare.routing.flask_app import app as flask_app
from guide_tools.runtime.drive import send
from tests.support import django_snippets
from tests.support.nesting import depths_near_the_limit, nested
from tests.support.services import python_env, run_server
from guide_tools.website.content import SNIPPETS
from tests.support.responses import body, json_of
from tests.support.shell import shown_commands

OUT = "compare/routing/out"
DJANGO_URLS = "compare.routing.django_app.urls"
DJANGO_SETTINGS = "compare.routing.django_app.settings"  # applied to the Django tests: the settings the page shows


@pytest.fixture(scope="module")
def flask_client():
    return flask_app.test_client()


@pytest.fixture(scope="module")
def fastapi_client():
    with TestClient(fastapi_app) as client:
        yield client


@pytest.fixture
def django_client(settings):
    django_snippets.apply(settings, DJANGO_SETTINGS)  # ROOT_URLCONF, MIDDLEWARE, TEMPLATES: as shown
    return Client()


def get(client, framework: str, path: str, **kwargs):
    """GET through any of the three clients (Flask's and httpx's take follow_redirects)."""
    if framework == "django":
        return client.get(path, **kwargs)
    return client.get(path, follow_redirects=False, **kwargs)


@pytest.fixture(params=["flask", "fastapi", "django"])
def app(request):
    """(framework name, client) for tests that make the same claim of all three."""
    name = request.param
    return name, request.getfixturevalue(f"{name}_client")


# --------------------------------------------------------------------------- static routes


def test_static_route(app, outputs):
    name, client = app
    response = get(client, name, "/")
    assert response.status_code == 200
    # FastAPI serializes the returned str as JSON; Flask and Django send it as text.
    expected = '"Home page"' if name == "fastapi" else "Home page"
    assert body(response) == expected
    outputs.check(f"{OUT}/{name}_static.txt", send(client, REQUESTS["static"]))


# --------------------------------------------------------------------------- converters


@pytest.mark.parametrize(("path", "text"), [
    ("/users/ada", "User ada"),
    ("/files/docs/2024/report.pdf", "File docs/2024/report.pdf"),  # path converters keep slashes
])
def test_converters(app, path, text):
    name, client = app
    response = get(client, name, path)
    assert response.status_code == 200
    assert body(response) == (f'"{text}"' if name == "fastapi" else text)


@pytest.mark.parametrize("path", [
    "/users/%3Cimg%20src=x%20onerror=alert(1)%3E",
    "/files/a/%3Cimg%20src=x%20onerror=alert(1)%3E",
])
def test_converter_text_is_escaped(app, path):
    """The page: a string built from the URL and sent as HTML must be escaped (reflected XSS)."""
    name, client = app
    response = get(client, name, path)
    assert response.status_code == 200
    text = body(response)
    if response.headers["Content-Type"].startswith("text/html"):
        assert "<img" not in text
        assert "&lt;img src=x onerror=alert(1)&gt;" in text
    else:  # FastAPI: a JSON string, which a browser does not render as HTML
        assert name == "fastapi" and response.headers["Content-Type"] == "application/json"


def test_path_converter_passes_dot_dot_through(app):
    """The page: a `path` converter does not stop `..`. Browsers, curl and httpx remove a literal
    `/../` before sending (test_a_literal_dot_dot_reaches_the_route: not every client does), but an encoded `%2e%2e` or `..%2F` reaches the
    route and the function gets `../../etc/passwd` in all three frameworks."""
    name, client = app
    for path in ("/files/%2e%2e/%2e%2e/etc/passwd", "/files/..%2F..%2Fetc/passwd"):
        response = get(client, name, path)
        assert response.status_code == 200, path
        assert body(response) == ('"File ../../etc/passwd"' if name == "fastapi" else "File ../../etc/passwd")


def asgi_get_raw(app, raw_path: str) -> tuple[int, bytes]:
    """GET `raw_path` through the ASGI app exactly as a server hands it over: httpx (and so
    TestClient) removes dot segments from the URL before sending, as browsers and curl do."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": raw_path, "raw_path": raw_path.encode(), "query_string": b"",
        "root_path": "", "headers": [(b"host", b"testserver")], "server": ("testserver", 80),
        "client": ("127.0.0.1", 1234),
    }
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send_message(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send_message))
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def test_a_literal_dot_dot_reaches_the_route(app):
    """The page: only browsers and curl remove a literal `/../`; a client that sends
    `/files/../../etc/passwd` as it is (`curl --path-as-is`, a raw socket) reaches the route, and
    none of the three frameworks removes the dot segments: the function gets `../../etc/passwd`.
    Flask's and Django's test clients send the path as given; httpx would normalise it, so the
    FastAPI request goes to the ASGI app directly, as uvicorn passes it."""
    name, client = app
    raw = "/files/../../etc/passwd"
    if name == "fastapi":
        status, content = asgi_get_raw(fastapi_app, raw)
        assert (status, content) == (200, b'"File ../../etc/passwd"')
    else:
        response = get(client, name, raw)
        assert response.status_code == 200
        assert body(response) == "File ../../etc/passwd"
    # The client side of the claim: httpx, like browsers and curl, removes them before sending.
    assert httpx2.URL(f"http://testserver{raw}").raw_path == b"/etc/passwd"


def test_page_numbers_are_not_bounded(app):
    """The page: `page` is bounded only where the code says so. FastAPI's `ge=1` refuses a
    negative page; nothing refuses a huge one."""
    name, client = app
    negative = get(client, name, "/search?page=-5")
    assert negative.status_code == (422 if name == "fastapi" else 200)
    if name != "fastapi":
        assert json_of(negative)["page"] == -5
    huge = get(client, name, "/search?page=" + "9" * 30)
    assert huge.status_code == 200
    assert json_of(huge)["page"] == int("9" * 30)


def test_str_converter_stops_at_slash(app):
    name, client = app
    assert get(client, name, "/users/ada/extra").status_code == 404


def test_int_parameter(app, outputs):
    name, client = app
    response = get(client, name, "/blog/7")
    assert response.status_code == 200
    assert json_of(response) == {"post_id": 7}  # an int, not the string "7"
    outputs.check(f"{OUT}/{name}_int_param.txt", send(client, REQUESTS["int_param"]))


# --------------------------------------------------------------------------- wrong type, unknown path, wrong method


def test_wrong_parameter_type(app, outputs):
    name, client = app
    response = get(client, name, "/blog/abc")
    # Flask and Django converters do not match "abc", so no route matches: 404.
    # FastAPI matches the route, then validation of post_id fails: 422 with the reason.
    assert response.status_code == (422 if name == "fastapi" else 404)
    if name == "fastapi":
        [error] = response.json()["detail"]
        assert error["loc"] == ["path", "post_id"]
        assert error["type"] == "int_parsing"
    outputs.check(f"{OUT}/{name}_wrong_type.txt", send(client, REQUESTS["wrong_type"]))


def test_unknown_path(app, outputs):
    name, client = app
    response = get(client, name, "/nowhere")
    assert response.status_code == 404
    outputs.check(f"{OUT}/{name}_unknown_path.txt", send(client, REQUESTS["unknown_path"]))


def test_wrong_method(app, outputs):
    name, client = app
    response = client.delete("/items")
    assert response.status_code == 405
    allowed = {m.strip() for m in response.headers["Allow"].split(",")}
    # Flask adds HEAD and OPTIONS to every GET route. Django lists the methods the view allows.
    # FastAPI's GET and POST are two routes; Starlette's Allow names only the first one that
    # matched the path, so it says GET although POST /items exists.
    assert allowed == {"flask": {"GET", "HEAD", "OPTIONS", "POST"}, "fastapi": {"GET"}, "django": {"GET", "POST"}}[name]
    outputs.check(f"{OUT}/{name}_wrong_method.txt", send(client, REQUESTS["wrong_method"]))


# --------------------------------------------------------------------------- query strings


def test_query_parameters(app):
    name, client = app
    response = get(client, name, "/search?q=routing&page=2")
    assert response.status_code == 200
    assert json_of(response) == {"q": "routing", "page": 2}
    assert json_of(get(client, name, "/search")) == {"q": "", "page": 1}  # defaults


def test_bad_query_value(app, outputs):
    name, client = app
    response = get(client, name, "/search?page=two")
    # Flask's `type=int` swallows the error and returns the default; FastAPI answers 422;
    # the Django view converts by hand and answers 400.
    assert response.status_code == {"flask": 200, "fastapi": 422, "django": 400}[name]
    if name == "flask":
        assert json_of(response) == {"q": "", "page": 1}
    outputs.check(f"{OUT}/{name}_bad_query.txt", send(client, REQUESTS["bad_query"]))


def test_fastapi_query_constraint(fastapi_client):
    response = fastapi_client.get("/search?page=0")
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "greater_than_equal"


# --------------------------------------------------------------------------- methods


def test_get_and_post_on_one_url(app):
    name, client = app
    assert json_of(get(client, name, "/items")) == {"items": []}
    if name == "django":
        response = client.post("/items", data={"name": "pen"}, content_type="application/json")
    else:
        response = client.post("/items", json={"name": "pen"})
    assert response.status_code == 201
    assert json_of(response) == {"created": {"name": "pen"}}
    # A malformed body is the client's mistake: 400 (Flask, Django) or 422 (FastAPI), never a 500.
    if name == "fastapi":
        malformed = client.post("/items", content="{not json", headers={"Content-Type": "application/json"})
    else:
        malformed = client.post("/items", data="{not json", content_type="application/json")
    assert malformed.status_code == {"flask": 400, "fastapi": 422, "django": 400}[name]


def test_json_nested_too_deeply(app, caplog):
    """100 000 `[` make the json module raise RecursionError, not a ValueError: Django's view catches
    both and FastAPI answers 400 by itself; Flask's get_json() lets it through as a 500 (the JSON
    provider on the JSON bodies page turns it into a 400)."""
    name, client = app
    body = "[" * 100_000
    if name == "fastapi":
        response = client.post("/items", content=body, headers={"Content-Type": "application/json"})
    else:
        response = client.post("/items", data=body, content_type="application/json")
    assert response.status_code == {"flask": 500, "fastapi": 400, "django": 400}[name]
    if name == "flask":
        assert "RecursionError" in caplog.text


@pytest.mark.parametrize("name", ["fastapi", "django"])
def test_json_nested_just_under_the_parsers_limit(name, settings):
    """What the parser still accepts is the dangerous case, not 100 000 levels: FastAPI echoing an
    Any body failed to serialize it from 255 levels, its default 422 handler failed to encode a
    nested `input` near the limit, and Django's JsonResponse outside the try raised RecursionError
    just under it. Small depths, 255, 300 and the 60 just under the limit are a 201, 400 or 422."""
    if name == "fastapi":
        client = TestClient(fastapi_app, raise_server_exceptions=False)

        def post(body):
            return client.post("/items", content=body, headers={"Content-Type": "application/json"})

        shapes = {"an extra field": '{"name": "pen", "extra": ', "the name": '{"name": '}
    else:
        django_snippets.apply(settings, DJANGO_SETTINGS)
        client = Client(raise_request_exception=False)

        def post(body):
            return client.post("/items", data=body, content_type="application/json")

        shapes = {"a field": '{"a": '}
    for shape, head in shapes.items():
        statuses = depths_near_the_limit(lambda depth: post(nested(head, depth)).status_code)
        assert set(statuses.values()) <= {201, 400, 422}, (shape, {d: c for d, c in statuses.items() if c == 500})


@pytest.mark.parametrize("name", ["fastapi", "django"])  # Flask's fix is on the JSON bodies page
def test_nan_is_not_json(name, request):
    """Python's json module reads NaN and Infinity, which JSON does not have, and a number too large
    for a float (1e999) as inf; echoed back, the response would not be JSON either."""
    client = request.getfixturevalue(f"{name}_client")
    for body in ('{"name": NaN}', '{"name": Infinity}', '{"name": 1e999}', '{"name": -1e400}'):
        if name == "fastapi":
            response = client.post("/items", content=body, headers={"Content-Type": "application/json"})
        else:
            response = client.post("/items", data=body, content_type="application/json")
        assert response.status_code == {"fastapi": 422, "django": 400}[name]
    if name == "django":  # a float that fits is kept (a parse_float that refused every float passed the above)
        kept = client.post("/items", data='{"name": "pen", "price": 2.5, "weight": 1e300}', content_type="application/json")
        assert (kept.status_code, kept.json()) == (201, {"created": {"name": "pen", "price": 2.5, "weight": 1e300}})


def test_django_post_needs_csrf_token(settings):
    """Django's test Client skips CSRF checks; a real browser POST without a token is refused."""
    django_snippets.apply(settings, DJANGO_SETTINGS)  # ROOT_URLCONF, MIDDLEWARE, TEMPLATES: as shown
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/items", data={"name": "pen"}, content_type="application/json")
    assert response.status_code == 403


def test_head_on_get_routes(flask_client, fastapi_client, django_client):
    assert flask_client.head("/").status_code == 200
    assert django_client.head("/").status_code == 200  # require_safe = GET and HEAD
    assert fastapi_client.head("/").status_code == 405  # FastAPI: only the methods you declare


# --------------------------------------------------------------------------- several URLs, one view


def test_two_urls_one_view(app):
    name, client = app
    first, second = get(client, name, "/about"), get(client, name, "/about-us")
    assert first.status_code == second.status_code == 200
    assert body(first) == body(second)


# --------------------------------------------------------------------------- trailing slash


def test_missing_trailing_slash_redirects(app, outputs):
    name, client = app
    response = get(client, name, "/guide")
    # Flask: 308 and Starlette: 307 tell the client to repeat the same method and body;
    # Django's CommonMiddleware (APPEND_SLASH): 301, which clients follow with a GET.
    assert response.status_code == {"flask": 308, "fastapi": 307, "django": 301}[name]
    # Werkzeug and Starlette send an absolute URL built from the request's host; Django a path.
    assert response.headers["Location"] == {
        "flask": "http://localhost/guide/", "fastapi": "http://testserver/guide/", "django": "/guide/",
    }[name]
    outputs.check(f"{OUT}/{name}_trailing_slash.txt", send(client, REQUESTS["trailing_slash"]))
    final = get(client, name, "/guide/")
    assert final.status_code == 200
    assert body(final) == ('"Guide"' if name == "fastapi" else "Guide")


def test_absolute_redirects_trust_the_host_header(app, monkeypatch):
    """The page: Flask and Starlette build the absolute `Location` of the slash redirect (and
    `url_for(..., _external=True)`, `request.url_for()`) from the request's `Host` header, which
    the client chooses. Django refuses a host outside ALLOWED_HOSTS with 400; Flask's
    TRUSTED_HOSTS and Starlette's TrustedHostMiddleware do the same when you add them."""
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    name, client = app
    response = get(client, name, "/guide", headers={"Host": "evil.example"})
    if name == "django":
        assert response.status_code == 400  # DisallowedHost, before any view or redirect
        return
    assert response.status_code in (307, 308)
    assert response.headers["Location"] == "http://evil.example/guide/"
    if name == "flask":
        monkeypatch.setitem(flask_app.config, "TRUSTED_HOSTS", ["localhost", "example.com"])
        refused = get(client, name, "/guide", headers={"Host": "evil.example"})
    else:
        guarded = TestClient(TrustedHostMiddleware(fastapi_app, allowed_hosts=["testserver", "example.com"]))
        refused = guarded.get("/guide", headers={"Host": "evil.example"}, follow_redirects=False)
        assert guarded.get("/guide", follow_redirects=False).status_code == 307  # a known host still works
    assert refused.status_code == 400


def test_extra_trailing_slash(app):
    name, client = app
    response = get(client, name, "/about/")  # declared without a slash
    assert response.status_code == {"flask": 404, "fastapi": 307, "django": 404}[name]
    if name == "fastapi":
        assert response.headers["Location"] == "http://testserver/about"


def test_django_append_slash_and_post(django_client, settings):
    """A POST to /guide cannot be redirected without losing its body: with DEBUG on Django
    raises to tell you; with DEBUG off it still answers 301, and the client retries with GET."""
    assert django_client.post("/guide").status_code == 301
    settings.DEBUG = True
    for method in ("post", "put", "patch", "delete"):
        with pytest.raises(RuntimeError, match="APPEND_SLASH"):
            getattr(django_client, method)("/guide")
    assert django_client.get("/guide").status_code == 301  # GET is still redirected


# --------------------------------------------------------------------------- modules and reverse URLs


def test_module_routes_and_reverse(app, outputs):
    name, client = app
    response = get(client, name, "/blog/")
    assert response.status_code == 200
    assert json_of(response) == {"posts": ["/blog/1", "/blog/2"]}
    outputs.check(f"{OUT}/{name}_reverse.txt", send(client, REQUESTS["reverse"]))


def journal_client(name: str, settings):
    """A client of an app that mounts the page's blog module under /journal instead of /blog."""
    if name == "flask":
        from flask import Flask

        from compare.routing.flask_blog import blog
        app = Flask(__name__)
        app.register_blueprint(blog, url_prefix="/journal")
        return app.test_client()
    if name == "fastapi":
        from fastapi import FastAPI

        from compare.routing.fastapi_blog import router
        app = FastAPI()
        app.include_router(router, prefix="/journal")
        return TestClient(app)
    from types import ModuleType

    from django.urls import include, path
    django_snippets.apply(settings, DJANGO_SETTINGS)
    urlconf = ModuleType("journal_urls")
    urlconf.urlpatterns = [path("journal/", include("compare.routing.django_app.blog.urls"))]
    settings.ROOT_URLCONF = urlconf
    return Client()


@pytest.mark.parametrize("name", ["flask", "fastapi", "django"])
def test_the_blog_links_follow_the_prefix_it_is_mounted_under(name, settings):
    """"Hard-coded paths break when a prefix changes": mounted elsewhere, every link the blog
    builds names the new prefix and leads to its post."""
    client = journal_client(name, settings)
    response = get(client, name, "/journal/")
    assert response.status_code == 200
    links = json_of(response)["posts"]
    assert links == ["/journal/1", "/journal/2"]
    for n, link in enumerate(links, start=1):
        post = get(client, name, link)
        assert post.status_code == 200 and json_of(post) == {"post_id": n}


def test_reverse_outside_a_request():
    from django.test import override_settings
    from django.urls import NoReverseMatch, reverse
    from starlette.requests import Request
    from starlette.routing import NoMatchFound

    from flask import url_for

    with flask_app.app_context(), pytest.raises(RuntimeError, match="SERVER_NAME"):
        url_for("blog.post_detail", post_id=3)  # an app context alone is not enough
    with flask_app.test_request_context():
        assert url_for("blog.post_detail", post_id=3) == "/blog/3"
        assert url_for("search", q="orm", page=2) == "/search?q=orm&page=2"
    assert fastapi_app.url_path_for("post_detail", post_id=3) == "/blog/3"
    scope = {"type": "http", "app": fastapi_app, "router": fastapi_app.router, "scheme": "http",
             "server": ("testserver", 80), "path": "/", "root_path": "", "query_string": b"",
             "headers": [(b"host", b"testserver")]}
    absolute = Request(scope).url_for("post_detail", post_id=3)
    assert str(absolute) == "http://testserver/blog/3" and absolute.path == "/blog/3"
    with pytest.raises(NoMatchFound):  # extra arguments are an error, not a query string
        fastapi_app.url_path_for("post_detail", post_id=3, page=2)
    with override_settings(ROOT_URLCONF=DJANGO_URLS):
        assert reverse("blog:post_detail", args=[3]) == "/blog/3"
        assert reverse("about-us") == "/about-us"
        with pytest.raises(NoReverseMatch):
            reverse("blog:post_detail", kwargs={"post_id": 3, "page": 2})


# --------------------------------------------------------------------------- run it yourself


def run_commands() -> dict[str, str]:
    """The three commands of snippets/compare/routing/run.sh, by section name."""
    return shown_commands(SNIPPETS / "compare/routing/run.sh")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["flask", "fastapi", "django"])
def test_run_command_serves_the_app(name):
    command = run_commands()[name]
    with run_server(command, cwd=SNIPPETS, env=python_env()) as server:
        response = httpx2.get(f"{server.url}/blog/7", timeout=10)
    assert response.status_code == 200
    assert response.json() == {"post_id": 7}


def test_every_django_route_refuses_the_methods_its_view_does_not_take(django_client):
    """A Django view answers every method unless restricted (the page's note): each shown view is,
    with `require_safe` (GET and HEAD) or `require_http_methods(["GET", "POST"])`. Every route."""
    from tests.support.methods import assert_takes_only, django_routes

    safe = {"GET", "HEAD"}
    takes = {"/": safe, "/users/1": safe, "/files/1": safe, "/search": safe, "/items": {"GET", "POST"},
             "/about": safe, "/about-us": safe, "/guide/": safe, "/blog/": safe, "/blog/1": safe}
    assert sorted(django_routes(DJANGO_URLS)) == sorted(takes)
    assert_takes_only(lambda method, path: django_client.generic(method, path).status_code, takes)
