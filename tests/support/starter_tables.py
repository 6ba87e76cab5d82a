"""The recorded starter answers (exercises/batteries/starter_answers.py) of an exercise whose check
compares the reader's app with its starter: recorded again from starter/ and compared with the
committed table (tests/exercises/test_routing_answers.py, test_responses_answers.py)."""

from __future__ import annotations

import json
from pathlib import Path

from exercises.batteries import starter_answers
from guide_tools.exercises import runner


def record(exercise: runner.Exercise, check: str, variable: str, out: Path, monkeypatch) -> dict:
    """The starter's answers as a table: `check`, run against starter/ with `variable` set, writes
    them to `out` (and fails, so that the variable can never pass a reader's app)."""
    monkeypatch.setenv(variable, str(out))
    result = runner.run_checks(exercise, exercise.starter, only=[check])
    found = next(c for c in result.checks if c["name"] == check)
    assert found["outcome"] == "failed" and "recorded the starter's answers" in found["message"], (found, result.output)
    return json.loads(out.read_text(encoding="utf-8"))


def assert_committed_is_the_starters(name: str, check: str, variable: str, tmp_path: Path, monkeypatch, request) -> None:
    """The committed table of exercise `name` ("routing/flask") is what its starter answers now;
    with --update-outputs it is rewritten first."""
    exercise = next(e for e in runner.load_all() if e.name == name)
    recorded = tmp_path / starter_answers.ANSWERS
    table = record(exercise, check, variable, recorded, monkeypatch)
    committed = exercise.folder / starter_answers.ANSWERS
    if request.config.getoption("--update-outputs"):
        committed.write_text(recorded.read_text(encoding="utf-8"), encoding="utf-8")
    assert committed.is_file(), f"no {committed}: record it with --update-outputs"
    assert json.loads(committed.read_text(encoding="utf-8")) == table, (
        f"{committed} is not what starter/ answers now: rerun with --update-outputs and review the diff")
