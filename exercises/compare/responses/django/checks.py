"""Checks of the responses exercise, Django: `python3 dev.py exercise responses/django`."""

import importlib
import pathlib
from types import SimpleNamespace

import pytest
from guide_tools.exercises.support import assert_only_this_download, content_disposition, media_type
import views as module
from django.test import Client
from django.urls import get_resolver

from exercises.batteries import debug, routes, starter_answers
from exercises.compare.responses import shared_checks as shared


def fetch(path: str, headers: dict | None = None, method: str = "GET"):
    return Client().generic(method, path, headers=headers or {})


def parts(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, {k.lower(): v for k, v in response.headers.items()}, body


def get_report():
    response = fetch("/report.csv")
    assert response.status_code == 200, f"GET /report.csv answered {response.status_code}, expected 200"
    return response


@pytest.fixture
def response():
    return get_report()


FOLDER = pathlib.Path(__file__).parent
STARTER = shared.recorded(FOLDER)  # the starter's answers, recorded from starter/ with its settings (shared_checks)
# The settings the test client's environment hides from the answers: pytest-django adds the test
# client's host, `testserver`, to ALLOWED_HOSTS itself, so a reader's "testserver" there answers
# like the starter in the checks and differently where the site is deployed.
HIDDEN_BY_THE_TESTS = ("ALLOWED_HOSTS",)


def exchange(method: str, path: str, headers: dict) -> starter_answers.Answer:
    host = headers.get("Host")
    extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items() if name != "Host"}
    response = Client(raise_request_exception=False).generic(  # a crash is the status 500
        method, path, **({"SERVER_NAME": host, "HTTP_HOST": host} if host else {}), **extra)
    return starter_answers.answer(response.status_code, response.reason_phrase, response.items(), parts(response)[2],
                                  per_request=shared.PER_REQUEST)


@pytest.fixture
def api():
    return SimpleNamespace(
        exchange=exchange, starter=STARTER, route_paths=lambda: [p for p, view in routes.django_routes(get_resolver())],
        settings={name: sorted(getattr(importlib.import_module("settings"), name, [])) for name in HIDDEN_BY_THE_TESTS})


def text(response) -> str:
    """The body as the Content-Type's charset, UTF-8, says to read it."""
    # A FileResponse or StreamingHttpResponse has no .content: its body is streaming_content.
    data = (b"".join(response.streaming_content) if response.streaming else response.content)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise AssertionError(f"[not_utf8] the body is not UTF-8: byte {data[error.start:error.start + 1]!r} at "
                             f"{error.start} ({data[max(0, error.start - 20):error.start + 10]!r})") from None


EXPECTED = "id,title\r\n1,Two Scoops of Django\r\n2,Flask Web Development\r\n"
# Other data: a title with a comma, quotes and a non-ASCII letter, which the csv module quotes and escapes.
MORE_BOOKS = [(1, "Two Scoops of Django"), (3, 'Django, "Unchained"'), (4, "Café Python")]
MORE_EXPECTED = 'id,title\r\n1,Two Scoops of Django\r\n3,"Django, ""Unchained"""\r\n4,Café Python\r\n'


def test_body_is_the_csv(response, monkeypatch):
    assert text(response) == EXPECTED, f"GET /report.csv answered {text(response)!r}, expected {EXPECTED!r}"
    shared.built_in_memory(fetch)
    monkeypatch.setattr(module, "BOOKS", MORE_BOOKS)
    shared.length_counts_bytes(parts, get_report())
    other = text(get_report())
    assert other == MORE_EXPECTED, (
        f"[body_not_from_data] with other BOOKS (a title with a comma and quotes), GET /report.csv answered {other!r}, expected {MORE_EXPECTED!r}")
    # Only then, two at once: a body that is wrong alone is told so first.
    shared.two_requests_at_once(fetch, parts, module, monkeypatch, MORE_BOOKS, MORE_EXPECTED)


def test_content_type_is_csv(response):
    # Parsed, as RFC 9110 8.3.1 says: `text/csv;charset=UTF-8` and `text/csv; charset="utf-8"` are the same type.
    content_type = response.headers["content-type"]
    kind, charset = media_type(content_type)
    assert (kind, charset) != ("text/csv", None), (
        f"[no_charset] Content-Type is {content_type!r}, without a charset; expected 'text/csv; charset=utf-8'")
    tag = "" if kind == "text/html" else "[other_type] "  # text/html is HttpResponse's default: the starter's
    assert kind == "text/csv", f"{tag}Content-Type is {content_type!r}, expected 'text/csv; charset=utf-8'"
    assert charset == "utf-8", (
        f"[other_type] Content-Type is {content_type!r}, the charset is not UTF-8; expected 'text/csv; charset=utf-8'")


DOWNLOAD = 'attachment; filename="report.csv"'


def test_it_is_a_download(response, api):
    # Parsed, as a browser reads it: `filename=report.csv` without quotes (send_file's) is the same download.
    disposition = response.headers.get("content-disposition")
    kind, filename = content_disposition(disposition)
    assert kind != "inline", f"[inline] Content-Disposition is {disposition!r}: the browser shows it; expected {DOWNLOAD!r}"
    assert (kind, filename) == ("attachment", "report.csv"), f"Content-Disposition is {disposition!r}, expected {DOWNLOAD!r}"
    assert_only_this_download(fetch, "/report.csv", "report.csv", causes=("name_from_request", "every_response_a_download"))
    shared.a_browser_gets_the_same_download(fetch, parts)
    shared.every_client_gets_the_same_download(fetch, parts)
    shared.each_header_once(response.items())
    shared.head_answers_as_get(api)


def test_the_rest_of_the_app_is_unchanged(monkeypatch, api):
    shared.only_get_and_head(fetch, parts, head=True)
    debug.check_debug_off(monkeypatch, "settings", lambda module: module.DEBUG)
    shared.everything_else_stays(api)
    # What the answers cannot show (HIDDEN_BY_THE_TESTS); any other setting, a middleware too, is
    # judged by the answers above: a change that answers as the starter did is no change here.
    settings, starter = importlib.import_module("settings"), starter_answers.recorded_settings(FOLDER)
    for name in HIDDEN_BY_THE_TESTS:
        mine, theirs = sorted(getattr(settings, name, [])), starter[name]
        assert mine == theirs, (
            f"[changes_settings] settings.py's {name} is {mine!r}, the starter's is {theirs!r}: the tests add their own "
            "host themselves, so the answers cannot show this change, but the deployed site would answer differently")
