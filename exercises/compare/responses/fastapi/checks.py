"""Checks of the responses exercise, FastAPI: `python3 dev.py exercise responses/fastapi`."""

import app as module
import pytest
from app import app
from fastapi.testclient import TestClient


def get_report():
    with TestClient(app) as client:
        response = client.get("/report.csv")
    assert response.status_code == 200, f"GET /report.csv answered {response.status_code}, expected 200"
    return response


@pytest.fixture
def response():
    return get_report()


def text(response) -> str:
    return response.text


EXPECTED = "id,title\r\n1,Two Scoops of Django\r\n2,Flask Web Development\r\n"
# Other data: a title with a comma, quotes and a non-ASCII letter, which the csv module quotes and escapes.
MORE_BOOKS = [(1, "Two Scoops of Django"), (3, 'Django, "Unchained"'), (4, "Café Python")]
MORE_EXPECTED = 'id,title\r\n1,Two Scoops of Django\r\n3,"Django, ""Unchained"""\r\n4,Café Python\r\n'


def test_body_is_the_csv(response, monkeypatch):
    assert text(response) == EXPECTED, f"GET /report.csv answered {text(response)!r}, expected {EXPECTED!r}"
    monkeypatch.setattr(module, "BOOKS", MORE_BOOKS)
    other = text(get_report())
    assert other == MORE_EXPECTED, (
        f"[body_not_from_data] with other BOOKS (a title with a comma and quotes), GET /report.csv answered {other!r}, expected {MORE_EXPECTED!r}")


def test_content_type_is_csv(response):
    content_type = response.headers["content-type"]
    assert content_type != "text/csv", "[no_charset] Content-Type is 'text/csv', expected 'text/csv; charset=utf-8'"
    assert content_type == "text/csv; charset=utf-8", f"Content-Type is {content_type!r}, expected 'text/csv; charset=utf-8'"


def test_it_is_a_download(response):
    disposition = response.headers.get("content-disposition")
    assert not (disposition or "").startswith("inline"), (
        f"[inline] Content-Disposition is {disposition!r}: the browser shows it; expected 'attachment; filename=\"report.csv\"'")
    assert disposition == 'attachment; filename="report.csv"', (
        f"Content-Disposition is {disposition!r}, expected 'attachment; filename=\"report.csv\"'")
