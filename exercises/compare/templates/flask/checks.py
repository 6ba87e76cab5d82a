"""Checks of the templates exercise, Flask: `python3 dev.py exercise templates/flask`."""

import html
import re

import jinja2
import pytest
from app import app


@pytest.fixture
def rendered(monkeypatch):
    """The Jinja templates rendered so far: render_template(_string) and a bare jinja2.Template
    all end in Template.render, so a check can tell "no template" from "a template that did not escape"."""
    templates, render = [], jinja2.Template.render

    def recorded(self, *args, **kwargs):
        templates.append(self.name or "<string>")
        return render(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", recorded)
    return templates


@pytest.fixture
def get():
    app.config.update(TESTING=True)
    client = app.test_client()

    def get(params):
        response = client.get("/hello", query_string=params)
        return response.status_code, response.content_type, response.get_data(as_text=True)

    return get


ATTACK = "<script>alert(1)</script>"
INJECTION = "{{ 7*7 }}"  # Jinja syntax: printed as it is, unless the name became part of a template's source
QUOTES = """O'Brien "Bob\""""


def test_hello_shows_the_name(get):
    status, content_type, body = get({"name": "Ada"})
    assert status == 200, f"GET /hello?name=Ada answered {status}, expected 200"
    assert content_type.startswith("text/html"), f"Content-Type is {content_type!r}, expected HTML"
    assert "<p>Hello, Ada!</p>" in body, f"GET /hello?name=Ada answered {body!r}"


def shown(body: str) -> str:
    """The name as the page holds it, between "Hello, " and "!"."""
    found = re.search(r"Hello, (.*)!", body, re.DOTALL)
    return found.group(1) if found else body


def test_markup_in_the_name_is_escaped(get, rendered):
    _, _, body = get({"name": INJECTION})
    assert "49" not in body, (
        f"[template_injection] the name {INJECTION} came out as {body!r}: the template computed 7*7, "
        f"expected the name as typed, Hello, {INJECTION}!")
    rendered.clear()
    _, _, body = get({"name": ATTACK})
    tag = "[autoescape_off] " if rendered else ""  # a template was rendered, and did not escape
    assert "<script>" not in body, f"{tag}the name reached the page as markup: {body!r}"
    tag = ("[escaped_twice] " if "&amp;lt;" in body else "[markup_removed] " if "script" not in body
           else "[not_html_escaped] ")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body, f"{tag}the name is not shown, escaped: {body!r}"
    _, _, body = get({"name": '<img src=x onerror="alert(1)">'})
    assert "<img" not in body, f"[only_some_markup_escaped] an <img onerror> tag in the name reached the page: {body!r}"
    _, _, body = get({"name": "&lt;3"})
    assert "Hello, &amp;lt;3!" in body, (
        f"[ampersand_not_escaped] the name &lt;3 came out as {body!r}, which a browser shows as <3; expected &amp;lt;3")
    _, _, body = get({"name": QUOTES})
    name = shown(body)
    # &#34; and &#39; (MarkupSafe's) or &quot; and &#x27; (html.escape's): a browser reads the same characters.
    assert '"' not in name and "'" not in name, (
        f"[quotes_not_escaped] the name {QUOTES} came out as {name!r}, its quotes as they are: in an attribute "
        "value=\"...\" a quote ends the value; expected &#34; (or &quot;) and &#39; (or &#x27;)")
    assert html.unescape(name) == QUOTES, (
        f"[markup_removed] the name {QUOTES} came out as {name!r}, which a browser shows as "
        f"{html.unescape(name)!r}; expected {QUOTES!r}")
