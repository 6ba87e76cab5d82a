"""What moved, and which pages it broke: the report of the weekly newest-releases run.

`python3 dev.py upgrade-check` re-resolves uv.lock to the newest releases (`uv lock --upgrade`),
runs the suite on the latest stack with a JUnit report, and then calls this module:

    python -m guide_tools.devtools.upgrade_report OLD_LOCK NEW_LOCK JUNIT_XML

It prints each package whose locked version changed (name, old -> new) and, for each failing
test, the test, its first error line and the pages that show what it checks: a test file
`tests/<section>/test_<topic>.py` belongs to `docs/<lang>/<section>/<topic>.md` (the mirrored
layout of CONTRIBUTING.md; `django_ecosystem` is `django/` on the site). Where the GitHub
summary file is set (`GITHUB_STEP_SUMMARY`), the same report goes there as Markdown.
"""

from __future__ import annotations

import os
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECTION_ON_SITE = {"django_ecosystem": "django"}
LANGUAGES = ("en", "ko", "ru")


def versions(lock_path: Path) -> dict[str, set[str]]:
    with lock_path.open("rb") as f:
        lock = tomllib.load(f)
    found: dict[str, set[str]] = {}
    for package in lock.get("package", []):
        if "version" in package:
            found.setdefault(package["name"], set()).add(package["version"])
    return found


def changes(old: dict[str, set[str]], new: dict[str, set[str]]) -> list[str]:
    lines = []
    for name in sorted(old.keys() | new.keys()):
        before, after = old.get(name, set()), new.get(name, set())
        if before != after:
            shown = lambda vs: ", ".join(sorted(vs)) or "(none)"  # noqa: E731
            lines.append(f"{name} {shown(before)} -> {shown(after)}")
    return lines


def pages_of(test_file: str) -> list[str]:
    """tests/compare/test_routing.py -> the three docs/<lang>/compare/routing.md that exist."""
    parts = Path(test_file).parts
    if len(parts) < 3 or parts[0] != "tests" or not parts[-1].startswith("test_"):
        return []
    section = SECTION_ON_SITE.get(parts[1], parts[1])
    stem = parts[-1].removeprefix("test_").removesuffix(".py")
    pages = []
    for lang in LANGUAGES:
        for name in (f"{stem}.md", f"{stem.replace('_', '-')}.md"):
            page = ROOT / "docs" / lang / section / name
            if page.is_file():
                pages.append(page.relative_to(ROOT).as_posix())
                break
    return pages


def failures(junit: Path) -> list[tuple[str, str, str]]:
    """(test file, test id, first line of the error) for every failed or errored test."""
    if not junit.is_file():
        return []
    found = []
    for case in ET.parse(junit).getroot().iter("testcase"):
        problem = case.find("failure")
        if problem is None:
            problem = case.find("error")
        if problem is None:
            continue
        classname = case.get("classname", "")
        module = classname.split(".")
        # "tests.compare.test_routing" or "tests.compare.test_routing.TestX"
        while module and not module[-1].startswith("test_"):
            module.pop()
        test_file = "/".join(module) + ".py" if module else case.get("file", "")
        message = (problem.get("message") or problem.text or "").strip().splitlines()
        found.append((test_file, f"{classname}::{case.get('name')}", message[0][:200] if message else ""))
    return found


def report(old_lock: Path, new_lock: Path, junit: Path) -> str:
    moved = changes(versions(old_lock), versions(new_lock))
    failed = failures(junit)
    out = ["## Newest releases: what moved", ""]
    out += [f"- {line}" for line in moved] or ["- nothing: the lock already had the newest releases"]
    out += ["", "## Failing tests and the pages they check", ""]
    if not failed:
        out.append("- none")
    for test_file, test_id, message in failed:
        pages = ", ".join(pages_of(test_file)) or "(no page: a guardrail or support test)"
        out.append(f"- `{test_id}`: {message}\n  pages: {pages}")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: python -m guide_tools.devtools.upgrade_report OLD_LOCK NEW_LOCK JUNIT_XML", file=sys.stderr)
        return 2
    text = report(*map(Path, argv))
    print(text)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
