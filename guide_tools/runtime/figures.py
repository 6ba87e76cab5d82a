"""The browser runtime's figures, measured and printed, never asserted (the machine's load decides them):

- bytes served over loopback from navigation to the first Flask result (as sent, and gzipped as
  a static host such as GitHub Pages sends them),
- cold: the time from the click on Run to the first result, with an empty browser cache,
- a second Run of the same listing, and a Run on the next page with a runnable listing (the
  browser's HTTP cache holds the runtime: the server sends `Cache-Control: max-age=600`, as
  GitHub Pages does).

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


def _run(page, output: str, timeout: float = 300) -> float:
    topic, _, name = output.partition("/out/")
    selector = f'div.sbs-run[data-sbs-topic="{topic}"][data-sbs-output="{name}"]'
    holder = page.locator(selector)
    status = holder.locator("[role=status]")
    status.evaluate("s => { s.textContent = ''; }")  # a second Run ends on the same text as the first
    before = ""
    started = time.perf_counter()
    holder.locator("button").first.click()
    page.wait_for_function(
        """([selector, before]) => { const h = document.querySelector(selector);
            const b = h.querySelector("button"), s = h.querySelector("[role=status]");
            return !b.disabled && s.textContent !== before && s.textContent.length > 0; }""",
        arg=[selector, before], timeout=timeout * 1000, polling=20)
    elapsed = time.perf_counter() - started
    if "Live output" not in status.text_content():
        raise RuntimeError(f"{output}: {status.text_content()}")
    return elapsed


def measure(site: Path, chromium: str) -> list[str]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(Counted, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=[
                "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
            context = browser.new_context()
            page = context.new_page()
            Counted.served.clear()
            page.goto(_url(origin, FIRST[0]), wait_until="load")
            page_bytes = sum(gz for _, _, gz in Counted.served)
            cold = _run(page, FIRST[1])
            raw = sum(n for _, n, _ in Counted.served)
            packed = sum(gz for _, _, gz in Counted.served)
            second = _run(page, FIRST[1])
            page.goto(_url(origin, NEXT[0]), wait_until="load")
            served_before_next = len(Counted.served)
            next_page = _run(page, NEXT[1])
            refetched = Counted.served[served_before_next:]
            browser.close()
    finally:
        server.shutdown()
    runtime_raw, runtime_gz = assemble.sizes(site / "assets" / "runtime")
    site_raw = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return [
        "Run in the browser (guide_tools/runtime/figures.py; measured on this machine, under its current load):",
        f"  bytes over loopback, navigation to the first Flask result: {raw / 1e6:.1f} MB as served, "
        f"{packed / 1e6:.1f} MB gzipped (the page itself: {page_bytes / 1e3:.0f} kB gzipped)",
        f"  cold, click to the first Flask result: {cold:.1f} s",
        f"  a second Run of the same listing: {second:.2f} s",
        f"  a Run on the next page ({NEXT[0]}): {next_page:.2f} s "
        f"({len(refetched)} files fetched again, {sum(n for _, n, _ in refetched) / 1e6:.1f} MB)",
        f"  the site: {site_raw / 1e6:.1f} MB, of which the runtime {runtime_raw / 1e6:.1f} MB "
        f"({runtime_gz / 1e6:.1f} MB gzipped); load average {os.getloadavg()[0]:.1f}",
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
