"""Checks of the responses exercise, Flask: `python3 dev.py exercise responses/flask`."""

import pathlib
from types import SimpleNamespace

import app as module
import pytest
from guide_tools.exercises.support import assert_only_this_download, content_disposition, media_type
from app import app

from exercises.batteries import debug, routes, starter_answers
from exercises.compare.responses import shared_checks as shared


def fetch(path: str, headers: dict | None = None, method: str = "GET"):
    app.config.update(TESTING=True)
    return app.test_client().open(path, method=method, headers=headers or {})


def parts(response):
    return response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.get_data()


def get_report():
    response = fetch("/report.csv")
    assert response.status_code == 200, f"GET /report.csv answered {response.status_code}, expected 200"
    return response


@pytest.fixture
def response():
    return get_report()


STARTER = shared.recorded(pathlib.Path(__file__).parent)  # the starter's answers, recorded (shared_checks)


def exchange(method: str, path: str, headers: dict) -> starter_answers.Answer:
    """The reader's answer as the starter's were recorded: a crash is the status 500."""
    app.config.update(TESTING=True, PROPAGATE_EXCEPTIONS=False)
    try:
        response = app.test_client().open(path, method=method, headers=headers)
    finally:
        app.config.update(PROPAGATE_EXCEPTIONS=None)
    _, _, reason = response.status.partition(" ")
    return starter_answers.answer(response.status_code, reason, response.headers.items(), response.get_data(),
                                  per_request=shared.PER_REQUEST)


@pytest.fixture
def api():
    def route_paths():
        return [path for path, methods, rule in routes.flask_routes(app) if "GET" in methods]

    return SimpleNamespace(exchange=exchange, starter=STARTER, route_paths=route_paths)


def text(response) -> str:
    """The body as the Content-Type's charset, UTF-8, says to read it."""
    data = response.get_data()
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
    assert (kind, charset) == ("text/csv", "utf-8"), f"Content-Type is {content_type!r}, expected 'text/csv; charset=utf-8'"


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
    shared.each_header_once(response.headers.items())  # the raw list: Werkzeug keeps a header given twice
    shared.head_answers_as_get(api)


def test_the_rest_of_the_app_is_unchanged(monkeypatch, api):
    shared.only_get_and_head(fetch, parts, head=True)
    debug.check_debug_off(monkeypatch, "app", lambda module: module.app.debug)
    shared.everything_else_stays(api)
