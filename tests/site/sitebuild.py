"""Building the site (or a copy of it) from tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from guide_tools.content import ROOT

SITE_SOURCES = ("mkdocs.yml", "docs", "snippets", "guide_tools", "includes")


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
