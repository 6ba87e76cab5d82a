"""Page performance report: Lighthouse on the built site, offline, with the system Chromium.

    python3 dev.py lighthouse            home page, one chapter and (if present) the benchmark pages, per language
    python3 dev.py lighthouse --desktop  the same with Lighthouse's desktop preset (default: mobile)
    python3 dev.py lighthouse --only ko/ --reports /tmp/lh
                                         only the pages whose "lang/page.md" or "lang/page/" contains the text; keep each
                                         page's JSON report in the folder (diagnostics: main-thread work,
                                         long tasks, bootup time per script)
    python3 dev.py lighthouse --runs 5   audit each page 5 times (default 3) and report its median run

Prints the four category scores and the bytes transferred for each page, and exits non-zero when a
page misses a target (100 accessibility, best practices and SEO; 95 performance). It is a report,
not a test: scores depend on the machine's load, so no test asserts them.

One run's performance score moved by 5 to 15 points from run to run here while the pages were slow
to start (1 to 3 since), so each page is audited
several times and the median run is reported, picked as Lighthouse's own computeMedianRun picks it
(`median_run`), as Lighthouse's docs/variability.md advises; the performance scores of all runs are
printed beside it.

Lighthouse is pinned in tools/lighthouse/package.json (+ lock; 12.x: 13 needs a newer Node than 20)
and installed there with `npm ci` on first use. The site is the one the tests read (built once per
content hash of its inputs: guide_tools/website/sitebuild.py), served gzip-compressed, as static hosts serve
it, on a free loopback port. Its canonical links name the configured `site_url` (port 8000): Lighthouse's
canonical audit objects only to a canonical that is relative, invalid, points at another language's
page or sends every page to the home page, never to another port or host.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from guide_tools.website.content import DEFAULT_LANGUAGE, LANGUAGES  # noqa: E402

TOOLS = ROOT / "tools" / "lighthouse"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# The flags the browser tests use; the host resolver rule keeps every other host unreachable.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync "
    '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"'
)


def nav_pages() -> list[str]:
    from tests.site.test_pages import nav_pages as from_mkdocs_yml

    return from_mkdocs_yml()


def pages_to_audit() -> list[str]:
    pages = nav_pages()
    from guide_tools.website.content import chapter_pages

    chapters = set(chapter_pages())
    chosen = ["index.md", next(p for p in pages if p in chapters)]  # the home page and the first chapter
    chosen += [p for p in pages if "benchmark" in p]  # the results and, code-heavy, how they were measured
    return chosen


def url_path(lang: str, page: str) -> str:
    path = "" if page == "index.md" else page.removesuffix(".md") + "/"
    return ("" if lang == DEFAULT_LANGUAGE else f"{lang}/") + path


def selected(only: str | None, lang: str, page: str) -> bool:
    """Whether `--only` picks the page: a part of its "lang/page" name (ko/compare/project_structure.md)
    or of its address with the language first (ko/compare/project_structure/, en/ for the home page)."""
    address = f"{lang}/" + ("" if page == "index.md" else page.removesuffix(".md") + "/")
    return not only or only in f"{lang}/{page}" or only in address


COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a static host does (GitHub Pages, Netlify, nginx with gzip on): text files
    gzip-compressed when the browser accepts it. Python's own server sends everything uncompressed,
    which no reader's browser would see, and which Lighthouse's slow-4G simulation would charge."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE) or not self.path.endswith(("/", path.suffix)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args) -> None:  # noqa: A002
        pass


def chromium() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        sys.exit("lighthouse: Chromium not found. Install it with `apt-get install chromium fonts-noto-cjk` "
                 "(Debian) or set CHROMIUM=/path/to/chrome.")
    return found


def install_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    if not shutil.which("npm"):
        sys.exit("lighthouse: npm not found. Install Node.js 20 with npm (e.g. `apt-get install nodejs npm`).")
    print("lighthouse: installing the pinned Lighthouse into tools/lighthouse/node_modules (first run only)", flush=True)
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=TOOLS, check=True)


def site() -> Path:
    from guide_tools.website.sitebuild import BuildFailed, built_site

    print("lighthouse: the built site (built now if its inputs changed since the last build)", flush=True)
    try:
        return built_site()
    except BuildFailed as failed:
        sys.exit(f"lighthouse: {failed}")


def audit(url: str, report: Path, browser: str, desktop: bool) -> dict:
    argv = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
        "--disable-full-page-screenshot",
    ]
    if desktop:
        argv.append("--preset=desktop")
    subprocess.run(argv, env={**os.environ, "CHROME_PATH": browser}, check=True, timeout=300)
    return json.loads(report.read_text(encoding="utf-8"))


def option(args: list[str], name: str) -> str | None:
    if name not in args:
        return None
    at = args.index(name)
    if at + 1 >= len(args):
        sys.exit(f"lighthouse: {name} needs a value")
    return args[at + 1]


def median_run(results: list[dict]) -> dict:
    """The median run of one page: Lighthouse's computeMedianRun (core/lib/median-run.js in the pinned
    package), in Python. The run nearest the median first contentful paint and median time to
    interactive (squared distance), ties going to the earlier time to interactive."""

    def value(result: dict, audit: str) -> float:
        return result["audits"][audit]["numericValue"]

    def median(values: list[float]) -> float:
        ordered, middle = sorted(values), len(values) // 2
        return ordered[middle] if len(values) % 2 else (ordered[middle - 1] + ordered[middle]) / 2

    fcp = median([value(r, "first-contentful-paint") for r in results])
    tti = median([value(r, "interactive") for r in results])
    return min(results, key=lambda r: ((fcp - value(r, "first-contentful-paint")) ** 2 + (tti - value(r, "interactive")) ** 2,
                                       value(r, "interactive")))


def main(args: list[str]) -> int:
    desktop = "--desktop" in args
    only = option(args, "--only")
    reports = option(args, "--reports")
    runs = int(option(args, "--runs") or 3)
    if runs < 1:
        sys.exit("lighthouse: --runs needs a number of runs, 1 or more")
    if reports:
        Path(reports).mkdir(parents=True, exist_ok=True)
    browser = chromium()
    install_lighthouse()
    with tempfile.TemporaryDirectory(prefix="sbs-lighthouse-") as tmp:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_StaticHost, directory=str(site())))
        origin = f"http://127.0.0.1:{server.server_address[1]}/"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        rows, missed = [], []
        try:
            for lang in LANGUAGES:
                for page in pages_to_audit():
                    if not selected(only, lang, page):
                        continue
                    url = origin + url_path(lang, page)
                    name = f"{lang}-{page.replace('/', '-').removesuffix('.md')}"
                    files = [Path(reports or tmp) / f"{name}-{run + 1}.json" for run in range(runs)]
                    results = [audit(url, file, browser, desktop) for file in files]
                    result = median_run(results)
                    scores = {c: round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES}
                    each = [round(100 * (r["categories"]["performance"]["score"] or 0)) for r in results]
                    size = result["audits"]["total-byte-weight"]["numericValue"]
                    rows.append((f"{lang}/{page}", scores, size, each))
                    print(f"  {lang}/{page}: " + " ".join(f"{c} {s}" for c, s in scores.items()) + f", {size / 1024:.0f} KiB"
                          f" ({metrics(result)}; performance of each run: {each})", flush=True)
                    for category, score in scores.items():
                        if score < TARGETS[category]:
                            failing = [a["id"] for a in (result["audits"][r["id"]] for r in result["categories"][category]["auditRefs"])
                                       if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") in {"binary", "numeric", "metricSavings"}]
                            missed.append(f"{lang}/{page}: {category} {score} < {TARGETS[category]} ({', '.join(failing[:8])})")
        finally:
            server.shutdown()
            server.server_close()
    if not rows:
        print(f"lighthouse: no audited page matches --only {only!r} (pages: {', '.join(pages_to_audit())}, in {', '.join(LANGUAGES)})")
        return 2
    preset = "desktop" if desktop else "mobile (simulated slow 4G, 4x CPU slowdown)"
    print(f"\nLighthouse {lighthouse_version()}, {preset}, Chromium at {browser}, offline, loopback;"
          f" the median of {runs} run{'s' if runs > 1 else ''} per page:")
    print(f"  {'page':<34}" + "".join(f"{c:>16}" for c in CATEGORIES) + f"{'transferred':>14}   performance per run")
    for name, scores, size, each in rows:
        print(f"  {name:<34}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES) + f"{size / 1024:>10.0f} KiB   {each}")
    if missed:
        print("\nBelow target:\n  " + "\n  ".join(missed))
        return 1
    print("\nEvery page meets the targets (performance >= 95, the others 100).")
    return 0


METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
           "cumulative-layout-shift": "CLS", "speed-index": "SI"}


def metrics(result: dict) -> str:
    """The metrics the performance score is made of, as Lighthouse displays them."""
    return ", ".join(f"{short} {result['audits'][audit]['displayValue']}" for audit, short in METRICS.items()
                     if result["audits"].get(audit, {}).get("displayValue"))


def lighthouse_version() -> str:
    package = TOOLS / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"] if package.exists() else "?"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
