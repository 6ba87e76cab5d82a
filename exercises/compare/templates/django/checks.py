"""Checks of the templates exercise, Django: `python3 dev.py exercise templates/django`."""

import email.message
import importlib
import os
from urllib.parse import urlencode

import pytest
from django.test import Client, override_settings


@pytest.fixture
def get():
    client = Client()

    def get(params, cause=""):
        try:
            response = client.get("/hello", params)
        except Exception as error:  # the test client re-raises the view's exception
            tag = f"[{cause}] " if cause else ""
            raise AssertionError((f"{tag}GET /hello?{urlencode(params)} raised {type(error).__name__}: {error}" if params else
                                  f"{tag}GET /hello raised {type(error).__name__}: {error}")[:300]) from None
        return response.status_code, response["content-type"], response.content.decode()

    return get


ATTACK = "<script>alert(1)</script>"


def charset(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header, parsed as a browser reads it."""
    message = email.message.Message()
    message["content-type"] = content_type
    return message.get_content_charset()


def test_hello_shows_the_name(get):
    status, content_type, body = get({"name": "Ada"})
    assert status == 200, f"GET /hello?name=Ada answered {status}, expected 200"
    assert content_type.startswith("text/html"), f"Content-Type is {content_type!r}, expected HTML"
    assert "<p>Hello, Ada!</p>" in body, f"GET /hello?name=Ada answered {body!r}"

    status, _, body = get({}, cause="default_name_dropped")
    assert status == 200 and "<p>Hello, world!</p>" in body, (
        f"[default_name_dropped] GET /hello without a name answered {status} {body[:200]!r}, "
        "expected 200 and <p>Hello, world!</p>")

    status, content_type, body = get({"name": "Zoë"})
    assert charset(content_type) == "utf-8", (
        f"[no_charset] GET /hello?name=Zoë answered Content-Type {content_type!r}, without charset=utf-8: "
        "a browser guesses the encoding and may show Zoë as ZoÃ«")
    assert "<p>Hello, Zoë!</p>" in body, (
        f"[not_html_escaped] GET /hello?name=Zoë answered {body!r}, expected <p>Hello, Zoë!</p>")


def test_markup_in_the_name_is_escaped(get):
    status, _, body = get({"name": ATTACK})
    assert "<script>" not in body, f"the name reached the page as markup: {body!r}"
    assert status == 200, (
        f"[name_refused] GET /hello?name={ATTACK} answered {status} {body[:200]!r}, expected 200 and the name, escaped")
    if "&amp;lt;" in body:
        tag = "[escaped_twice] "
    elif "script" not in body:
        tag = "[markup_removed] "
    else:
        tag = "[not_html_escaped] "
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body, (
        f"{tag}the name is not shown, escaped: {body!r}, expected Hello, &lt;script&gt;alert(1)&lt;/script&gt;!")
    _, _, body = get({"name": '<img src=x onerror="alert(1)">'})
    assert "<img" not in body, f"[only_some_markup_escaped] an <img onerror> tag in the name reached the page: {body!r}"
    _, _, body = get({"name": "&lt;3"})
    assert "Hello, &amp;lt;3!" in body, (
        f"[ampersand_not_escaped] the name &lt;3 came out as {body!r}, which a browser shows as <3; expected &amp;lt;3")


def test_the_rest_of_the_app_is_unchanged():
    client = Client()
    for method in ("post", "put", "delete"):
        response = getattr(client, method)("/hello?name=Ada")
        assert response.status_code == 405, (
            f"[other_methods_allowed] {method.upper()} /hello answered {response.status_code}, expected 405: "
            "the view greets on GET (and HEAD) only")
    # The test environment forces DEBUG off, so run with what the project's settings.py asks for.
    debug = importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"]).DEBUG
    with override_settings(DEBUG=debug):
        response = client.get("/no-such-page")
    assert response.status_code == 404 and b"URLconf" not in response.content, (
        f"[debug_on] GET /no-such-page answered {response.status_code} with Django's debug page, which lists "
        "the project's URL patterns: settings.py sets DEBUG = True")
    response = client.get("/hello?name=Ada", HTTP_HOST="evil.example")
    assert response.status_code == 400, (
        f"[every_host_allowed] a request for Host: evil.example answered {response.status_code}, expected 400")
