"""Fixtures of the browser tests: the built site on loopback, one Chromium per xdist worker,
and a folder for the screenshots a reviewer looks at."""

from __future__ import annotations

import contextlib
import http.server
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from guide_tools.website.content import LANGUAGES
from tests.browser import browser as b
from tests.site.sitebuild import shared_site
from tests.site.test_pages import nav_pages

# Every page in nav, in every language: the site's own list, so new pages are checked unasked.
PAGES = [(lang, page) for lang in LANGUAGES for page in nav_pages()]
ARTIFACTS = "browser-artifacts"


def run_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This run's basetemp, the same folder in every xdist worker and in the controller."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    folder = run_root(tmp_path_factory) / ARTIFACTS
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    return b.chromium_path()  # skips (or fails under CI) before the site is built for nothing


@pytest.fixture(scope="session")
def site(tmp_path_factory, chromium_executable) -> Iterator[b.SiteServer]:
    with b.serve_site(shared_site(tmp_path_factory)) as server:
        yield server


@pytest.fixture(scope="module")
def browser(chromium_executable) -> Iterator[object]:
    """Module scope, not session: Playwright's sync API keeps an asyncio loop running in the worker's
    thread while it is open, and every later test in that xdist worker that calls asyncio.run() or
    touches Django's ORM would fail. Closed when the worker leaves a browser test module."""
    from playwright.sync_api import sync_playwright

    with paused_coverage(), sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_executable, args=b.CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@contextlib.contextmanager
def paused_coverage() -> Iterator[None]:
    """No tracing while the browser tests drive Chromium: they run no snippet (coverage's source),
    and tracing Playwright's greenlet-based sync API nearly doubled their Python CPU time (5 min 38 s
    against 3 min 19 s for the suite on this machine). It also keeps coverage's greenlet mode out of
    the way of Playwright's greenlets: twice a full run stalled in a browser test with the worker
    spinning at 100 % CPU, never reproduced without coverage."""
    import coverage

    current = coverage.Coverage.current()
    if current is not None:
        current.stop()
    try:
        yield
    finally:
        if current is not None:
            current.start()


@pytest.fixture
def loopback_server() -> Iterator[Callable[[type[http.server.BaseHTTPRequestHandler]], int]]:
    """`loopback_server(Handler)` -> port: an HTTP server of that handler class on loopback, in a
    thread, stopped when the test ends (the cookie tests' stand-in apps)."""
    with contextlib.ExitStack() as servers:
        yield lambda handler: servers.enter_context(b.serve_on_loopback(handler))


@contextlib.contextmanager
def chromium_resolving(chromium_executable: str, names: Iterable[str]) -> Iterator[object]:
    """A Chromium of its own, in which each of `names` resolves to loopback (any other host but
    loopback still fails, as in b.CHROMIUM_FLAGS): for a test that needs a site's name, not
    127.0.0.1. Coverage is paused while it runs, as for the `browser` fixture."""
    from playwright.sync_api import sync_playwright

    flags = [f for f in b.CHROMIUM_FLAGS if not f.startswith("--host-resolver-rules=")]
    mapped = "".join(f"MAP {name} {b.HOST}, " for name in names)
    flags.append(f"--host-resolver-rules={mapped}MAP * ~NOTFOUND, EXCLUDE {b.HOST}")
    with paused_coverage(), sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_executable, args=flags)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_context(browser, site):
    """`new_context(**options)` -> (context, watch): a fresh profile whose misbehaviour is recorded."""
    made = []

    def make(**options):
        context = browser.new_context(base_url=site.origin, **options)
        context.set_default_timeout(30_000)
        watch = b.Watch(site.origin)
        watch.attach(context)
        made.append(context)
        return context, watch

    yield make
    for context in made:
        context.close()


def pytest_terminal_summary(terminalreporter, config) -> None:
    factory = getattr(config, "_tmp_path_factory", None)
    if factory is None or getattr(config, "workerinput", None) is not None:
        return
    folder = factory.getbasetemp() / ARTIFACTS
    shots = sorted(folder.glob("*.png")) if folder.is_dir() else []
    if shots:
        terminalreporter.write_line(f"browser screenshots ({len(shots)}): {folder}")
