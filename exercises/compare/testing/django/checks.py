"""Checks of the testing exercise, Django: `python3 dev.py exercise testing/django`.

The checks run the reader's tests (test_views.py) with pytest and pytest-django against the
starter's views.py and against mutants of it, each with one line changed
(guide_tools/exercises/support.py).
"""

from guide_tools.exercises.support import assert_caught, assert_no_database_file, assert_passes, run_readers_tests

PYTEST_DJANGO = ("-p", "pytest_django.plugin", "--ds", "settings", "-o", "django_find_project=false")


def test_your_tests_pass_on_the_correct_app():
    assert_passes(run_readers_tests(__file__, "views.py", pytest_args=PYTEST_DJANGO), "views.py")


def test_your_tests_use_no_database_file():
    run = run_readers_tests(__file__, "views.py", pytest_args=PYTEST_DJANGO)
    assert_no_database_file(run, "let pytest-django create the test database")


def test_your_tests_catch_a_wrong_order():
    run = run_readers_tests(__file__, "views.py", ('order_by("id")', 'order_by("-id")'), PYTEST_DJANGO)
    assert_caught(run, "a view that lists the newest note first")


def test_your_tests_catch_an_ignored_setting():
    run = run_readers_tests(__file__, "views.py", ("[: settings.NOTES_PAGE_SIZE]", "[:20]"), PYTEST_DJANGO)
    assert_caught(run, "a view that ignores NOTES_PAGE_SIZE and always lists 20 notes")
