"""The routing exercise's recorded starter answers (exercises/compare/routing/<framework>/starter_answers.json,
exercises/compare/routing/shared_checks.py): `everything_else_stays` compares the reader's app with
this table, not with the starter run next to the reader's code. Each test records the table again
from starter/, in a checks run of its own (a fresh process, the starter's own settings), and asserts
it is the committed one; the recording itself checks the rule for the paths the table does not list
on the live starter (shared_checks.PROBES). `--update-outputs` rewrites the tables: review the diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exercises.compare.routing import shared_checks as shared
from guide_tools.exercises import runner


def record_starter_answers(exercise: runner.Exercise, out: Path, monkeypatch) -> dict:
    """The starter's answers as a table: the checks' everything_else_stays, run against starter/ with
    shared.RECORD set, writes them (and fails, so that the variable can never pass a reader's app)."""
    monkeypatch.setenv(shared.RECORD, str(out))
    result = runner.run_checks(exercise, exercise.starter, only=["everything_else_stays"])
    check = next(c for c in result.checks if c["name"] == "everything_else_stays")
    assert check["outcome"] == "failed" and "recorded the starter's answers" in check["message"], (check, result.output)
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("framework", runner.FRAMEWORKS)
def test_the_recorded_answers_are_the_starters(framework, tmp_path, monkeypatch, request):
    exercise = next(e for e in runner.load_all() if e.name == f"routing/{framework}")
    table = record_starter_answers(exercise, tmp_path / shared.ANSWERS, monkeypatch)
    committed = exercise.folder / shared.ANSWERS
    if request.config.getoption("--update-outputs"):
        committed.write_text((tmp_path / shared.ANSWERS).read_text(encoding="utf-8"), encoding="utf-8")
    assert committed.is_file(), f"no {committed}: record it with --update-outputs"
    assert json.loads(committed.read_text(encoding="utf-8")) == table, (
        f"{committed} is not what starter/ answers now: rerun with --update-outputs and review the diff")


def test_the_rule_stands_for_unlisted_paths():
    listed = {"/books/1", "/books/2", "/books/99", "/books/1/", "/nope"}
    assert shared._stands_for("/books/2", listed) == ("/books/2", "")
    assert shared._stands_for("/books/0002", listed) == ("/books/2", "")
    assert shared._stands_for("/books/3", listed) == ("/books/99", "")
    assert shared._stands_for("/books/42/", listed) == ("/books/1/", "/books/42")
    assert shared._stands_for("/books/abc/", listed) == ("/books/1/", "/books/abc")
    assert shared._stands_for("/static/a/b.css", listed) == ("/static/app.js", "")
    assert shared._stands_for("/api/books/1", listed) == ("/nope", "")
    assert shared._stands_for("/books/%D9%A1", listed) == ("/nope", "")


def test_the_recording_checks_its_rule(monkeypatch):
    """A rule that misses a path the starter routes (here: every path answers as /nope) stops the recording."""
    def exchange(method, path, headers):
        return shared.Answer(200 if path.startswith("/books/3") else 404, "", {}, b"")

    with pytest.raises(RuntimeError, match=r"the rule for unlisted paths misses GET /books/3 "):
        shared.record(exchange, {})
