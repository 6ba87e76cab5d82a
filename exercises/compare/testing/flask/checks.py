"""Checks of the testing exercise, Flask: `python3 dev.py exercise testing/flask`.

The checks run the reader's tests (test_app.py) with pytest against the starter's app.py and
against mutants of it, each with one line changed (guide_tools/exercises/support.py).
"""

import re

from guide_tools.exercises.support import (assert_caught, assert_no_database_file, assert_passes, assert_passes_rewritten,
                                         run_readers_tests)

LIMIT = "    limit = max(1, min(request.args.get(\"limit\", largest, type=int), largest))\n"
# The same behaviour in other code: every line a mutant changes, written another way. Tests that
# read app.py's source, or hash the file, fail on it; tests of what the app answers pass.
REWRITE = ((LIMIT, "    limit = sorted((1, request.args.get(\"limit\", default=largest, type=lambda value: int(value)), largest))[1]\n"),
           ("order_by(Note.id)", "order_by(Note.id.asc())"))
STARTER_TESTS = 1  # test_list_notes: more means the reader added a test


def count_tests(run) -> int:
    """How many tests the reader's file ran ("1 failed, 2 passed" is 3)."""
    return sum(int(n) for n in re.findall(r"(\d+) (?:passed|failed|errors?)\b", run.summary))


def assert_caught_as(run, bug: str, cause: str) -> None:
    """Like assert_caught; when the reader added a test and it missed the bug, the cause is named."""
    tag = f"[{cause}] " if count_tests(run) > STARTER_TESTS else ""
    assert run.code == 1, f"{tag}your tests passed ({run.summary}) against {bug}"


def test_your_tests_pass_on_the_correct_app():
    assert_passes(run_readers_tests(__file__, "app.py"), "app.py")


def test_your_tests_pass_on_the_app_written_another_way():
    assert_passes_rewritten(run_readers_tests(__file__, "app.py", REWRITE), "app.py")


def test_your_tests_use_no_database_file():
    assert_no_database_file(run_readers_tests(__file__, "app.py"), "give create_app() an in-memory database, \"sqlite://\"")


def test_your_tests_catch_a_wrong_order():
    run = run_readers_tests(__file__, "app.py", ("order_by(Note.id)", "order_by(Note.id.desc())"))
    assert_caught(run, "an app that lists the newest note first")


def test_your_tests_catch_an_unbounded_limit():
    run = run_readers_tests(__file__, "app.py", ("type=int)", "type=str)"))
    assert_caught_as(run, "an app that fails (TypeError) on any request with ?limit=", "no_limit_request")
    run = run_readers_tests(__file__, "app.py", (LIMIT, LIMIT.replace("min(", "max(")))
    assert_caught_as(run, "an app that returns more than NOTES_PAGE_SIZE notes for ?limit=500", "limit_not_checked")
    run = run_readers_tests(__file__, "app.py", (LIMIT, "    limit = max(1, request.args.get(\"limit\", largest, type=int))\n"))
    assert_caught_as(run, "an app with no cap at all: ?limit=1 gives one note, ?limit=500 every note", "only_small_limits")
    over = "    limit = 1 if request.args.get(\"limit\", 0, type=int) > largest else max(1, min(request.args.get(\"limit\", largest, type=int), largest))\n"
    run = run_readers_tests(__file__, "app.py", (LIMIT, over))
    assert_caught_as(run, "an app that gives one note, not two, for ?limit=500", "at_most_only")
