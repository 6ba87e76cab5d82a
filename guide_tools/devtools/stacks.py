"""The two stacks the suite runs on, as uv.lock records them: one source of truth for versions.

pyproject.toml has a dependency group per stack (`lts`, `latest`) that picks its Django; uv.lock
resolves both (they are declared as conflicting groups). Everything that names a stack's version,
on a page or in a test, reads it here:

- `django_version(stack)`: the locked Django of a stack ("5.2.19", "6.1.3").
- `current()`: which stack the running interpreter is, from the Django installed (never from a
  flag or an environment variable): the LTS series is "lts", anything newer is "latest".
- Pages write `{django-lts}` / `{django-latest}` (the series, "5.2" / "6.1") and
  `{django-lts-full}` / `{django-latest-full}` (the full version); the MkDocs hook replaces them
  from the lock, so no page types a version that can drift from what the tests ran.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "uv.lock"
STACKS = ("lts", "latest")
LTS_SERIES = (5, 2)  # Django's current LTS series: https://www.djangoproject.com/download/#supported-versions
TOKEN = re.compile(r"\{django-(lts|latest)(-full)?\}")
STRAY_TOKEN = re.compile(r"\{django-[a-z-]*\}")

# Snippet files written for an API the LTS series does not have (their pages label them "new in
# Django 6.x"), as paths under snippets/. The one list: on the floor their tests assert that the
# API is absent, and the coverage gate leaves these files out (they cannot run there); on the latest
# stack they run and are covered like every other file. `test_latest_only_list` keeps it exact.
LATEST_ONLY = (
    "compare/middleware/csp_django.py",
    "compare/templates/partials_django.py",
    "django_ecosystem/n_plus_one/fetch_modes.py",
    "performance/trade_offs/tasks_django.py",
)


@cache
def _lock() -> dict:
    with LOCK.open("rb") as f:
        return tomllib.load(f)


def _project() -> dict:
    return next(p for p in _lock()["package"] if p.get("source", {}).get("virtual") == ".")


def group_versions(stack: str) -> dict[str, str]:
    """The packages a stack's own group pins, by name: {"django": "6.1.3"}."""
    if stack not in STACKS:
        raise ValueError(f"unknown stack {stack!r}; the stacks are {', '.join(STACKS)}")
    entries = _project().get("dev-dependencies", {}).get(stack)
    if not entries:
        raise LookupError(f"uv.lock has no `{stack}` group: run `uv lock` after editing pyproject.toml")
    return {entry["name"]: entry["version"] for entry in entries if "version" in entry}


def django_version(stack: str) -> str:
    return group_versions(stack)["django"]


def series(version: str) -> str:
    return ".".join(version.split(".")[:2])


def current() -> str:
    """The stack this interpreter runs: told apart by the Django installed."""
    import django

    return "lts" if django.VERSION[:2] == LTS_SERIES else "latest"


def omitted_from_coverage() -> list[str]:
    """Coverage `omit` patterns for the running stack: the latest-only snippets, on the floor."""
    return [f"*/snippets/{path}" for path in LATEST_ONLY] if current() == "lts" else []


def substitute(markdown: str, where: str) -> str:
    """Replace the version tokens of a page; an unknown token stops the build, naming the page."""

    def replace(match: re.Match) -> str:
        version = django_version(match[1])
        return version if match[2] else series(version)

    markdown = TOKEN.sub(replace, markdown)
    stray = STRAY_TOKEN.search(markdown)
    if stray:
        raise ValueError(
            f"{where}: unknown version token {stray[0]}; use {{django-lts}}, {{django-latest}}, "
            "{django-lts-full} or {django-latest-full} (guide_tools/devtools/stacks.py)"
        )
    return markdown
