"""Building the site (or a copy of it) from tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from guide_tools.content import ROOT

SITE_SOURCES = ("mkdocs.yml", "docs", "snippets", "guide_tools", "includes", "overrides")


def mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of `project` (run from it, as dev.py does), output captured."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=900, check=False,
    )


def copy_project(dest: Path) -> Path:
    """A copy of everything the site build reads, to break on purpose."""
    dest.mkdir(parents=True)
    for name in SITE_SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__", "out"))
        else:
            shutil.copy2(source, dest / name)
    # captured outputs are included by pages: copy them too (ignored above only to skip caches)
    for out in (ROOT / "snippets").rglob("out"):
        shutil.copytree(out, dest / out.relative_to(ROOT), dirs_exist_ok=True)
    return dest


def shared_site(tmp_path_factory) -> Path:
    """The site built once per test run, shared by every xdist worker (the first one to ask builds it
    under a file lock; the others wait and reuse it). A failed or noisy build fails every caller
    with the build's own output."""
    import fcntl

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's basetemp, common to all workers
    site_dir, report = root / "shared-site", root / "shared-site.log"
    with (root / "shared-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not report.exists():
            result = mkdocs_build(ROOT, site_dir)
            warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
            problem = ""
            if result.returncode != 0:
                problem = f"`mkdocs build --strict` failed:\n{result.stderr[-6000:]}"
            elif warnings:
                problem = "the build printed warnings:\n" + "\n".join(warnings)
            report.write_text(problem, encoding="utf-8")
    problem = report.read_text(encoding="utf-8")
    assert not problem, problem
    return site_dir
