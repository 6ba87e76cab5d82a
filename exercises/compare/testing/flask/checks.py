"""Checks of the testing exercise, Flask: `python3 dev.py exercise testing/flask`.

The checks run the reader's tests (test_app.py) with pytest against the starter's app.py and
against mutants of it, each with one line changed (guide_tools/exercises/support.py).
"""

from guide_tools.exercises.support import assert_caught, assert_no_database_file, assert_passes, run_readers_tests

LIMIT = "    limit = max(1, min(request.args.get(\"limit\", largest, type=int), largest))\n"


def test_your_tests_pass_on_the_correct_app():
    assert_passes(run_readers_tests(__file__, "app.py"), "app.py")


def test_your_tests_use_no_database_file():
    assert_no_database_file(run_readers_tests(__file__, "app.py"), "give create_app() an in-memory database, \"sqlite://\"")


def test_your_tests_catch_a_wrong_order():
    run = run_readers_tests(__file__, "app.py", ("order_by(Note.id)", "order_by(Note.id.desc())"))
    assert_caught(run, "an app that lists the newest note first")


def test_your_tests_catch_an_unbounded_limit():
    run = run_readers_tests(__file__, "app.py", (LIMIT, LIMIT.replace("min(", "max(")))
    assert_caught(run, "an app that returns more than NOTES_PAGE_SIZE notes for ?limit=500")
