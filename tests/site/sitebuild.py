"""Building the site (or a copy of it) from tests."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from guide_tools.devtools import stacks
from guide_tools.website.sitebuild import BuildFailed, built_site, copy_project, mkdocs_build

__all__ = ["copy_project", "mkdocs_build", "on_the_site_stack", "shared_site"]

# `dev.py build` and `dev.py serve` run MkDocs in the LTS stack's environment (dev.py's in_env), and
# so does the hosted site's build: a whole-site build or serve on the latest stack would test a
# toolchain nobody uses, at three to four minutes of every run. The latest stack checks the snippets.
SITE_STACK = "lts"
on_the_site_stack = pytest.mark.skipif(
    stacks.current() != SITE_STACK,
    reason=f"the site is built and served from the {SITE_STACK} environment only (dev.py build and serve)")


def shared_site(tmp_path_factory, engine: str = "mkdocs") -> Path:
    """The site of the current inputs, shared by every xdist worker, by the browser pass and by
    `dev.py lighthouse` (guide_tools/website/sitebuild.py builds it once per content hash, in .cache/site/).
    A failed or noisy build fails every caller in this run with the build's own output, without
    each worker building it again. Only on the stack that builds the site (SITE_STACK).
    `engine`: another engine's build of the same inputs (guide_tools/website/sitebuild.py, ENGINES)."""
    if stacks.current() != SITE_STACK:
        pytest.skip(on_the_site_stack.kwargs["reason"])
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's basetemp, common to all workers
    name = "shared-site" if engine == "mkdocs" else f"shared-site-{engine}"
    report = root / f"{name}.log"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not report.exists():
            try:
                report.write_text(f"site:{built_site(engine=engine)}", encoding="utf-8")
            except BuildFailed as failed:
                report.write_text(str(failed), encoding="utf-8")
    outcome = report.read_text(encoding="utf-8")
    assert outcome.startswith("site:"), outcome
    return Path(outcome.removeprefix("site:"))
