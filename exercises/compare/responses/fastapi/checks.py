"""Checks of the responses exercise, FastAPI: `python3 dev.py exercise responses/fastapi`."""

import pathlib
from types import SimpleNamespace

import app as module
import pytest
from guide_tools.exercises.support import assert_only_this_download, content_disposition, media_type
from app import app
from fastapi.testclient import TestClient

from exercises.batteries import debug, routes, starter_answers
from exercises.compare.responses import shared_checks as shared


def fetch(path: str, headers: dict | None = None, method: str = "GET"):
    with TestClient(app) as client:
        return client.request(method, path, headers=headers)


def parts(response):
    return response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.content


def get_report():
    response = fetch("/report.csv")
    assert response.status_code == 200, f"GET /report.csv answered {response.status_code}, expected 200"
    return response


@pytest.fixture
def response():
    return get_report()


STARTER = shared.recorded(pathlib.Path(__file__).parent)  # the starter's answers, recorded (shared_checks)


@pytest.fixture
def api():
    with TestClient(app, raise_server_exceptions=False) as client:  # a crash is the status 500

        def exchange(method: str, path: str, headers: dict) -> starter_answers.Answer:
            response = client.request(method, path, headers=headers, follow_redirects=False)  # a redirect is an answer
            return starter_answers.answer(response.status_code, "", response.headers.multi_items(), response.content,
                                          per_request=shared.PER_REQUEST)

        def route_paths():
            return [path for path, methods, route in routes.starlette_served(app, fill="1") if methods and "GET" in methods]

        yield SimpleNamespace(exchange=exchange, starter=STARTER, route_paths=route_paths)


def text(response) -> str:
    """The body as the Content-Type's charset, UTF-8, says to read it."""
    data = response.content
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
    assert not text(response).startswith("\ufeff"), (
        f"[bom_added] GET /report.csv answered {text(response)[:20]!r}...: the body starts with a byte order mark, expected {EXPECTED!r}")
    assert text(response) == EXPECTED, f"GET /report.csv answered {text(response)!r}, expected {EXPECTED!r}"
    shared.built_in_memory(fetch)
    monkeypatch.setattr(module, "BOOKS", MORE_BOOKS)
    more = get_report()
    other = text(more)
    shared.length_counts_bytes(parts, more)
    assert other == MORE_EXPECTED, (
        f"[body_not_from_data] with other BOOKS (a title with a comma and quotes), GET /report.csv answered {other!r}, expected {MORE_EXPECTED!r}")
    # Only then, two at once: a body that is wrong alone is told so first.
    shared.two_requests_at_once(fetch, parts, module, monkeypatch, MORE_BOOKS, MORE_EXPECTED)


def test_content_type_is_csv(response):
    # Parsed (RFC 9110 8.3.1): `text/csv;charset=UTF-8` and `text/csv; charset="utf-8"` are the same type.
    content_type = response.headers["content-type"]
    kind, charset = media_type(content_type)
    assert (kind, charset) != ("text/csv", None), (
        f"[no_charset] Content-Type is {content_type!r}, without a charset; expected 'text/csv; charset=utf-8'")
    tag = "" if kind == "text/plain" else "[other_type] "
    assert (kind, charset) == ("text/csv", "utf-8"), f"{tag}Content-Type is {content_type!r}, expected 'text/csv; charset=utf-8'"


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
    shared.each_header_once(response.headers.multi_items())  # the raw list, a header given twice twice
    shared.head_answers_as_get(api)


def test_the_rest_of_the_app_is_unchanged(monkeypatch, api):
    shared.only_get_and_head(fetch, parts, head=False)  # FastAPI's @app.get answers HEAD with 405
    debug.check_debug_off(monkeypatch, "app", lambda module: module.app.debug)
    shared.everything_else_stays(api)
