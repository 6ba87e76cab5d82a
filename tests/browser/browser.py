"""Driving the system Chromium with Playwright against the built site, served on loopback.

`playwright install` cannot download browsers on every machine (nor in a hermetic run), so the
tests use the distribution's Chromium (`apt-get install chromium`) through `executable_path`.
"""

from __future__ import annotations

import contextlib
import functools
import html.parser
import http.server
import os
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from guide_tools.website.content import DEFAULT_LANGUAGE, LANGUAGES
from tests.support import services

HOST = services.HOST
VENDOR = Path(__file__).resolve().parent / "vendor"
AXE_JS = VENDOR / "axe.min.js"  # axe-core, pinned and vendored: see vendor/README.md
# The site's light/dark switch (overrides/partials/palette.html): the form, and its one visible button.
PALETTE = "form[data-sbs-component=palette]"
PALETTE_TOGGLE = f"{PALETTE} label:visible"

CHROMIUM_HOW = (
    "The browser tests drive the system Chromium: install it with `apt-get install chromium "
    "fonts-noto-cjk` (Debian; `.ci/run` does this in CI), or point CHROMIUM=/path/to/chrome at one."
)
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Hermetic: any host but the loopback test server fails to resolve (and is reported by the tests).
    f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {HOST}",
]


def chromium_path() -> str:
    """The system Chromium, or skip (fail under CI) with how to install it."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured
    found = shutil.which("chromium") or shutil.which("chromium-browser")  # Debian / Ubuntu names
    if found:
        return found
    return services.find_binary("chromium", CHROMIUM_HOW)


# --------------------------------------------------------------------------- the site on loopback


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


@dataclass
class SiteServer:
    root: Path
    port: int

    @property
    def origin(self) -> str:
        return f"http://{HOST}:{self.port}"

    def url(self, lang: str, page: str) -> str:
        """`compare/routing.md` in `ko` -> http://127.0.0.1:PORT/ko/compare/routing/"""
        path = "" if page == "index.md" else page.removesuffix(".md") + "/"
        prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
        return f"{self.origin}/{prefix}{path}"


@contextlib.contextmanager
def serve_site(root: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[SiteServer]:
    """A static file server for the built site on a free loopback port, in a thread."""
    with serve_on_loopback(functools.partial(handler_class, directory=str(root)), "site-server") as port:
        yield SiteServer(root, port)


@contextlib.contextmanager
def serve_on_loopback(handler, name: str = "test-server") -> Iterator[int]:
    """An HTTP server of `handler` (a request handler class) on a free loopback port, in a thread;
    yields the port and stops the server on leaving."""
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def page_of(url: str, site: SiteServer) -> tuple[str, str]:
    """The (lang, page) a site URL shows: the inverse of SiteServer.url."""
    path = urlsplit(url).path.strip("/")
    lang = DEFAULT_LANGUAGE
    first, _, rest = path.partition("/")
    if first in LANGUAGES and first != DEFAULT_LANGUAGE:
        lang, path = first, rest
    return lang, (path + ".md" if path else "index.md")


# --------------------------------------------------------------------------- links


class _Ids(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value or "")


@functools.cache
def fetch_ids(url: str) -> tuple[int, frozenset[str]]:
    """HTTP status of a site URL and the ids in it (cached per worker: pages share many targets)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback test server
            body = response.read()
            status, kind = response.status, response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        return error.code, frozenset()
    if kind != "text/html":
        return status, frozenset()
    parser = _Ids()
    parser.feed(body.decode("utf-8", errors="replace"))
    return status, frozenset(parser.ids)


def broken_links(hrefs: list[str], page_url: str, origin: str, live_ids: set[str] = frozenset()) -> list[str]:
    """Internal links (absolute, as the browser resolved them) whose target is not 200 or whose anchor
    is missing. Anchors on the page itself are looked up in `live_ids` too: Material's JavaScript adds
    some targets (code annotations) after loading."""
    problems = []
    for href in sorted(set(hrefs)):
        if not href.startswith(origin + "/"):
            continue  # another site: `python3 dev.py check-links` checks those on demand
        target, _, fragment = href.partition("#")
        status, ids = fetch_ids(target)
        if target == page_url.partition("#")[0]:
            ids = ids | live_ids
        if status != 200:
            problems.append(f"{href}: HTTP {status}")
        elif fragment and unquote(fragment) not in ids:
            problems.append(f"{href}: no element with id {unquote(fragment)!r} on {target}")
    return problems


# --------------------------------------------------------------------------- what a page did


@dataclass
class Watch:
    """Everything a browser context reported that a clean page must not do."""

    origin: str
    problems: list[str] = field(default_factory=list)

    def attach(self, context) -> None:
        context.on("page", self.attach_page)
        for page in context.pages:
            self.attach_page(page)

    def attach_page(self, page) -> None:
        """One page only, in a context that other tests' pages share."""
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught exception: {error}"))
        page.on("request", self._request)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("worker", self._attach_worker)

    def _failed(self, request) -> None:
        if request.failure == "net::ERR_ABORTED":
            return  # cancelled by the browser because the test navigated on (a 404 is caught as a response)
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _attach_worker(self, worker) -> None:
        worker.on("console", self._console)

    def _console(self, message) -> None:
        if message.type == "warning" and "was preloaded using link preload but not used within a few seconds" in message.text:
            return  # a timer that a page starved of CPU misses: test_every_preloaded_font_is_used_by_the_page checks it
        if message.type in {"error", "warning"}:
            self.problems.append(f"console {message.type}: {message.text} ({message.location.get('url', '')})")

    def _request(self, request) -> None:
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        if urlsplit(url).hostname != HOST:
            self.problems.append(f"request to another host: {url}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status} for {response.url}")


# --------------------------------------------------------------------------- axe-core


def evaluate_promise(page, function: str, arg=None, *, what: str, seconds: float = 60):
    """page.evaluate() of a function returning a promise, failing after `seconds` instead of waiting
    forever (Playwright's evaluate has no timeout; a promise that never settles would hang the run)."""
    return page.evaluate(
        """([source, arg, ms, what]) => Promise.race([
            (0, eval)(`(${source})`)(arg),
            new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)),
        ])""",
        [function, arg, int(seconds * 1000), what],
    )


def scroll_through(page) -> None:
    """Scroll the page to its end a screen at a time, as a reader does, and back to the top.

    Material mounts a code block's copy button and annotations when the block first comes into
    view (`content.lazy` in mkdocs.yml, for page speed): whatever checks them must scroll first.
    Half a screen per stop, so each block is in view at two stops: with a whole screen per stop
    (each block in view once), a full run under load once left 1 of 39 blocks unmounted. Each
    stop waits two frames: the observer looks after the first frame's callbacks have run.

    Two frames or 300 ms, whichever comes first: Chromium sometimes stops producing frames for a
    page on a loaded machine (CI once saw no frame for 60 s on a page loaded by a click, and the
    scroll never ended). A stop that times out still scrolled; what depends on the mounting is
    checked by the caller, which then fails with a message about what is missing."""
    evaluate_promise(
        page,
        """async () => {
            const frames = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
            const frame = () => Promise.race([frames(), new Promise(resolve => setTimeout(resolve, 300))]);
            for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
                window.scrollTo(0, y);
                await frame();
            }
            window.scrollTo(0, 0);
            await frame();
        }""",
        what="scrolling through the page",
    )


# What a colour scheme can change: contrast, and links told apart from their text by colour alone.
COLOUR_RULES = ("color-contrast", "link-in-text-block")


def axe_violations(page, context: str | None = None, rules: tuple[str, ...] | None = None,
                   exclude: tuple[str, ...] = ()) -> list[str]:
    """Run the vendored axe-core on the page (or a CSS selector in it), every rule (but `exclude`)
    or only `rules`; one line per violating node.

    It waits for running CSS transitions to end first: a tooltip fading in (Material shows one on
    the palette toggle just clicked) has colours between its two states, which axe would measure."""
    page.wait_for_function(
        "() => document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')",
        timeout=5_000,
    )
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    violations = evaluate_promise(
        page,
        """([context, rules, exclude]) => axe.run(context === null ? document : context,
                {resultTypes: ['violations'], ...(rules === null ? {} : {runOnly: {type: 'rule', values: rules}}),
                 rules: Object.fromEntries(exclude.map(id => [id, {enabled: false}]))}).then(
            r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))})))""",
        [context, None if rules is None else list(rules), list(exclude)], what="axe.run",
    )
    lines = []
    for violation in violations:
        for node in violation["nodes"][:8]:
            summary = " ".join(node["summary"].split())
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -- {node['target']} -- {summary}")
        if len(violation["nodes"]) > 8:
            lines.append(f"{violation['id']}: … and {len(violation['nodes']) - 8} more nodes")
    return lines
