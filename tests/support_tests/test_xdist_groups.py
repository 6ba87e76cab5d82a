"""`--dist loadgroup` sends a group's tests to one worker (tests/support/xdist_groups.py)."""

from __future__ import annotations

import os
import subprocess
import sys

from guide_tools.website.content import ROOT

PROBE = """import os, time, pytest

def record(kind):
    with open(os.environ["PROBE_LOG"], "a", encoding="utf-8") as log:
        log.write(f"{kind} {os.environ['PYTEST_XDIST_WORKER']}\\n")
    time.sleep(0.1)  # each test takes a moment, so that both workers get work

@pytest.mark.xdist_group("probe")
@pytest.mark.parametrize("i", range(8))
def test_grouped(i):
    record("grouped")

@pytest.mark.parametrize("i", range(8))
def test_free(i):
    record("free")
"""


def test_a_group_runs_in_one_worker(tmp_path):
    """As dev.py runs a pass: two workers, loadgroup. The eight grouped tests share a worker, and both
    workers ran tests. Without the plugin, the eight grouped tests are spread over both."""
    (tmp_path / "test_probe.py").write_text(PROBE, encoding="utf-8")
    log = tmp_path / "workers.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COVERAGE_", "PYTEST_"))}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT),
         str(tmp_path / "test_probe.py"), "-q", "-n", "2", "--dist", "loadgroup", "-p", "no:cacheprovider", "--no-cov"],
        cwd=ROOT, env={**env, "PROBE_LOG": str(log)}, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    runs = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    grouped = {worker for kind, worker in runs if kind == "grouped"}
    free = {worker for kind, worker in runs if kind == "free"}
    assert len(runs) == 16, runs
    assert len(grouped) == 1, f"the group's tests ran in {sorted(grouped)}: xdist_group is not honoured"
    # Both workers ran tests (so the first check proves something); which one ran the free tests
    # is the scheduler's choice: the one holding the group may finish it after the other took them all.
    assert grouped | free == {"gw0", "gw1"}, f"every test ran in {sorted(grouped | free)}: the probe proves nothing"
