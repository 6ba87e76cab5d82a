"""Reusable fragments: Jinja macros (Flask, FastAPI) and template partials (new in Django 6.0).

partials_django.py and its template use a tag the LTS series does not have (stacks.LATEST_ONLY):
on the floor the test asserts that the tag is unknown there, the page's claim "new in Django 6.0".
"""

from __future__ import annotations

import pytest
from django.template import TemplateSyntaxError, engines
from fastapi.testclient import TestClient

from compare.templates import drive, partials_fastapi, partials_flask
from guide_tools.runtime.drive import converse, django_settings, make_app
from tests.support import django_snippets
from tests.support.latest_only import latest_only

OUT = "compare/templates/out"
WHOLE = "<ul>\n  <li>Dune by Frank Herbert</li>\n  <li>The Left Hand of Darkness by Ursula K. Le Guin</li>\n"
FRAGMENT = "<li>Dune by Frank Herbert</li>"


def test_flask_macro(outputs):
    assert make_app(drive.OUTPUT_APPS["partials_flask.txt"]) is partials_flask.app  # the app the page's Run sends to
    client = partials_flask.app.test_client()
    whole, fragment = client.get("/books"), client.get("/books/first")
    assert WHOLE in whole.get_data(as_text=True)
    assert fragment.get_data(as_text=True) == FRAGMENT
    outputs.check(f"{OUT}/partials_flask.txt", converse(client, drive, "partials_flask.txt"))


def test_fastapi_macro(outputs):
    assert make_app(drive.OUTPUT_APPS["partials_fastapi.txt"]) is partials_fastapi.app
    with TestClient(partials_fastapi.app) as client:
        whole, fragment = client.get("/books"), client.get("/books/first")
        shown = converse(client, drive, "partials_fastapi.txt")
    assert WHOLE in whole.text
    assert fragment.text == FRAGMENT
    outputs.check(f"{OUT}/partials_fastapi.txt", shown)


def test_django_partial(client, settings, outputs):
    partials = latest_only("compare.templates.partials_django")
    if partials is None:  # the floor: the tags do not exist before Django 6.0
        with pytest.raises(TemplateSyntaxError, match="partialdef"):
            engines["django"].get_template("bookshelf/book_list.html")
        return
    module, changes = drive.OUTPUT_APPS["partials_django.latest.txt"]  # the page's settings, another URLconf
    django_snippets.apply(settings, module)
    values = django_settings(drive.OUTPUT_APPS["partials_django.latest.txt"])
    for name in changes:
        setattr(settings, name, values[name])
    assert settings.ROOT_URLCONF == "compare.templates.partials_django"
    whole, fragment = client.get("/books"), client.get("/books/first")
    assert WHOLE in whole.content.decode()
    assert whole.content.decode().count("<li>") == 3  # the definition itself renders nothing
    assert fragment.content.decode() == FRAGMENT
    outputs.check(f"{OUT}/partials_django.txt", converse(client, drive, "partials_django.latest.txt"), per_stack=True)
