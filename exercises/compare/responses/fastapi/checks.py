"""Checks of the responses exercise, FastAPI: `python3 dev.py exercise responses/fastapi`."""

import pytest
from app import app
from fastapi.testclient import TestClient


@pytest.fixture
def response():
    with TestClient(app) as client:
        response = client.get("/report.csv")
    assert response.status_code == 200, f"GET /report.csv answered {response.status_code}, expected 200"
    return response


def text(response) -> str:
    return response.text


EXPECTED = "id,title\r\n1,Two Scoops of Django\r\n2,Flask Web Development\r\n"


def test_body_is_the_csv(response):
    assert text(response) == EXPECTED, f"GET /report.csv answered {text(response)!r}, expected {EXPECTED!r}"


def test_content_type_is_csv(response):
    content_type = response.headers["content-type"]
    assert content_type == "text/csv; charset=utf-8", f"Content-Type is {content_type!r}, expected 'text/csv; charset=utf-8'"


def test_it_is_a_download(response):
    disposition = response.headers.get("content-disposition")
    assert disposition == 'attachment; filename="report.csv"', (
        f"Content-Disposition is {disposition!r}, expected 'attachment; filename=\"report.csv\"'")
