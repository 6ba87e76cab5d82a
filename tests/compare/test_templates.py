"""Templates: every page the chapter shows, rendered through each framework's own test client.

Each assertion is a claim the page makes; each `outputs.check` is a transcript the page shows.
"""

from __future__ import annotations

import re

import httpx2
import jinja2
import pytest
from django.template import TemplateSyntaxError, engines
from django.template.backends.django import DjangoTemplates
from django.test import Client, override_settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from fastapi.testclient import TestClient
from markupsafe import Markup
from starlette.requests import Request
from starlette.templating import Jinja2Templates

import flask
from compare.templates.fastapi_app import app as fastapi_app
from compare.templates.fastapi_app import templates as fastapi_templates
from compare.templates import drive as driver
from compare.templates.drive import REQUESTS
from compare.templates.flask_app import app as flask_app
from guide_tools.runtime.drive import converse
from guide_tools.runtime.drive import send as drive_send
from guide_tools.website.content import SNIPPETS
from tests.support import django_snippets
from tests.support.services import python_env, run_server
from tests.support.responses import body
from tests.support.shell import shown_commands
from tests.support.links import LINK, crawl, prefixed_urlconf

OUT = "compare/templates/out"
DJANGO_URLS = "compare.templates.django_app.urls"
DJANGO_SETTINGS = "compare.templates.django_app.settings"  # applied to the Django tests: the settings the page shows
PAYLOAD = '<script>alert("x")</script>'
SHOWN_PAYLOAD = 'GET /search?q=<script>alert("x")</script>'  # the client sends it URL-encoded


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


@pytest.fixture(params=["flask", "fastapi", "django"])
def app(request):
    """(framework name, client) for tests that make the same claim of all three."""
    name = request.param
    return name, request.getfixturevalue(f"{name}_client")


def get(name: str, client, path: str, q: str | None = None):
    query = {} if q is None else {"q": q}
    if name == "flask":
        return client.get(path, query_string=query)
    if name == "fastapi":
        return client.get(path, params=query)
    return client.get(path, query)


def jinja_request(app, path: str = "/") -> Request:
    """A bare Starlette request, for rendering a template outside a route."""
    return Request({
        "type": "http", "app": app, "router": app.router, "scheme": "http", "method": "GET",
        "server": ("testserver", 80), "path": path, "root_path": "", "query_string": b"",
        "headers": [(b"host", b"testserver")],
    })


# --------------------------------------------------------------------------- a page: inheritance, loops, filters, URLs


def test_shelf_page(app, outputs):
    name, client = app
    response = get(name, client, "/shelves/read")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    html = body(response)
    # Inheritance: the child fills the title block and keeps the parent's text (super / block.super).
    assert "<title>Read - Bookshelf</title>" in html
    assert "<h1>Read (3)</h1>" in html  # built-in filters: title, length
    # The loop counter: loop.index in Jinja, forloop.counter in Django; both start at 1.
    assert [f'id="book-{i}"' in html for i in (1, 2, 3)] == [True, True, True]
    assert html.count("<strong>favourite</strong>") == 1  # the {% if %} holds for Dune only
    assert "Dune by Frank Herbert ★★★★★" in html  # the custom filter
    # Jinja's truncate cuts at a word and adds "..."; Django's truncatechars cuts at 17 characters + "…".
    assert ("The Left Hand of …" if name == "django" else "The Left Hand...") in html
    # URL building: Flask and Django give a path, Starlette's url_for an absolute URL.
    link = {"flask": "/shelves/wishlist", "fastapi": "http://testserver/shelves/wishlist",
            "django": "/shelves/wishlist"}[name]
    assert f'<a href="{link}">Wishlist</a>' in html
    outputs.check(f"{OUT}/{name}_shelf.txt", drive_send(client, REQUESTS["shelf"]))


def test_empty_shelf(app, outputs):
    name, client = app
    response = get(name, client, "/shelves/wishlist")
    assert response.status_code == 200
    html = body(response)
    assert "<h1>Wishlist (0)</h1>" in html
    assert "<li>Nothing on this shelf yet.</li>" in html  # {% else %} in Jinja, {% empty %} in Django
    outputs.check(f"{OUT}/{name}_empty_shelf.txt", converse(client, driver, f"{name}_empty_shelf.txt"))  # <main> only (CUT)


def shortened_to() -> int:
    """The length the page's filters table states ("Shorten to 18 characters"), read from the page
    so that page and templates cannot drift apart."""
    page = (SNIPPETS.parent / "docs/en/compare/templates.md").read_text(encoding="utf-8")
    row = re.search(r"^\| Shorten to (\d+) characters \| `title\|truncate\((\d+)\)` \| `title\|truncatechars:(\d+)` \|$",
                    page, re.MULTILINE)
    assert row and len(set(row.groups())) == 1, "the filters table's row changed"
    return int(row[1])


def test_titles_are_shortened_to_the_length_the_page_states(app, monkeypatch):
    """At the boundary: Jinja's truncate(n) leaves a title of n + leeway (5) characters whole and
    cuts one more to n - 3 + "..."; Django's truncatechars:n leaves n whole and cuts n + 1 to
    n - 1 + "…"."""
    from compare.templates.books import SHELVES, Book

    name, client = app
    n = shortened_to()
    whole_up_to, cut = (n, "x" * (n - 1) + "…") if name == "django" else (n + 5, "x" * (n - 3) + "...")
    monkeypatch.setitem(SHELVES, "read", [Book("x" * whole_up_to, "A", 3), Book("x" * (whole_up_to + 1), "B", 3)])
    items = re.findall(r'<li id="book-\d+">\s*(\S+) by', body(get(name, client, "/shelves/read")))
    assert items == ["x" * whole_up_to, cut]


def test_unknown_shelf(app):
    name, client = app
    assert get(name, client, "/shelves/nowhere").status_code == 404


STARTS = ["/shelves/read", "/shelves/wishlist", "/search", "/search?q=le+guin", "/unsafe-search?q=x"]


def prefixed_get(name: str, settings, prefix: str = "/app"):
    """GET of the page's app served under `prefix` (Django: a ROOT_URLCONF that includes the
    app's; Flask: SCRIPT_NAME; FastAPI: root_path), taking the full path a link names."""
    if name == "flask":
        client = flask_app.test_client()
        return lambda path: client.get(path.removeprefix(prefix), base_url=f"http://localhost{prefix}/")
    if name == "fastapi":
        client = TestClient(fastapi_app, root_path=prefix)
        return client.get
    django_snippets.apply(settings, DJANGO_SETTINGS)
    settings.ROOT_URLCONF = prefixed_urlconf(prefix.strip("/") + "/", DJANGO_URLS)
    return Client().get


@pytest.mark.parametrize("name", ["flask", "fastapi", "django"])
def test_under_a_prefix_every_link_follows_it_and_every_title_keeps_the_parent(name, settings):
    """"No template on this page writes a path by hand; each builds it from a route name": served
    under /app, every link of every page names /app. And every child template's title keeps the
    parent's text (`{{ super() }}`, `{{ block.super }}`)."""
    pages = crawl(prefixed_get(name, settings), ["/app" + start for start in STARTS], "/app/")
    assert {"/app/shelves/read", "/app/shelves/wishlist", "/app/search"} <= pages.keys()
    for path, html in pages.items():  # every child's title keeps the parent's text
        assert re.search(r"<title>(.+ - )?Bookshelf</title>", html), (path, re.search(r"<title>.*</title>", html))


def test_every_template_builds_its_paths_from_route_names():
    """The same rule read in the files: no template the guide shows writes an href, action or src
    path by hand."""
    templates = [path for path in SNIPPETS.rglob("*.html") if "out" not in path.relative_to(SNIPPETS).parts]
    assert len(templates) >= 20
    for path in templates:
        for link in LINK.findall(path.read_text(encoding="utf-8")):
            assert not link.startswith("/"), f"{path.relative_to(SNIPPETS)}: {link}"


def test_the_empty_search_shows_an_empty_box(app):
    name, client = app
    response = get(name, client, "/search")
    assert response.status_code == 200
    html = body(response)
    assert '<input type="search" name="q" value="">' in html and "None" not in html
    assert "No books match" not in html


def test_fastapi_documents_html(fastapi_client):
    """`response_class=HTMLResponse` is what puts text/html in the OpenAPI schema: every route that
    answers HTML says so, not only the one a reader looks at first."""
    from fastapi.routing import APIRoute

    paths = fastapi_app.openapi()["paths"]
    routes = [route for route in fastapi_app.routes if isinstance(route, APIRoute)]
    assert {route.path for route in routes} == set(paths) and len(routes) >= 3
    for route in routes:
        answered = fastapi_client.get(route.path.replace("{name}", "read"), params={"q": "x"})
        assert answered.headers["content-type"].startswith("text/html"), route.path
        assert list(paths[route.path]["get"]["responses"]["200"]["content"]) == ["text/html"], route.path


# --------------------------------------------------------------------------- URL building details


def test_starlette_url_for_uses_the_request_host():
    with TestClient(fastapi_app, base_url="https://books.example") as client:
        html = client.get("/shelves/read").text
    assert '<a href="https://books.example/shelves/wishlist">Wishlist</a>' in html
    # .path gives the path only; url_for returns a starlette URL object, not a str.
    template = fastapi_templates.env.from_string("{{ url_for('shelf', name='read').path }}")
    assert template.render(request=jinja_request(fastapi_app)) == "/shelves/read"


def test_absolute_links_name_the_host_the_client_sent(settings):
    """The page: the host in an absolute link comes from the request's Host header. Starlette and
    Flask take it as sent; Django's build_absolute_uri() goes through get_host(), which refuses a
    host outside ALLOWED_HOSTS."""
    from django.core.exceptions import DisallowedHost
    from django.test import RequestFactory

    with TestClient(fastapi_app) as client:
        html = client.get("/shelves/read", headers={"Host": "evil.example"}).text
    assert '<a href="http://evil.example/shelves/wishlist">Wishlist</a>' in html
    with flask_app.test_request_context(headers={"Host": "evil.example"}):
        assert flask.url_for("shelf", name="read", _external=True) == "http://evil.example/shelves/read"
    settings.ALLOWED_HOSTS = ["books.example"]
    with pytest.raises(DisallowedHost):
        RequestFactory(headers={"Host": "evil.example"}).get("/").build_absolute_uri()
    assert RequestFactory(headers={"Host": "books.example"}).get("/").build_absolute_uri() == "http://books.example/"


def test_content_security_policy_support():
    """The page: Django 6.0 added ContentSecurityPolicyMiddleware and SECURE_CSP; Django 5.2 has
    neither, and Flask and Starlette have no CSP support of their own."""
    import importlib.util

    import django
    from django.conf import global_settings

    has_csp = importlib.util.find_spec("django.middleware.csp") is not None
    assert has_csp == (django.VERSION >= (6, 0))
    assert hasattr(global_settings, "SECURE_CSP") == has_csp
    from pathlib import Path

    import fastapi
    import starlette

    for package in (flask, starlette, fastapi):  # not a word about CSP in their source
        sources = Path(package.__file__).parent.rglob("*.py")
        assert not any("content-security-policy" in p.read_text().lower() for p in sources), package
    # Werkzeug can write the header (response.content_security_policy), but sets no policy.
    response = flask_app.test_client().get("/shelves/read")
    assert "Content-Security-Policy" not in response.headers
    response.content_security_policy.default_src = "'self'"
    assert response.headers["Content-Security-Policy"] == "default-src 'self'"


def test_flask_url_for_external():
    assert flask_app.jinja_env.globals["url_for"] == flask_app.url_for  # what flask.url_for calls
    with flask_app.test_request_context():
        assert flask.url_for("shelf", name="read") == "/shelves/read"
        assert flask.url_for("shelf", name="read", _external=True) == "http://localhost/shelves/read"
        assert flask.url_for("shelf", name="read", page=2) == "/shelves/read?page=2"


# --------------------------------------------------------------------------- autoescaping


def test_user_input_is_escaped(app, outputs):
    name, client = app
    response = get(name, client, "/search", q=PAYLOAD)
    assert response.status_code == 200
    html = body(response)
    assert PAYLOAD not in html
    # MarkupSafe writes " as &#34;, Django as &quot;; both escape < > & ' " (in attributes too).
    quote = "&quot;" if name == "django" else "&#34;"
    escaped = f"&lt;script&gt;alert({quote}x{quote})&lt;/script&gt;"
    assert f'value="{escaped}"' in html
    assert f"<p>No books match {escaped}</p>" in html
    assert driver.REQUESTS["escaped"] == SHOWN_PAYLOAD
    outputs.check(f"{OUT}/{name}_escaped.txt", converse(client, driver, f"{name}_escaped.txt"))


def test_safe_filter_lets_the_payload_through(app, outputs):
    name, client = app
    response = get(name, client, "/unsafe-search", q=PAYLOAD)
    assert response.status_code == 200
    assert f"<p>No books match {PAYLOAD}</p>" in body(response)  # the script would run
    outputs.check(f"{OUT}/{name}_unsafe.txt", converse(client, driver, f"{name}_unsafe.txt"))


def test_markup_in_the_view_is_just_as_unsafe(settings):
    """Marking a value safe in Python (Markup, mark_safe) bypasses the template's escaping;
    building HTML with Markup(...).format() or format_html() escapes the arguments."""
    with flask_app.test_request_context():
        assert f"No books match {PAYLOAD}" in flask.render_template("search.html", q=Markup(PAYLOAD))
    request = jinja_request(fastapi_app, "/search")
    html = fastapi_templates.get_template("search.html").render(request=request, q=Markup(PAYLOAD))
    assert f"No books match {PAYLOAD}" in html
    django_snippets.apply(settings, DJANGO_SETTINGS)  # ROOT_URLCONF, MIDDLEWARE, TEMPLATES: as shown
    html = engines["django"].get_template("bookshelf/search.html").render({"q": mark_safe(PAYLOAD)})
    assert f"No books match {PAYLOAD}" in html
    # The safe way to build a fragment of HTML in Python:
    assert Markup("<em>{}</em>").format(PAYLOAD) == "<em>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</em>"
    assert format_html("<em>{}</em>", PAYLOAD) == "<em>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</em>"
    # Flask 3 no longer re-exports them: import Markup and escape from markupsafe.
    assert not hasattr(flask, "Markup") and not hasattr(flask, "escape")


AUTOESCAPE_NAMES = ["page.html", "page.htm", "page.xml", "page.xhtml", "icon.svg",
                    "email.txt", "page.jinja", "page.html.j2", "UPPER.HTML"]


def test_which_templates_are_autoescaped(tmp_path, outputs):
    """Render `{{ q }}` from a file of each name with each framework's default configuration."""
    for template_name in AUTOESCAPE_NAMES:
        (tmp_path / template_name).write_text("{{ q }}", encoding="utf-8")
    escaped = "&lt;script&gt;"

    flask_default = flask.Flask(__name__, template_folder=tmp_path)
    starlette_default = Jinja2Templates(directory=tmp_path)
    django_default = DjangoTemplates({"NAME": "t", "DIRS": [tmp_path], "APP_DIRS": False, "OPTIONS": {}})

    def by_flask(name: str | None) -> str:
        with flask_default.test_request_context():
            if name is None:
                return flask.render_template_string("{{ q }}", q=PAYLOAD)
            return flask.render_template(name, q=PAYLOAD)

    def by_starlette(name: str | None) -> str:
        env = starlette_default.env
        return (env.from_string("{{ q }}") if name is None else env.get_template(name)).render(q=PAYLOAD)

    def by_django(name: str | None) -> str:
        template = django_default.from_string("{{ q }}") if name is None else django_default.get_template(name)
        return template.render({"q": PAYLOAD})

    rows = {}
    for name in [*AUTOESCAPE_NAMES, None]:
        rows[name or "(a string)"] = [escaped in render_with(name) for render_with in (by_flask, by_starlette, by_django)]

    yes_no = {True: "escaped", False: "NOT escaped"}
    assert {n for n, (fl, _, _) in rows.items() if not fl} == {"email.txt", "page.jinja", "page.html.j2", "UPPER.HTML"}
    assert {n for n, (_, st, _) in rows.items() if not st} == {
        "page.xhtml", "icon.svg", "email.txt", "page.jinja", "page.html.j2"}
    assert all(dj for _, _, dj in rows.values())  # Django ignores the file name
    # The snippet apps use exactly these defaults.
    assert flask_app.select_jinja_autoescape("page.jinja") is False
    assert fastapi_templates.env.autoescape("icon.svg") is False

    lines = [f"{'template':<14}{'Flask':<14}{'FastAPI':<14}Django"]
    lines += [f"{n:<14}" + "".join(f"{yes_no[v]:<14}" for v in flags).rstrip() for n, flags in rows.items()]
    outputs.check(f"{OUT}/autoescape_by_name.txt", "\n".join(lines) + "\n")


def test_turning_escaping_off_in_django(settings, tmp_path):
    template = engines["django"].from_string("{% autoescape off %}{{ q }}{% endautoescape %}|{{ q }}")
    off, on = template.render({"q": PAYLOAD}).split("|")
    assert off == PAYLOAD and on != PAYLOAD
    engine = DjangoTemplates({"NAME": "t", "DIRS": [], "APP_DIRS": False, "OPTIONS": {"autoescape": False}})
    assert engine.from_string("{{ q }}").render({"q": PAYLOAD}) == PAYLOAD


def test_jinja_autoescape_tag():
    """Jinja's own switch, the {% autoescape %} block, works in Flask and Starlette alike."""
    source = "{% autoescape false %}{{ q }}{% endautoescape %}"
    with flask_app.test_request_context():
        assert flask.render_template_string(source, q=PAYLOAD) == PAYLOAD
    assert fastapi_templates.env.from_string(source).render(q=PAYLOAD) == PAYLOAD


# --------------------------------------------------------------------------- the older FastAPI examples


def test_fastapi_needs_starlette_1_and_jinja2_is_optional():
    from importlib.metadata import requires, version

    assert int(version("starlette").split(".")[0]) >= 1
    [starlette] = [r for r in requires("fastapi") if r.startswith("starlette")]
    assert re.fullmatch(r"starlette>=[1-9][\d.]*", starlette)  # FastAPI itself requires Starlette 1.x
    jinja_requirements = [r for r in requires("fastapi") if r.startswith("jinja2")]
    assert jinja_requirements and all("extra ==" in r for r in jinja_requirements)
    assert any('extra == "standard"' in r for r in jinja_requirements)


def test_old_template_response_signature_fails():
    request = jinja_request(fastapi_app, "/shelves/read")
    with pytest.raises(TypeError):  # the dict is taken for the template name
        fastapi_templates.TemplateResponse("shelf.html", {"request": request, "name": "read", "books": []})
    response = fastapi_templates.TemplateResponse(request, "shelf.html", {"name": "read", "books": []})
    assert response.context["request"] is request  # TemplateResponse puts the request in the context


def test_env_options_are_gone():
    with pytest.raises(TypeError):
        Jinja2Templates(directory="templates", autoescape=True)  # type: ignore[call-overload]
    env = jinja2.Environment(
        loader=jinja2.DictLoader({"a.jinja": "{{ url_for('shelf', name='read') }} {{ q }}"}),
        autoescape=jinja2.select_autoescape(["html", "htm", "xml", "jinja"]),
    )
    custom = Jinja2Templates(env=env)  # a preconfigured environment is the way to change options
    html = custom.get_template("a.jinja").render(request=jinja_request(fastapi_app), q=PAYLOAD)
    assert html == "http://testserver/shelves/read &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"


def test_relative_directory_depends_on_the_working_directory(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(jinja2.TemplateNotFound):
        Jinja2Templates(directory="templates").get_template("search.html")
    monkeypatch.chdir(SNIPPETS / "compare" / "templates")
    assert Jinja2Templates(directory="templates").get_template("search.html")
    # The snippet's path is built from the module's location, so it works from anywhere.
    monkeypatch.chdir(tmp_path)
    assert fastapi_templates.get_template("shelf.html")


# --------------------------------------------------------------------------- engine differences


def test_django_load_is_per_template(settings):
    """{% load %} does not carry over from a parent: shelf.html loads the filters, its child must too."""
    django_snippets.apply(settings, DJANGO_SETTINGS)  # ROOT_URLCONF, MIDDLEWARE, TEMPLATES: as shown
    assert "bookshelf_filters" in engines["django"].engine.template_libraries  # the module's name
    child = '{% extends "bookshelf/shelf.html" %}{% block content %}{{ 3|stars }}{% endblock %}'
    with pytest.raises(TemplateSyntaxError, match="Invalid filter: 'stars'"):
        engines["django"].from_string(child)
    loaded = '{% extends "bookshelf/shelf.html" %}{% load bookshelf_filters %}{% block content %}{{ 3|stars }}{% endblock %}'
    assert "★★★☆☆" in engines["django"].from_string(loaded).render({"name": "read", "books": []})


def test_language_details():
    """Smaller claims of the page about the two languages, one engine after the other."""
    jinja = fastapi_templates.env
    django = engines["django"]
    loop = "{% for x in 'ab' %}{{ loop.index }}{{ loop.index0 }}{% endfor %}"
    assert jinja.from_string(loop).render() == "1021"
    assert django.from_string(
        "{% for x in 'ab' %}{{ forloop.counter }}{{ forloop.counter0 }}{% endfor %}").render({}) == "1021"
    # Jinja's truncate leaves text up to 5 characters over the limit alone (leeway).
    assert jinja.from_string("{{ t|truncate(18) }}").render(t="x" * 23) == "x" * 23
    assert django.from_string("{{ t|truncatechars:18 }}").render({"t": "x" * 23}) == "x" * 17 + "…"
    # default: Jinja replaces only an undefined value unless its second argument is true.
    assert jinja.from_string('[{{ v|default("none") }}]').render(v="") == "[]"
    assert jinja.from_string('[{{ v|default("none", true) }}]').render(v="") == "[none]"
    assert django.from_string('[{{ v|default:"none" }}]').render({"v": ""}) == "[none]"
    # Whitespace control: a "-" inside the tag strips the whitespace on that side.
    assert jinja.from_string("<ol>\n  {%- for x in 'ab' %}\n  <li>{{ x }}</li>\n  {%- endfor %}\n</ol>").render() \
        == "<ol>\n  <li>a</li>\n  <li>b</li>\n</ol>"
    # An unquoted attribute is not protected by escaping: a space starts a new attribute.
    attack = "x onfocus=alert(1)"
    assert jinja.from_string("<input value={{ q }}>").render(q=attack) == f"<input value={attack}>"
    assert django.from_string("<input value={{ q }}>").render({"q": attack}) == f"<input value={attack}>"
    # {% extends %} must come first in Django.
    with pytest.raises(TemplateSyntaxError, match="must be the first tag"):
        django.from_string('{% load bookshelf_filters %}{% extends "bookshelf/base.html" %}')


def test_flask_filter_registration_and_autoescape_override():
    from compare.templates.flask_app import stars

    assert flask_app.jinja_env.filters["stars"] is stars
    other = flask.Flask(__name__)
    other.add_template_filter(stars)  # without a decorator, under the function's own name

    @other.template_filter()
    def shout(text: str) -> str:
        return text.upper()

    assert other.jinja_env.filters["stars"] is stars and other.jinja_env.filters["shout"] is shout

    class JinjaFilesEscaped(flask.Flask):
        def select_jinja_autoescape(self, filename: str | None) -> bool:
            return super().select_jinja_autoescape(filename) or (filename or "").endswith(".jinja")

    assert JinjaFilesEscaped(__name__).select_jinja_autoescape("page.jinja") is True
    from markupsafe import escape

    assert escape(PAYLOAD) == "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"


def test_django_dirs_come_before_app_folders(tmp_path):
    (tmp_path / "bookshelf").mkdir()
    (tmp_path / "bookshelf" / "shelf.html").write_text("project copy", encoding="utf-8")
    engine = DjangoTemplates({"NAME": "t", "DIRS": [tmp_path], "APP_DIRS": True, "OPTIONS": {}})
    assert engine.get_template("bookshelf/shelf.html").render({}) == "project copy"


def test_unknown_filter_fails_when_the_template_is_compiled():
    with pytest.raises(jinja2.TemplateAssertionError, match="No filter named 'nope'"):
        fastapi_templates.env.from_string("{{ 3|nope }}")
    with pytest.raises(TemplateSyntaxError, match="Invalid filter: 'nope'"):
        engines["django"].from_string("{{ 3|nope }}")


def test_missing_variables():
    """Both print nothing for a missing name; Jinja raises for an attribute of a missing name."""
    env = fastapi_templates.env
    assert env.from_string("[{{ missing }}]").render() == "[]"
    with pytest.raises(jinja2.UndefinedError, match="'missing' is undefined"):
        env.from_string("{{ missing.title }}").render()
    django = engines["django"]
    assert django.from_string("[{{ missing }}][{{ missing.title }}]").render({}) == "[][]"


def test_django_first_template_found_wins(tmp_path):
    """Django searches its folders in order and takes the first file with the name: why app
    templates live under templates/<app name>/."""
    for folder, text in (("one", "first"), ("two", "second")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "base.html").write_text(text, encoding="utf-8")
    engine = DjangoTemplates({"NAME": "t", "DIRS": [tmp_path / "one", tmp_path / "two"], "APP_DIRS": False, "OPTIONS": {}})
    assert engine.get_template("base.html").render({}) == "first"


def test_django_template_location(settings):
    django_snippets.apply(settings, DJANGO_SETTINGS)  # ROOT_URLCONF, MIDDLEWARE, TEMPLATES: as shown
    template = engines["django"].get_template("bookshelf/shelf.html")
    assert template.origin.name.endswith("django_app/bookshelf/templates/bookshelf/shelf.html")


# --------------------------------------------------------------------------- run it yourself


def run_commands() -> dict[str, str]:
    """The three commands of snippets/compare/templates/run.sh, by section name."""
    return shown_commands(SNIPPETS / "compare/templates/run.sh")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["flask", "fastapi", "django"])
def test_run_command_serves_the_app(name):
    command = run_commands()[name]
    with run_server(command, cwd=SNIPPETS, env=python_env()) as server:
        response = httpx2.get(f"{server.url}/shelves/read", timeout=10)
    assert response.status_code == 200
    assert "Dune by Frank Herbert ★★★★★" in response.text


def test_dollar_brace_runs_only_in_a_template_literal():
    """The page's `${alert(1)}` runs when an escaped value lands in a backtick template literal, and
    stays text in a '...' or "..." string. Both engines render each context, and Node.js runs the
    script with alert() recorded."""
    import json
    import shutil
    import subprocess

    from tests.support.services import missing

    node = shutil.which("node") or missing("Node.js", "Install Node.js 20 or later (https://nodejs.org/en/download).")
    values = {"q": "${alert(1)}"}
    for quote in ("`", "'", '"'):
        source = f"<script>var q = {quote}{{{{ q }}}}{quote};</script>"
        for html in (jinja2.Environment(autoescape=True).from_string(source).render(values),
                     engines["django"].from_string(source).render(values)):
            script = re.fullmatch(r"<script>(.*)</script>", html).group(1)
            run = subprocess.run([node, "-e", f"const ran = []; const alert = (x) => {{ ran.push(x); }}; {script}"
                                  "console.log(JSON.stringify({ran, q}));"],
                                 capture_output=True, text=True, timeout=60, check=True)
            result = json.loads(run.stdout)
            if quote == "`":
                assert result == {"ran": [1], "q": "undefined"}, html
            else:
                assert result == {"ran": [], "q": "${alert(1)}"}, html


def test_escaping_is_for_html_text_not_urls_or_scripts():
    """Autoescaping makes a value safe as HTML text. A `javascript:` URL in href, or `${...}` in a
    JavaScript template literal, has nothing to escape and runs. Data for a script goes through
    Jinja's |tojson or Django's |json_script, which escape `<` so the value cannot end the script."""
    source = '<a href="{{ u }}">home</a><script>var q = `{{ q }}`;</script>'
    values = {"u": "javascript:alert(document.cookie)", "q": "${alert(1)}"}
    jinja = jinja2.Environment(autoescape=True).from_string(source).render(values)
    django = engines["django"].from_string(source).render(values)
    for html in (jinja, django):
        assert 'href="javascript:alert(document.cookie)"' in html and "`${alert(1)}`" in html
    data = {"q": "</script><script>alert(1)</script>"}
    jinja = jinja2.Environment(autoescape=True).from_string("<script>var d = {{ d|tojson }};</script>").render(d=data)
    django = engines["django"].from_string('{{ d|json_script:"data" }}').render({"d": data})
    for html in (jinja, django):
        assert html.count("</script>") == 1 and "<script>alert(1)" not in html


def test_every_django_route_takes_get_and_head_alone(django_client, db):
    """Each shown view is `require_safe`: GET and HEAD answered, every other method 405, on every
    route of the URLconf (the routing page's note: a Django view answers every method unless
    restricted)."""
    from tests.support.methods import assert_takes_only, django_routes

    takes = {"/shelves/1": {"GET", "HEAD"}, "/search": {"GET", "HEAD"}, "/unsafe-search": {"GET", "HEAD"}}
    assert sorted(django_routes(DJANGO_URLS)) == sorted(takes)
    assert_takes_only(lambda method, path: django_client.generic(method, path).status_code, takes)
