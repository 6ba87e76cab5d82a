"""Links to other sites: collected from every page in every language, checked only on demand.

Hermetic tests cannot reach the internet, so external links are not part of the test run.
`python3 dev.py check-links` fetches each one (HEAD, then GET when a server refuses HEAD) and
exits non-zero when any answers with an error or not at all. Run it before a release and when
a page adds links; official documentation links should point at the current stable docs.

Which version of a site's documentation a link names is checked offline, by `version_problem()`:
the tests run it over every page and every generated table.
"""

from __future__ import annotations

import concurrent.futures
import re
import sys
import urllib.error
import urllib.request

from guide_tools.website import content

URL_RE = re.compile(r"https?://[^\s)\"'<>`\]]+")
USER_AGENT = "side-by-side-link-check/1"

# Documentation sites with versions: a link names the version the guide runs, or `stable` (the
# current release). Read the Docs' and Pallets' `latest` is the development branch, and a bare
# Read the Docs address redirects to whatever the project made its default.
VERSION_RULES = (
    (re.compile(r"https://[\w.-]+\.(readthedocs\.io|palletsprojects\.com)/en/latest/"),
     "`latest` is the development branch: link `/en/stable/`"),
    (re.compile(r"https://[\w.-]+\.readthedocs\.io/?$"),
     "a bare Read the Docs address redirects to the project's default version: link `/en/stable/`"),
    (re.compile(r"https://docs\.djangoproject\.com/(?!en/\d+\.\d+/)"),
     "link the Django version the guide runs, `/en/5.2/` (or the version the sentence is about)"),
    (re.compile(r"https://docs\.sqlalchemy\.org/(?!en/\d+/)"),
     "link the SQLAlchemy series the guide runs, e.g. `/en/21/`"),
)


def version_problem(url: str) -> str | None:
    """What is wrong with the documentation version a URL names, or None."""
    for pattern, problem in VERSION_RULES:
        if pattern.match(url):
            return problem
    return None


def external_links() -> dict[str, set[str]]:
    """URL -> the pages (docs/<lang>/<page>) that link to it. URLs inside code are not links."""
    found: dict[str, set[str]] = {}
    for lang in content.LANGUAGES:
        for page in content.pages(lang):
            text = content.strip_fences(content.page_path(lang, page).read_text(encoding="utf-8"))
            text = re.sub(r"`[^`\n]*`", " ", text)
            for url in URL_RE.findall(text):
                found.setdefault(url.rstrip(".,;:"), set()).add(f"docs/{lang}/{page}")
    return found


def check(url: str, timeout: float = 20) -> str | None:
    """None when the URL answers with a success or redirect status; otherwise the problem."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only
                if response.status < 400:
                    return None
                problem = f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            problem = f"HTTP {exc.code}"
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue  # some servers refuse HEAD; try GET
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            problem = f"unreachable ({getattr(exc, 'reason', exc)})"
        return problem
    return problem


def main(args: list[str]) -> int:
    links = external_links()
    if not links:
        print("No links to other sites in docs/.")
        return 0
    print(f"Checking {len(links)} external links...")
    failures = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        for url, problem in zip(links, pool.map(check, links)):
            if problem:
                failures += 1
                print(f"BROKEN {url}: {problem}\n       linked from {', '.join(sorted(links[url]))}")
    print(f"{len(links) - failures} fine, {failures} broken.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
