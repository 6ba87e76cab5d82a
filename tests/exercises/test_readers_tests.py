"""guide_tools/exercises/support.py's run_readers_tests: a forked child per run imports the copy of
the reader's folder fresh, never a module this process (or an earlier run) imported, and is not
upset by what this process left behind."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from guide_tools.exercises import support

FORK = pytest.mark.skipif(not hasattr(support.os, "fork"), reason="no fork")


def reader_folders(tmp_path: Path) -> tuple[Path, str]:
    """A reader's folder (app.py and its test) and the checks' file of an exercise beside it."""
    starter = tmp_path / "exercise" / "starter"
    readers = tmp_path / "readers"
    starter.mkdir(parents=True)
    readers.mkdir()
    (starter / "app.py").write_text("def answer():\n    return 1\n")
    (readers / "app.py").write_text("def answer():\n    return 1\n")
    (readers / "test_app.py").write_text("from app import answer\n\n\ndef test_answer():\n    assert answer() == 1\n")
    return readers, str(tmp_path / "exercise" / "checks.py")  # a folder no PREIMPORT names


@pytest.mark.parametrize("fork", [pytest.param(True, marks=FORK), False], ids=["fork", "subprocess"])
def test_each_run_imports_its_own_copy_of_the_app(tmp_path, monkeypatch, fork):
    # The test process has the project's Django configured, where the checks would not fork.
    monkeypatch.setattr(support, "_can_fork", lambda: fork)
    readers, checks = reader_folders(tmp_path)
    # This process has the reader's app and test imported, as a checks' process may have.
    monkeypatch.syspath_prepend(str(readers))
    for name in ("app", "test_app"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    __import__("test_app")
    right = support._run(readers, checks, "app.py", (), ())
    wrong = support._run(readers, checks, "app.py", (("return 1", "return 2"),), ())
    assert (right.code, wrong.code) == (0, 1), (right.output, wrong.output)
    assert "1 failed" in wrong.summary


class _Cycle:
    pass


@FORK
def test_a_run_ignores_the_garbage_this_process_has_not_collected(tmp_path, monkeypatch):
    """A long checks' process (an xdist worker) holds unreachable cycles, some with a file left open.
    The child inherits them; the reader's pytest collects garbage at its end, and a finalized file
    would be its ResourceWarning, an error that failed a right answer (exit 70, seen in CI)."""
    monkeypatch.setattr(support, "_can_fork", lambda: True)
    readers, checks = reader_folders(tmp_path)
    gc.disable()
    try:
        for _ in range(3):
            cycle = _Cycle()
            cycle.me, cycle.file = cycle, open(__file__, encoding="utf-8")  # noqa: SIM115 - left open on purpose
        del cycle
        run = support._run(readers, checks, "app.py", (), ())
    finally:
        gc.enable()
    with pytest.warns(ResourceWarning):  # the garbage was there, and this process collects it
        gc.collect()
    assert run.code == 0, run.output
