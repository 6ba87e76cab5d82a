"""Building the site (or a copy of it) from tests."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from guide_tools.website.sitebuild import BuildFailed, built_site, copy_project, mkdocs_build

__all__ = ["copy_project", "mkdocs_build", "shared_site"]


def shared_site(tmp_path_factory) -> Path:
    """The site of the current inputs, shared by every xdist worker, by the browser pass and by
    `dev.py lighthouse` (guide_tools/website/sitebuild.py builds it once per content hash, in .cache/site/).
    A failed or noisy build fails every caller in this run with the build's own output, without
    each worker building it again."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's basetemp, common to all workers
    report = root / "shared-site.log"
    with (root / "shared-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not report.exists():
            try:
                report.write_text(f"site:{built_site()}", encoding="utf-8")
            except BuildFailed as failed:
                report.write_text(str(failed), encoding="utf-8")
    outcome = report.read_text(encoding="utf-8")
    assert outcome.startswith("site:"), outcome
    return Path(outcome.removeprefix("site:"))
