"""Checks of the testing exercise, FastAPI: `python3 dev.py exercise testing/fastapi`.

The checks run the reader's tests (test_app.py) with pytest against the starter's app.py and
against mutants of it, each with one line changed (guide_tools/exercises/support.py).
"""

import re

from guide_tools.exercises.support import (REVERSED, assert_leaves_the_process_as_found, assert_passes, assert_passes_rewritten,
                                           run_readers_tests)

# The same behaviour in other code: every piece a mutant changes, written another way. Tests that
# read app.py's source, or hash the file, fail on it; tests of what the app answers pass.
# The bound is checked in the body, with the same 422 as Query(le=100): a test that reads the
# declaration (the OpenAPI document's `maximum`, the route's parameter metadata) instead of sending
# ?limit=101 fails on it.
SIGNATURE = "def list_notes(session: SessionDep, limit: Annotated[int, Query(ge=1, le=100)] = 20) -> list[NoteOut]:\n"
BOUND_IN_THE_BODY = (
    "def list_notes(request: Request, session: SessionDep, limit: Annotated[int, Query(ge=1)] = 20) -> list[NoteOut]:\n"
    "    from fastapi.exceptions import RequestValidationError\n"
    "    from pydantic import Field, TypeAdapter, ValidationError\n"
    "    try:\n"
    "        TypeAdapter(Annotated[int, Field(le=int(\"100\"))]).validate_python(request.query_params.get(\"limit\", limit))\n"
    "    except ValidationError as error:\n"
    "        raise RequestValidationError([{**e, \"loc\": (\"query\", \"limit\")} for e in error.errors(include_url=False)]) from None\n")
REWRITE = ((SIGNATURE, BOUND_IN_THE_BODY), ("order_by(Note.id)", "order_by(Note.id.asc())"))
# AnyIO's pytest plugin, which runs the chapter's `@pytest.mark.anyio` tests: the reader's run loads
# no plugin by itself (PYTEST_DISABLE_PLUGIN_AUTOLOAD).
PYTEST_ANYIO = ("-p", "anyio")  # its entry point's name, the one `pytest_plugins = ("anyio",)` names too
# The broken apps (mutants), one line changed each.
NEWEST_FIRST = ("order_by(Note.id)", "order_by(Note.id.desc())")
UP_TO_1000 = ("Query(ge=1, le=100)", "Query(ge=1, le=1000)")
UP_TO_101 = ("Query(ge=1, le=100)", "Query(ge=1, le=101)")
MUTANTS = (NEWEST_FIRST, UP_TO_1000, UP_TO_101)
STARTER_TESTS = 1  # test_list_notes: more means the reader added a test


def count_tests(run) -> int:
    """How many tests the reader's file ran ("1 failed, 2 passed" is 3)."""
    return sum(int(n) for n in re.findall(r"(\d+) (?:passed|failed|errors?)\b", run.summary))


def cause_tag(run, cause: str) -> str:
    """The cause tag of a missed bug, when the reader added a test (the starter's own test alone: none).
    Each check writes its message itself, the bug in words, so that the whole sentence is translated."""
    return f"[{cause}] " if count_tests(run) > STARTER_TESTS else ""


def test_your_tests_pass_on_the_correct_app():
    assert_passes(run_readers_tests(__file__, "app.py", pytest_args=PYTEST_ANYIO), "app.py")


def test_your_tests_pass_on_the_app_written_another_way():
    assert_passes_rewritten(run_readers_tests(__file__, "app.py", REWRITE, PYTEST_ANYIO), "app.py")


def test_your_tests_use_no_database_file():
    run = run_readers_tests(__file__, "app.py", pytest_args=PYTEST_ANYIO)
    assert run.databases == [], f"your tests wrote {run.databases}: override get_session with app.dependency_overrides"


def test_your_tests_catch_a_wrong_order():
    run = run_readers_tests(__file__, "app.py", NEWEST_FIRST, PYTEST_ANYIO)
    assert run.code == 1, f"your tests passed ({run.summary}) against an app that lists the newest note first"


def test_your_tests_catch_an_unbounded_limit():
    run = run_readers_tests(__file__, "app.py", UP_TO_1000, PYTEST_ANYIO)
    tag = cause_tag(run, "limit_not_checked")
    assert run.code == 1, f"{tag}your tests passed ({run.summary}) against an app that accepts ?limit= up to 1000, not 100"
    run = run_readers_tests(__file__, "app.py", UP_TO_101, PYTEST_ANYIO)
    tag = cause_tag(run, "boundary_not_tested")
    assert run.code == 1, f"{tag}your tests passed ({run.summary}) against an app that accepts ?limit=101, one past the maximum"


def test_your_tests_leave_the_process_as_they_found_it():
    passing = [run_readers_tests(__file__, "app.py", pytest_args=PYTEST_ANYIO), run_readers_tests(__file__, "app.py", REWRITE, PYTEST_ANYIO)]
    broken = [run_readers_tests(__file__, "app.py", mutant, PYTEST_ANYIO) for mutant in MUTANTS]
    reversed_run = run_readers_tests(__file__, "app.py", pytest_args=PYTEST_ANYIO + REVERSED)
    assert_leaves_the_process_as_found(passing, broken, reversed_run, "app.py", "cleanup_on_failure", "order_dependent")
