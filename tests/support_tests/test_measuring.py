"""Coverage is measured on Python 3.12+ only (tests/support/measuring.py); what makes that enough."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from guide_tools.website.content import ROOT, SNIPPETS
from tests.support import measuring

# A snippet that takes a path of its own on one version: a condition on a version, or a comparison
# with one. (Reading a version to report it, as the benchmark harness does, takes no other path.)
_VERSION = r"(?:\bVERSION\b|\bversion_info\b|__version__|\bget_version\(|\bversion\()"
VERSION_READ = re.compile(rf"^\s*(?:el)?if\b.*{_VERSION}|^\s*(?:assert|while)\b.*{_VERSION}|{_VERSION}[^=\n]*?[<>]=?|{_VERSION}\S*\s*[!=]=")


def test_no_snippet_branches_on_a_version():
    """The floor is not measured, so a snippet line that ran only there would go unproven."""
    readers = []
    for path in sorted(SNIPPETS.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if VERSION_READ.search(line.split("#")[0]):
                readers.append(f"snippets/{path.relative_to(SNIPPETS).as_posix()}:{number}: {line.strip()}")
    assert not readers, (
        "these snippet lines read a version, so the snippet may run differently per stack; coverage is "
        "measured on the Python 3.12+ stack only (tests/support/measuring.py). Write one snippet per "
        "stack instead (guide_tools/devtools/stacks.py, LATEST_ONLY):\n  " + "\n  ".join(readers)
    )


def test_version_reads_are_found():
    for line in ("if django.VERSION >= (6, 0):", "x = 1 if sys.version_info[:2] < (3, 12) else 2",
                 "    elif flask.__version__.startswith('3'):", "ok = importlib.metadata.version('x') == '1.0'"):
        assert VERSION_READ.search(line), line
    for line in ("api_version = 2", "versions[name] = importlib.metadata.version(name)", "import importlib.metadata"):
        assert not VERSION_READ.search(line), line


def test_coverage_runs_exactly_where_it_is_measured(tmp_path):
    """A pytest run in this environment, as the README's command starts it, measures iff Python is 3.12+."""
    (tmp_path / "test_probe.py").write_text(
        "import coverage\n\ndef test_probe():\n    print('MEASURED', coverage.Coverage.current() is not None)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COVERAGE_", "PYTEST_"))}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT),
         str(tmp_path / "test_probe.py"), "-s", "-q", "-n0", "-p", "no:cacheprovider", "--cov-report="],
        cwd=ROOT, env={**env, "COVERAGE_FILE": str(tmp_path / ".coverage")},
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert f"MEASURED {measuring.MEASURED}" in result.stdout, result.stdout[-2000:]
    assert measuring.MEASURED == (sys.version_info >= (3, 12))
