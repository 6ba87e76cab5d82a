"""Checks of the testing exercise, Django: `python3 dev.py exercise testing/django`.

The checks run the reader's tests (test_views.py) with pytest and pytest-django against the
starter's views.py and against mutants of it, each with one line changed
(guide_tools/exercises/support.py).
"""

import re

from guide_tools.exercises.support import (REVERSED, assert_leaves_the_process_as_found, assert_passes, assert_passes_rewritten,
                                           run_readers_tests)

# The same behaviour in other code: every piece a mutant changes, written another way. Tests that
# read views.py's source, or hash the file, fail on it; tests of what the view answers pass.
REWRITE = (("[: settings.NOTES_PAGE_SIZE]", "[0 : getattr(settings, \"NOTES_PAGE_SIZE\")]"), ('order_by("id")', 'order_by("pk")'))
# The broken views (mutants), one line changed each.
NEWEST_FIRST = ('order_by("id")', 'order_by("-id")')
ALWAYS_20 = ("[: settings.NOTES_PAGE_SIZE]", "[:20]")
ONE_FEWER = ("[: settings.NOTES_PAGE_SIZE]", "[: settings.NOTES_PAGE_SIZE - 1]")
MUTANTS = (NEWEST_FIRST, ALWAYS_20, ONE_FEWER)
STARTER_TESTS = 1  # test_list_notes: more means the reader added a test


def count_tests(run) -> int:
    """How many tests the reader's file ran ("1 failed, 2 passed" is 3)."""
    return sum(int(n) for n in re.findall(r"(\d+) (?:passed|failed|errors?)\b", run.summary))


def cause_tag(run, cause: str) -> str:
    """The cause tag of a missed bug, when the reader added a test (the starter's own test alone: none).
    Each check writes its message itself, the bug in words, so that the whole sentence is translated."""
    return f"[{cause}] " if count_tests(run) > STARTER_TESTS else ""

PYTEST_DJANGO = ("-p", "pytest_django.plugin", "--ds", "settings", "-o", "django_find_project=false")


def test_your_tests_pass_on_the_correct_app():
    assert_passes(run_readers_tests(__file__, "views.py", pytest_args=PYTEST_DJANGO), "views.py")


def test_your_tests_pass_on_the_app_written_another_way():
    assert_passes_rewritten(run_readers_tests(__file__, "views.py", REWRITE, PYTEST_DJANGO), "views.py")


def test_your_tests_use_no_database_file():
    run = run_readers_tests(__file__, "views.py", pytest_args=PYTEST_DJANGO)
    assert run.databases == [], f"your tests wrote {run.databases}: let pytest-django create the test database"


def test_your_tests_catch_a_wrong_order():
    run = run_readers_tests(__file__, "views.py", NEWEST_FIRST, PYTEST_DJANGO)
    assert run.code == 1, f"your tests passed ({run.summary}) against a view that lists the newest note first"


def test_your_tests_catch_an_ignored_setting():
    run = run_readers_tests(__file__, "views.py", ALWAYS_20, PYTEST_DJANGO)
    tag = cause_tag(run, "setting_not_checked")
    assert run.code == 1, f"{tag}your tests passed ({run.summary}) against a view that ignores NOTES_PAGE_SIZE and always lists 20 notes"
    run = run_readers_tests(__file__, "views.py", ONE_FEWER, PYTEST_DJANGO)
    tag = cause_tag(run, "at_most_only")
    assert run.code == 1, f"{tag}your tests passed ({run.summary}) against a view that lists one note fewer than NOTES_PAGE_SIZE"


def test_your_tests_leave_the_process_as_they_found_it():
    passing = [run_readers_tests(__file__, "views.py", pytest_args=PYTEST_DJANGO), run_readers_tests(__file__, "views.py", REWRITE, PYTEST_DJANGO)]
    broken = [run_readers_tests(__file__, "views.py", mutant, PYTEST_DJANGO) for mutant in MUTANTS]
    reversed_run = run_readers_tests(__file__, "views.py", pytest_args=PYTEST_DJANGO + REVERSED)
    assert_leaves_the_process_as_found(passing, broken, reversed_run, "views.py", "cleanup_on_failure", "order_dependent")
