"""The routing exercise's recorded starter answers (exercises/compare/routing/<framework>/starter_answers.json,
exercises/compare/routing/shared_checks.py): `everything_else_stays` compares the reader's app with
this table, not with the starter run next to the reader's code. Each test records the table again
from starter/, in a checks run of its own (a fresh process, the starter's own settings), and asserts
it is the committed one; the recording itself checks the rule for the paths the table does not list
on the live starter (shared_checks.PROBES). `--update-outputs` rewrites the tables: review the diff."""

from __future__ import annotations

import pytest

from exercises.compare.routing import shared_checks as shared
from guide_tools.exercises import runner
from tests.support import starter_tables


@pytest.mark.parametrize("framework", runner.FRAMEWORKS)
def test_the_recorded_answers_are_the_starters(framework, tmp_path, monkeypatch, request):
    starter_tables.assert_committed_is_the_starters(f"routing/{framework}", "everything_else_stays", shared.RECORD,
                                                    tmp_path, monkeypatch, request)


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
