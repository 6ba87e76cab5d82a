"""The Lighthouse report's own parts that do not need Chromium: what it audits and how it serves."""

from __future__ import annotations

import gzip
import urllib.request

import pytest

from guide_tools.devtools import lighthouse
from tests.browser.browser import serve_site


@pytest.fixture
def static_host(tmp_path):
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<p>" + "hello " * 500 + "</p>", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG not text")
    with serve_site(tmp_path, lighthouse._StaticHost) as server:
        yield server.origin, tmp_path


def get(url: str, **headers: str):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:  # noqa: S310
        return response.headers, response.read()


def test_text_is_served_gzip_compressed_to_a_browser_that_accepts_it(static_host):
    origin, root = static_host
    headers, body = get(origin + "/page/", **{"Accept-Encoding": "gzip, deflate, br"})
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Type"] == "text/html"
    assert gzip.decompress(body) == (root / "page" / "index.html").read_bytes()
    assert len(body) < len(gzip.decompress(body)) / 10


def test_without_gzip_or_for_images_the_file_is_sent_as_it_is(static_host):
    origin, root = static_host
    headers, body = get(origin + "/page/")
    assert "Content-Encoding" not in headers and body == (root / "page" / "index.html").read_bytes()
    headers, body = get(origin + "/logo.png", **{"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in headers and body == b"\x89PNG not text"


def test_it_audits_the_home_page_a_chapter_and_the_benchmarks_in_every_language():
    from guide_tools.website.content import chapter_pages

    pages = lighthouse.pages_to_audit()
    assert pages[0] == "index.md"
    assert pages[1] in set(chapter_pages())
    assert pages[2:] == ["performance/benchmarks.md", "performance/benchmark_method.md"]
    assert lighthouse.url_path("ko", "compare/routing.md") == "ko/compare/routing/"
    assert lighthouse.url_path("en", "index.md") == ""


def report(fcp: float, tti: float, performance: float) -> dict:
    return {"audits": {"first-contentful-paint": {"numericValue": fcp}, "interactive": {"numericValue": tti}},
            "categories": {"performance": {"score": performance}}}


def test_the_median_run_is_the_one_nearest_the_median_paint_and_interactive_times():
    """As Lighthouse's computeMedianRun: not the median score, but the run whose first contentful
    paint and time to interactive are nearest both medians."""
    fast, middle, slow = report(1300, 2000, 0.97), report(1400, 2600, 0.91), report(2100, 3900, 0.74)
    assert lighthouse.median_run([slow, fast, middle]) is middle
    assert lighthouse.median_run([fast]) is fast
    # Two runs: both medians lie halfway, both runs are as near; the earlier interactive time wins.
    assert lighthouse.median_run([slow, fast]) is fast


def test_only_picks_a_page_by_its_name_or_its_address():
    """`--only ko/compare/project_structure/` (the page's address, as a report names it) picked no page:
    the filter read only "ko/compare/project_structure.md", and the run printed an empty table."""
    page = "compare/project_structure.md"
    for only in ("ko/compare/project_structure/", "ko/compare/project_structure", "ko/compare/project_structure.md", "ko/", None):
        assert lighthouse.selected(only, "ko", page), only
    assert lighthouse.selected("en/compare/project_structure/", "en", page)
    assert lighthouse.selected("en/", "en", "index.md") and not lighthouse.selected("ko/", "en", "index.md")
    assert not lighthouse.selected("ko/compare/project_structure/", "en", page)
    assert not lighthouse.selected("ko/compare/routing/", "ko", page)


def test_a_filter_that_picks_no_page_says_so_and_fails(monkeypatch, tmp_path, capsys):
    """An --only that matched nothing printed an empty table and "Every page meets the targets"."""
    monkeypatch.setattr(lighthouse, "chromium", lambda: "chromium")
    monkeypatch.setattr(lighthouse, "install_lighthouse", lambda: None)
    monkeypatch.setattr(lighthouse, "site", lambda: tmp_path)
    monkeypatch.setattr(lighthouse, "pages_to_audit", lambda: ["index.md"])
    monkeypatch.setattr(lighthouse, "audit", lambda *args: pytest.fail("no page should be audited"))
    assert lighthouse.main(["--only", "xx/"]) == 2
    out = capsys.readouterr().out
    assert "no audited page matches --only 'xx/'" in out and "Every page meets" not in out
