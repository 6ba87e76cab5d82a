"""The README's serve command really serves the three-language site."""

from __future__ import annotations

import sys

import httpx2
import pytest

from guide_tools.content import ROOT
from tests.support.services import run_server

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("site-build")]


def test_dev_py_serve_serves_every_language():
    with run_server([sys.executable, "dev.py", "serve"], cwd=ROOT, timeout=180, measure=False) as server:
        pages = {path: httpx2.get(f"{server.url}{path}", timeout=30) for path in ("/", "/ko/", "/ru/compare/routing/")}
    for path, response in pages.items():
        assert response.status_code == 200, path
    assert '<html lang="ko"' in pages["/ko/"].text
    assert '<html lang="ru"' in pages["/ru/compare/routing/"].text
