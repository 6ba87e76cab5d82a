"""guide_tools/exercises/support.py's run_readers_tests: a forked child per run imports the copy of
the reader's folder fresh, never a module this process (or an earlier run) imported."""

from __future__ import annotations

import sys

import pytest

from guide_tools.exercises import support


@pytest.mark.parametrize("fork", [pytest.param(True, marks=pytest.mark.skipif(not hasattr(support.os, "fork"), reason="no fork")),
                                  False], ids=["fork", "subprocess"])
def test_each_run_imports_its_own_copy_of_the_app(tmp_path, monkeypatch, fork):
    # The test process has the project's Django configured, where the checks would not fork.
    monkeypatch.setattr(support, "_can_fork", lambda: fork)
    starter = tmp_path / "exercise" / "starter"
    readers = tmp_path / "readers"
    starter.mkdir(parents=True)
    readers.mkdir()
    (starter / "app.py").write_text("def answer():\n    return 1\n")
    (readers / "app.py").write_text("def answer():\n    return 1\n")
    (readers / "test_app.py").write_text("from app import answer\n\n\ndef test_answer():\n    assert answer() == 1\n")
    # This process has the reader's app and test imported, as a checks' process may have.
    monkeypatch.syspath_prepend(str(readers))
    for name in ("app", "test_app"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    __import__("test_app")
    checks = str(tmp_path / "exercise" / "checks.py")  # a folder no PREIMPORT names
    right = support._run(readers, checks, "app.py", (), ())
    wrong = support._run(readers, checks, "app.py", (("return 1", "return 2"),), ())
    assert (right.code, wrong.code) == (0, 1), (right.output, wrong.output)
    assert "1 failed" in wrong.summary

