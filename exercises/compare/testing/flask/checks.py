"""Checks of the testing exercise, Flask: `python3 dev.py exercise testing/flask`.

The checks run the reader's tests (test_app.py) with pytest against the starter's app.py and
against mutants of it, each with one line changed (guide_tools/exercises/support.py).
"""

import re

from guide_tools.exercises.support import (REVERSED, assert_leaves_the_process_as_found, assert_passes, assert_passes_rewritten,
                                           run_readers_tests)

LIMIT = "    limit = max(1, min(request.args.get(\"limit\", largest, type=int), largest))\n"
# The same behaviour in other code: every line a mutant changes, written another way. Tests that
# read app.py's source, or hash the file, fail on it; tests of what the app answers pass.
REWRITE = ((LIMIT, "    limit = sorted((1, request.args.get(\"limit\", default=largest, type=lambda value: int(value)), largest))[1]\n"),
           ("order_by(Note.id)", "order_by(Note.id.asc())"))
# The broken apps (mutants), one line changed each.
NEWEST_FIRST = ("order_by(Note.id)", "order_by(Note.id.desc())")
TYPE_ERROR = ("type=int)", "type=str)")
NO_MIN = (LIMIT, LIMIT.replace("min(", "max("))
NO_CAP = (LIMIT, "    limit = max(1, request.args.get(\"limit\", largest, type=int))\n")
ONE_OVER = (LIMIT, "    limit = 1 if request.args.get(\"limit\", 0, type=int) > largest else max(1, min(request.args.get(\"limit\", largest, type=int), largest))\n")
MUTANTS = (NEWEST_FIRST, TYPE_ERROR, NO_MIN, NO_CAP, ONE_OVER)
STARTER_TESTS = 1  # test_list_notes: more means the reader added a test


def count_tests(run) -> int:
    """How many tests the reader's file ran ("1 failed, 2 passed" is 3)."""
    return sum(int(n) for n in re.findall(r"(\d+) (?:passed|failed|errors?)\b", run.summary))


def cause_tag(run, cause: str) -> str:
    """The cause tag of a missed bug, when the reader added a test (the starter's own test alone: none).
    Each check writes its message itself, the bug in words, so that the whole sentence is translated."""
    return f"[{cause}] " if count_tests(run) > STARTER_TESTS else ""


def test_your_tests_pass_on_the_correct_app():
    assert_passes(run_readers_tests(__file__, "app.py"), "app.py")


def test_your_tests_pass_on_the_app_written_another_way():
    assert_passes_rewritten(run_readers_tests(__file__, "app.py", REWRITE), "app.py")


def test_your_tests_use_no_database_file():
    run = run_readers_tests(__file__, "app.py")
    assert run.databases == [], f"your tests wrote {run.databases}: give create_app() an in-memory database, \"sqlite://\""


def test_your_tests_catch_a_wrong_order():
    run = run_readers_tests(__file__, "app.py", NEWEST_FIRST)
    assert run.code == 1, f"your tests passed ({run.summary}) against an app that lists the newest note first"


def test_your_tests_catch_an_unbounded_limit():
    run = run_readers_tests(__file__, "app.py", TYPE_ERROR)
    tag = cause_tag(run, "no_limit_request")
    assert run.code == 1, f"{tag}your tests passed ({run.summary}) against an app that fails (TypeError) on any request with ?limit="
    run = run_readers_tests(__file__, "app.py", NO_MIN)
    tag = cause_tag(run, "limit_not_checked")
    assert run.code == 1, f"{tag}your tests passed ({run.summary}) against an app that returns more than NOTES_PAGE_SIZE notes for ?limit=500"
    run = run_readers_tests(__file__, "app.py", NO_CAP)
    tag = cause_tag(run, "only_small_limits")
    assert run.code == 1, f"{tag}your tests passed ({run.summary}) against an app with no cap at all: ?limit=1 gives one note, ?limit=500 every note"
    run = run_readers_tests(__file__, "app.py", ONE_OVER)
    tag = cause_tag(run, "at_most_only")
    assert run.code == 1, f"{tag}your tests passed ({run.summary}) against an app that gives one note, not two, for ?limit=500"


def test_your_tests_leave_the_process_as_they_found_it():
    passing = [run_readers_tests(__file__, "app.py"), run_readers_tests(__file__, "app.py", REWRITE)]
    broken = [run_readers_tests(__file__, "app.py", mutant) for mutant in MUTANTS]
    reversed_run = run_readers_tests(__file__, "app.py", pytest_args=REVERSED)
    assert_leaves_the_process_as_found(passing, broken, reversed_run, "app.py", "cleanup_on_failure", "order_dependent")
