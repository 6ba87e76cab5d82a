"""Checks of the testing exercise, FastAPI: `python3 dev.py exercise testing/fastapi`.

The checks run the reader's tests (test_app.py) with pytest against the starter's app.py and
against mutants of it, each with one line changed (guide_tools/exercise_support.py).
"""

from guide_tools.exercise_support import run_readers_tests


def test_your_tests_pass_on_the_correct_app():
    run = run_readers_tests(__file__, "app.py")
    assert run.code == 0, f"your tests fail against the correct app.py: {run.failures or run.summary}"


def test_your_tests_use_no_database_file():
    run = run_readers_tests(__file__, "app.py")
    assert run.databases == [], f"your tests wrote {run.databases}: override get_session with app.dependency_overrides"


def test_your_tests_catch_a_wrong_order():
    run = run_readers_tests(__file__, "app.py", ("order_by(Note.id)", "order_by(Note.id.desc())"))
    assert run.code == 1, f"your tests passed ({run.summary}) against an app that lists the newest note first"


def test_your_tests_catch_an_unbounded_limit():
    run = run_readers_tests(__file__, "app.py", ("Query(ge=1, le=100)", "Query(ge=1, le=1000)"))
    assert run.code == 1, f"your tests passed ({run.summary}) against an app that accepts ?limit= up to 1000, not 100"
