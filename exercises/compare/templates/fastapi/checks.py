"""Checks of the templates exercise, FastAPI: `python3 dev.py exercise templates/fastapi`."""

import jinja2
import pytest
from app import app
from fastapi.testclient import TestClient


@pytest.fixture
def get(monkeypatch):
    render = jinja2.Template.render
    rendered = []  # Jinja2 templates rendered during the last request (Jinja2Templates renders with this too)

    def spy(self, *args, **kwargs):
        rendered.append(self)
        return render(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", spy)
    with TestClient(app) as client:

        def get(params):
            rendered.clear()
            response = client.get("/hello", params=params)
            get.templated = bool(rendered)
            return response.status_code, response.headers["content-type"], response.text

        yield get


ATTACK = "<script>alert(1)</script>"


def test_hello_shows_the_name(get):
    status, content_type, body = get({"name": "Ada"})
    assert status == 200, f"GET /hello?name=Ada answered {status}, expected 200"
    assert content_type.startswith("text/html"), f"Content-Type is {content_type!r}, expected HTML"
    assert "<p>Hello, Ada!</p>" in body, f"GET /hello?name=Ada answered {body!r}"


def test_markup_in_the_name_is_escaped(get):
    _, _, body = get({"name": ATTACK})
    if "<script>" in body and get.templated:
        raise AssertionError(f"[template_not_escaping] a Jinja2 template put the name into the page as markup: {body!r}")
    assert "<script>" not in body, f"the name reached the page as markup: {body!r}"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body, f"the name is not shown, escaped: {body!r}"
    _, _, body = get({"name": '<img src=x onerror="alert(1)">'})
    assert "<img" not in body, f"[only_some_markup_escaped] an <img onerror> tag in the name reached the page: {body!r}"
    _, _, body = get({"name": "&lt;3"})
    assert "Hello, &amp;lt;3!" in body, (
        f"[ampersand_not_escaped] the name &lt;3 came out as {body!r}, which a browser shows as <3; expected &amp;lt;3")
