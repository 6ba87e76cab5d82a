"""The responses exercise's recorded starter answers (exercises/compare/responses/<framework>/starter_answers.json,
exercises/compare/responses/shared_checks.py, exercises/batteries/starter_answers.py): `everything_else_stays`
compares the reader's app with this table, not with the starter run next to the reader's code. Each
test records the table again from starter/, in a checks run of its own, and asserts it is the
committed one; the recording checks the rule for unlisted paths on the live starter
(shared_checks.PROBES). `--update-outputs` rewrites the tables: review the diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exercises.batteries import starter_answers
from exercises.compare.responses import shared_checks as shared
from guide_tools.exercises import runner


def record_starter_answers(exercise, out: Path, monkeypatch) -> dict:
    """The checks' the_rest_of_the_app_is_unchanged, run against starter/ with shared.RECORD set,
    writes the table (and fails, so that the variable can never pass a reader's app)."""
    monkeypatch.setenv(shared.RECORD, str(out))
    result = runner.run_checks(exercise, exercise.starter, only=["the_rest_of_the_app_is_unchanged"])
    check = next(c for c in result.checks if c["name"] == "the_rest_of_the_app_is_unchanged")
    assert check["outcome"] == "failed" and "recorded the starter's answers" in check["message"], (check, result.output)
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("framework", runner.FRAMEWORKS)
def test_the_recorded_answers_are_the_starters(framework, tmp_path, monkeypatch, request):
    exercise = next(e for e in runner.load_all() if e.name == f"responses/{framework}")
    table = record_starter_answers(exercise, tmp_path / starter_answers.ANSWERS, monkeypatch)
    committed = exercise.folder / starter_answers.ANSWERS
    if request.config.getoption("--update-outputs"):
        committed.write_text((tmp_path / starter_answers.ANSWERS).read_text(encoding="utf-8"), encoding="utf-8")
    assert committed.is_file(), f"no {committed}: record it with --update-outputs"
    assert json.loads(committed.read_text(encoding="utf-8")) == table, (
        f"{committed} is not what starter/ answers now: rerun with --update-outputs and review the diff")


def test_the_rule_stands_for_unlisted_paths():
    listed = {"/report.csv", "/nope", "/static/app.js"}
    assert shared._stands_for("/report.csv", listed) == "/report.csv"
    assert shared._stands_for("/static/a/b.css", listed) == "/static/app.js"
    assert shared._stands_for("/evil.csv", listed) == "/nope"


def test_the_recording_checks_its_rule():
    """A rule that misses a path the starter routes stops the recording."""
    def exchange(method, path, headers):
        return starter_answers.Answer(200 if path.startswith("/reports.csv") else 404, "", {}, b"")

    with pytest.raises(RuntimeError, match=r"the rule for unlisted paths misses GET /reports.csv "):
        shared.record(exchange, {})
