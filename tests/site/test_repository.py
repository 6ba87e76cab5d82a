"""The repository holds everything a fresh clone needs: no source file is hidden by .gitignore."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from guide_tools.content import ROOT

SOURCE_DIRS = ("docs", "snippets", "tests", "guide_tools", "overrides", "tools", ".ci", ".github")
GENERATED = {"__pycache__", "node_modules"}  # node_modules: tools/lighthouse, installed by npm ci


@pytest.mark.skipif(not (ROOT / ".git").exists() or not shutil.which("git"), reason="not a git checkout")
def test_no_source_file_is_ignored_by_git():
    files = [
        p.relative_to(ROOT).as_posix()
        for folder in SOURCE_DIRS
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and not GENERATED & set(p.parts) and p.suffix != ".pyc"
    ]
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"], cwd=ROOT, input="\n".join(files),
        capture_output=True, text=True, check=False,
    )
    ignored = result.stdout.split()
    assert not ignored, (
        f".gitignore hides source files, so a fresh clone (and CI) would not have them: {ignored[:10]}. "
        "Anchor the ignore pattern (e.g. `/site/` instead of `site/`)."
    )
