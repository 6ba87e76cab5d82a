"""The browser runtime's figures, measured and printed, never asserted (the machine's load decides them):

- bytes served over loopback from navigation to the first Flask result (as sent, and gzipped as
  a static host such as GitHub Pages sends them),
- cold: the time from the click on Run to the first result, with an empty browser cache (the
  first Run registers the site's service worker, runtime-sw.js, and its downloads fill its cache),
- a second Run of the same listing (Python is running already),
- a Run on the next page with a runnable listing, cache warm: a new page needs Python again, from
  the service worker's cache (the server sends `Cache-Control: max-age=600`, as GitHub Pages does,
  but the files come from the service worker: how many the server sent again is printed), with
  the time to Python's start-up, to the wheels and to the answer (Python resumes from the memory
  snapshot the first page kept, worker.js; the first page waits 1 s after its Runs so that the
  snapshot is stored before it is left, and how many snapshots the cache held is printed),
- the same with the network cut (offline), which must not differ,
- and on an exercise page (Check on the page: exercise.js, the same worker): what the runtime sent
  before the first Check (nothing), the time from the click on Check to its results with an empty
  cache, the bytes until then, and a Check on the next exercise page with the cache warm.

    python3 dev.py runtime-figures        (the built site of the current inputs, system Chromium)
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import threading
import time
from pathlib import Path

from guide_tools.runtime import assemble, listings

FIRST = ("compare/routing.md", "compare/routing/out/flask_static.txt")
NEXT = ("compare/errors.md", "compare/errors/out/flask_raised_404.txt")
FIRST_EXERCISE = ("compare/routing.md", "compare/routing/flask")
NEXT_EXERCISE = ("compare/errors.md", "compare/errors/flask")


class Counted(http.server.SimpleHTTPRequestHandler):
    served: list[tuple[str, int, int]] = []  # (path, bytes, gzipped bytes)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def copyfile(self, source, outputfile) -> None:
        data = source.read()
        outputfile.write(data)
        Counted.served.append((self.path, len(data), len(gzip.compress(data, 6))))

    def log_message(self, format, *args) -> None:  # noqa: A002
        pass


def _url(origin: str, page: str) -> str:
    return f"{origin}/{page.removesuffix('.md')}/"


# Records when the block's status changes (what loads: Python, the wheels, the run), in ms.
PHASES = """([selector]) => { const s = document.querySelector(selector).querySelector("[role=status]");
    window.sbsPhases = []; const start = performance.now();
    new MutationObserver(() => window.sbsPhases.push([s.textContent, performance.now() - start]))
        .observe(s, {childList: true, characterData: true, subtree: true}); }"""


# How many memory snapshots of Python (worker.js) the site's caches hold.
SNAPSHOTS = """async () => { let n = 0; for (const name of await caches.keys()) {
    n += (await (await caches.open(name)).keys()).filter((r) => r.url.includes("/snapshot/")).length; } return n; }"""


def _run(page, output: str, timeout: float = 300) -> tuple[float, dict[str, float]]:
    """Seconds from the click to the answer, and when each phase began (runtime, packages, running)."""
    topic, _, name = output.partition("/out/")
    selector = f'div.sbs-run[data-sbs-topic="{topic}"][data-sbs-output="{name}"]'
    holder = page.locator(selector)
    status = holder.locator("[role=status]")
    status.evaluate("s => { s.textContent = ''; }")  # a second Run ends on the same text as the first
    page.evaluate(PHASES, [selector])
    started = time.perf_counter()
    holder.locator("button").first.click()
    page.wait_for_function(
        """([selector]) => { const h = document.querySelector(selector);
            const b = h.querySelector("button"), s = h.querySelector("[role=status]");
            return !b.disabled && s.textContent.length > 0 && !s.textContent.endsWith("…"); }""",
        arg=[selector], timeout=timeout * 1000, polling=20)
    elapsed = time.perf_counter() - started
    if "Live output" not in status.text_content():
        raise RuntimeError(f"{output}: {status.text_content()}")
    phases: dict[str, float] = {}
    for text, at in page.evaluate("window.sbsPhases"):
        key = "runtime" if text.startswith("Loading Python") else "packages" if text.startswith("Loading ") else (
            "running" if text.startswith("Running") else "")
        if key and key not in phases:
            phases[key] = at / 1000
    return elapsed, phases


def _phases(phases: dict[str, float], total: float) -> str:
    marks = [f"{name} at {phases[name]:.2f} s" for name in ("runtime", "packages", "running") if name in phases]
    return f"(status: {', '.join(marks)}, answer at {total:.2f} s)" if marks else ""


def _check(page, exercise: str, timeout: float = 300) -> tuple[float, str]:
    """Seconds from the click on Check to its results, and the status line it ends on. The editor
    loads when the exercise is near the screen, so the box is scrolled to first."""
    box = page.locator(f'div.sbs-exercise[data-sbs-exercise="{exercise}"]')
    box.locator("xpath=..").scroll_into_view_if_needed()
    box.locator(".cm-content").wait_for(timeout=timeout * 1000)
    button = box.locator(".sbs-exercise__controls button").first
    started = time.perf_counter()
    button.click()
    page.wait_for_function(
        """([box]) => { const b = box.querySelector(".sbs-exercise__controls button");
            const r = box.querySelector("pre.sbs-exercise__results");
            return !b.disabled && r && r.textContent.length > 0; }""",
        arg=[box.element_handle()], timeout=timeout * 1000, polling=20)
    return time.perf_counter() - started, box.locator("[role=status]").text_content().strip()


def measure_checks(origin: str, browser) -> list[str]:
    """The figures on exercise pages, in a context of their own (an empty cache)."""
    context = browser.new_context()
    page = context.new_page()
    Counted.served.clear()
    page.goto(_url(origin, FIRST_EXERCISE[0]), wait_until="networkidle")
    box = page.locator(f'div.sbs-exercise[data-sbs-exercise="{FIRST_EXERCISE[1]}"]')
    box.locator("xpath=..").scroll_into_view_if_needed()
    box.locator(".cm-content").wait_for(timeout=60_000)
    before = [path for path, *_ in Counted.served if "/assets/runtime/" in path and "/py/" in path]
    served_before = len(Counted.served)
    cold, status = _check(page, FIRST_EXERCISE[1])
    packed = sum(gz for _, _, gz in Counted.served[served_before:])
    page.wait_for_timeout(1000)  # the snapshot is stored while the first Check goes on
    page.goto(_url(origin, NEXT_EXERCISE[0]), wait_until="networkidle")
    warm, _ = _check(page, NEXT_EXERCISE[1])
    context.close()
    return [
        f"  an exercise page ({FIRST_EXERCISE[0]}, {FIRST_EXERCISE[1]}): runtime files sent before the first Check: "
        f"{len(before)}; click on Check to its results, cold: {cold:.1f} s ({status!r}), "
        f"{packed / 1e6:.1f} MB gzipped sent for it",
        f"  a Check on the next exercise page ({NEXT_EXERCISE[0]}), cache warm: {warm:.2f} s",
    ]


def measure(site: Path, chromium: str) -> list[str]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(Counted, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    load_before = os.getloadavg()[0]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=[
                "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
            context = browser.new_context()
            page = context.new_page()
            Counted.served.clear()
            page.goto(_url(origin, FIRST[0]), wait_until="load")
            page_bytes = sum(gz for _, _, gz in Counted.served)
            cold, cold_phases = _run(page, FIRST[1])
            raw = sum(n for _, n, _ in Counted.served)
            packed = sum(gz for _, _, gz in Counted.served)
            second, _ = _run(page, FIRST[1])
            page.wait_for_timeout(1000)  # the snapshot is stored while the first Run goes on
            snapshots = page.evaluate(SNAPSHOTS)
            page.goto(_url(origin, NEXT[0]), wait_until="networkidle")
            served_before_next = len(Counted.served)
            next_page, next_phases = _run(page, NEXT[1])
            refetched = [path for path, *_ in Counted.served[served_before_next:] if "/assets/runtime/" in path]
            page.goto(_url(origin, FIRST[0]), wait_until="networkidle")
            context.set_offline(True)
            offline, offline_phases = _run(page, FIRST[1])
            context.set_offline(False)
            checks = measure_checks(origin, browser)
            browser.close()
    finally:
        server.shutdown()
    runtime_raw, runtime_gz = assemble.sizes(site / "assets" / "runtime")
    site_raw = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return [
        "Run in the browser (guide_tools/runtime/figures.py; measured on this machine, under its current load):",
        f"  bytes over loopback, navigation to the first Flask result: {raw / 1e6:.1f} MB as served, "
        f"{packed / 1e6:.1f} MB gzipped (the page itself: {page_bytes / 1e3:.0f} kB gzipped)",
        f"  cold, click to the first Flask result: {cold:.1f} s {_phases(cold_phases, cold)}",
        f"  a second Run of the same listing: {second:.2f} s",
        f"  a Run on the next page ({NEXT[0]}), cache warm: {next_page:.2f} s {_phases(next_phases, next_page)}; "
        f"runtime files the server sent again: {len(refetched)}; memory snapshots in the cache: {snapshots}",
        f"  the first page again, network cut: {offline:.2f} s {_phases(offline_phases, offline)}",
        *checks,
        f"  the site: {site_raw / 1e6:.1f} MB, of which the runtime {runtime_raw / 1e6:.1f} MB "
        f"({runtime_gz / 1e6:.1f} MB gzipped)",
        f"  load average (1 min) {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores: "
        "the machine is shared, so these are not idle figures",
    ]


def main() -> int:
    from guide_tools.website import sitebuild

    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("runtime-figures: no Chromium; install it with `apt-get install chromium`, or set CHROMIUM=/path")
        return 1
    if not listings.runnable():
        print("runtime-figures: no runnable listing")
        return 1
    from playwright.sync_api import Error as PlaywrightError

    try:
        print("\n".join(measure(sitebuild.built_site(), chromium)))
    except (PlaywrightError, RuntimeError) as problem:
        print(f"runtime-figures: no figures: {str(problem).splitlines()[0]}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
