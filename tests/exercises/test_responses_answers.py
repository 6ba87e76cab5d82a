"""The responses exercise's recorded starter answers (exercises/compare/responses/<framework>/starter_answers.json,
exercises/compare/responses/shared_checks.py, exercises/batteries/starter_answers.py): `everything_else_stays`
compares the reader's app with this table, not with the starter run next to the reader's code. Each
test records the table again from starter/, in a checks run of its own, and asserts it is the
committed one; the recording checks the rule for unlisted paths on the live starter
(shared_checks.PROBES). `--update-outputs` rewrites the tables: review the diff."""

from __future__ import annotations

import pytest

from exercises.batteries import starter_answers
from exercises.compare.responses import shared_checks as shared
from guide_tools.exercises import runner
from tests.support import starter_tables


@pytest.mark.parametrize("framework", runner.FRAMEWORKS)
def test_the_recorded_answers_are_the_starters(framework, tmp_path, monkeypatch, request):
    starter_tables.assert_committed_is_the_starters(f"responses/{framework}", "the_rest_of_the_app_is_unchanged", shared.RECORD,
                                                    tmp_path, monkeypatch, request)


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
