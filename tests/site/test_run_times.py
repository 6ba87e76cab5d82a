"""guide_tools/devtools/run_times.py: where a run's time went, from the JUnit files dev.py writes
per stack and pass when SIDE_BY_SIDE_TIMES is set (.ci/run prints it at the end of CI's log)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from guide_tools.devtools import run_times
from guide_tools.website.content import ROOT

SUITE = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="3" time="600.0">
<testcase classname="tests.compare.test_orm" name="test_a[flask]" time="100.0"/>
<testcase classname="tests.compare.test_orm" name="test_b" time="20.0"/>
<testcase classname="tests.exercises.test_exercises.TestWrong" name="test_c" time="90.0"/>
</testsuite></testsuites>"""
BROWSER = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="1" time="300.0">
<testcase classname="tests.browser.test_run" name="test_every_runnable_output[x.md]" time="240.0"/>
</testsuite></testsuites>"""


def test_passes_modules_and_tests_are_summed_and_ranked(tmp_path):
    (tmp_path / "lts-suite.xml").write_text(SUITE, encoding="utf-8")
    (tmp_path / "lts-browser.xml").write_text(BROWSER, encoding="utf-8")
    (tmp_path / "latest-suite.xml").write_text("<testsuites><testsuite", encoding="utf-8")  # a pass killed mid-write
    lines = run_times.summary(tmp_path)
    text = "\n".join(lines)
    assert "  lts-suite            3 tests   10.0 min wall" in lines
    assert "  lts-browser          1 tests    5.0 min wall" in lines
    assert "latest-suite.xml: unreadable" in text
    modules = lines[lines.index(next(line for line in lines if line.startswith("The 20"))) + 1:][:3]
    # 240 s of test_run, then test_orm's two tests summed (120 s), then the class's module (90 s)
    assert [line.split()[-1] for line in modules] == [
        "tests/browser/test_run.py", "tests/compare/test_orm.py", "tests/exercises/test_exercises.py"]
    assert modules[1].split()[0] == "2.0"
    assert lines[lines.index(next(line for line in lines if line.startswith("The 20"))) - 1].split()[-1] == "tests/compare/test_orm.py::test_b"
    # The walls end the summary: CI's log is often shown by its tail only.
    assert lines[-4] == "Where the time went, per pass:" and lines[-1] == "  lts-suite            3 tests   10.0 min wall"


def test_no_files_says_why(tmp_path):
    assert "SIDE_BY_SIDE_TIMES unset" in run_times.summary(tmp_path)[0]


def test_dev_py_writes_one_file_per_stack_and_pass_only_when_asked(monkeypatch, tmp_path):
    spec = importlib.util.spec_from_file_location("dev_under_test", ROOT / "dev.py")
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    monkeypatch.delenv("SIDE_BY_SIDE_TIMES", raising=False)
    assert dev._times("lts", "browser") == []
    monkeypatch.setenv("SIDE_BY_SIDE_TIMES", str(tmp_path))
    assert dev._times("latest", "suite") == [f"--junitxml={tmp_path / 'latest-suite.xml'}"]


def test_ci_prints_the_summary_whatever_the_tests_did():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "|| code=$?" in ci and 'run_times "$SIDE_BY_SIDE_TIMES" || true' in ci and ci.rstrip().endswith('exit "$code"')
    usage = subprocess.run([sys.executable, "-m", "guide_tools.devtools.run_times"], capture_output=True, text=True, cwd=ROOT)
    assert usage.returncode == 2 and "run_times" in usage.stderr
