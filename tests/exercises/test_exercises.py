"""The exercises (guide_tools/exercises/runner.py): honest, complete, on their pages, and the reader's
command answers bad input clearly and never loses the reader's work."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import shutil
import signal
import subprocess
import sys

import pytest

from guide_tools.devtools import stacks
from guide_tools.exercises import runner as exercises
from guide_tools.exercises import support as exercise_support
from guide_tools.website import content
from guide_tools.website.content import LANGUAGES, ROOT

ALL = exercises.load_all()
MINIMUM = 25  # exercises counted per framework (issue 19)


def run(argv: list[str], work, **limits) -> tuple[int, str]:
    """The reader's command, in-process, with a temporary working folder; (exit code, output)."""
    out = io.StringIO()
    code = exercises.main(argv, work_root=work, out=out, **limits)
    return code, out.getvalue()


def one(name: str) -> exercises.Exercise:
    [exercise] = [e for e in ALL if e.name == name]
    return exercise


# --------------------------------------------------------------------------- the exercises are honest


def test_exercise_data_is_complete():
    assert ALL, "no exercise found under exercises/"
    assert exercises.problems(ALL) == []
    topics = {}
    for e in ALL:
        assert topics.setdefault(e.topic, e.section) == e.section, f"two sections have an exercise named {e.topic!r}"
        assert (content.DOCS / "en" / e.page).is_file(), f"{e.name}: docs/en/{e.page} does not exist"


@pytest.mark.slow  # two pytest processes per exercise (the cost is in contributing/exercises.md, "Exercises")
@pytest.mark.parametrize("exercise", ALL, ids=[e.name for e in ALL])
def test_starter_fails_as_intended_and_solution_passes(exercise):
    verdict = exercises.verify(exercise)
    assert verdict.mismatches == []
    assert verdict.starter_ok and verdict.solution_ok
    assert_read_in_every_language(exercise, {"starter": verdict.starter})


def assert_read_in_every_language(exercise, runs: dict[str, exercises.Result]) -> None:
    """Every message of a failed or skipped check reads in Korean and Russian (runner.translated: the
    runner's own words, the frame, the exercise's [[messages]]), but Python's own error from the
    reader's code, which stays as Python wrote it (issue 31). `runs`: which run -> its result."""
    english = [f"{run}: {line}" for run, result in runs.items() for line in exercises.untranslated(exercise, result)]
    assert english == [], (f"{exercise.name}: these messages would reach a Korean or Russian reader in English; each needs "
                           f"its [[messages]] entry, with ko and ru, in {exercise.data_file.relative_to(ROOT)}:\n  " + "\n  ".join(english))


@pytest.mark.slow  # the wrong solutions of one exercise: one process start (guide_tools/exercises/batch.py)
@pytest.mark.parametrize("exercise", ALL, ids=[e.name for e in ALL])
def test_every_wrong_solution_is_rejected(exercise):
    """The corpus (contributing/exercises.md, "Exercises"): each wrong/<slug>/ loads, ends, and fails at least
    the checks its entry declares. On the latest stack only: a wrong solution is rejected by the
    checks' logic, which does not change with the stack, and that stack's run is the shorter. Each
    runs only the checks it declares (runner.verify_wrong's `declared`), unless SIDE_BY_SIDE_CORPUS=full
    (the weekly workflow; `dev.py exercise --check-all` always runs every check). While the exercise's
    corpus stamp is current (`--check-all` passed on the same inputs), only a cover of its wrong
    solutions runs (runner.corpus_plan); SIDE_BY_SIDE_CORPUS=full runs them all, stamped or not."""
    if stacks.current() != exercises.STAMP_STACK:
        pytest.skip("the wrong solutions run on the latest stack (the starters and solutions run on both)")
    full = os.environ.get("SIDE_BY_SIDE_CORPUS") == "full"
    only, said = exercises.corpus_plan(exercise, full=full)
    print(said)  # which ran: shown with -rP, and in every failure below
    verdicts = exercises.verify_wrong(exercise, declared=not full, only=only)
    assert [v.message for v in verdicts if not v.rejected] == [], said
    assert_read_in_every_language(exercise, {f"{v.which}/{v.slug}": v.result for v in verdicts})


@pytest.mark.slow
def test_check_all_prints_one_summary_line_and_fails_on_a_mismatch():
    good = one("routing/flask")
    wrong = dataclasses.replace(good, starter_fails=("known_book",))  # not the check the starter fails
    out = io.StringIO()
    assert exercises.check_all([good, wrong], workers=2, out=out) == 1
    lines = out.getvalue().splitlines()
    assert lines[-1] == (f"2 exercises: 1 starters fail as expected, 2 solutions pass, "
                         f"{2 * len(good.wrong)} wrong solutions rejected")
    assert lines[:-1] == ["routing/flask: the starter should fail known_book, but failed unknown_book_is_json_404"]


# --------------------------------------------------------------------------- on the pages


def exercises_section(lang: str, page: str) -> tuple[str, str]:
    """(everything before, the `{ #exercises }` section) of a page."""
    text = content.page_path(lang, page).read_text(encoding="utf-8")
    match = re.search(r"^## .*\{ #exercises \}$", text, re.MULTILINE)
    assert match, f"docs/{lang}/{page} has no `## … {{ #exercises }}` section; add it after \"Check yourself\""
    return text[:match.start()], text[match.start():]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_exercise_is_on_its_page(lang):
    """Every starter file (an empty `__init__.py` shows nothing) and every solution file (only those that
    differ from the starter's are in solution/) is included by the exercise's section."""
    problems = []
    for e in ALL:
        before, section = exercises_section(lang, e.page)
        where = f"docs/{lang}/{e.page}"
        if "{ #check-yourself }" not in before or re.search(r"^## ", section[3:], re.MULTILINE):
            problems.append(f"{where}: \"Exercises\" must come after \"Check yourself\" and end the page")
        if f"### {e.titles[lang]} {{ #exercise-{e.topic} }}" not in section:
            problems.append(f"{where}: no heading `### {e.titles[lang]} {{ #exercise-{e.topic} }}` (the title in exercise.toml)")
        if exercises.directives(section).count(e.name) != 1:
            problems.append(f"{where}: the {e.framework} tab needs one line `<!-- exercise: {e.name} -->`")
        shown = {inc.file for inc in content.includes(section)}
        base = f"exercises/{e.section}/{e.topic}/{e.framework}"
        needed = [f"{base}/starter/{f}" for f in e.files("starter") if (e.starter / f).read_text().strip()] + [
            f"{base}/solution/{f}" for f in e.files("solution")]
        problems += [f"{where}: does not show {f} (`--8<-- \"{f}\"`)" for f in needed if f not in shown]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ["project_structure/django", "responses/django"])
def test_starter_settings_do_not_teach_a_random_key_fallback(name):
    """Project structure teaches that a deployed project reads its key from the environment and
    refuses to start without one. These starters must not show the opposite (a random key when the
    variable is missing): their key is a constant, marked as for the exercise only."""
    import ast

    settings_py = ROOT / "exercises/compare" / name / "starter/settings.py"
    assignments = {node.targets[0].id: node.value for node in ast.parse(settings_py.read_text()).body
                   if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)}
    key = assignments["SECRET_KEY"]
    assert isinstance(key, ast.Constant) and key.value.startswith("exercise-only"), ast.unparse(key)


def test_every_file_under_exercises_belongs_to_an_exercise():
    known = {e.folder for e in ALL}
    shared = {path for e in ALL for path in e.shared_checks()}  # a topic's checks shared by its frameworks
    stray = [p.relative_to(ROOT).as_posix() for p in exercises.EXERCISES.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts and p.name not in {"pytest.ini", "exercise.toml"}
             and p not in shared and not any(p.is_relative_to(folder) for folder in known)]
    assert stray == [], "files under exercises/ that no exercise.toml lists (add the framework's table, or remove them)"


def test_enough_exercises_counted_per_framework():
    assert len(ALL) >= MINIMUM, f"{len(ALL)} exercises; issue 19 asks for at least {MINIMUM}"


def test_the_directive_becomes_the_command_and_the_hints():
    e = one("routing/django")
    page = "=== \"Django\"\n\n    <!-- exercise: routing/django -->\n"
    rendered = exercises.render(page, "ko", ALL)
    assert "    ```bash\n    python3 dev.py exercise routing/django\n    ```" in rendered
    assert '    ??? tip "힌트"' in rendered
    for check in e.checks():
        assert f"        - `{check}`: {e.hints[check]['ko']}" in rendered
    with pytest.raises(ValueError, match="names no exercise; the exercises are: .*routing/flask, "):
        exercises.render("<!-- exercise: routing/flsk -->", "en", ALL)


# --------------------------------------------------------------------------- the reader's command


@pytest.mark.slow
def test_first_run_copies_the_starter_and_names_the_failing_check(tmp_path):
    code, out = run(["routing/flask", "--lang", "en"], tmp_path)
    assert code == 1
    assert (tmp_path / "routing/flask/app.py").read_text() == (one("routing/flask").starter / "app.py").read_text()
    assert "Copied the starter to" in out
    assert "  \u2713 passed   known_book\n" in out
    assert "  \u2717 FAILED   unknown_book_is_json_404: app.py, line 20: KeyError: 99\n" in out  # where it crashes
    assert f"      hint: {one('routing/flask').hints['unknown_book_is_json_404']['en']}\n" in out
    assert out.endswith("8 of 9 checks pass.\n")


def test_the_n_plus_one_failure_shows_the_queries_it_ran(tmp_path):
    """The reader sees the SQL the page ran, counted, in the failure itself: no option to add (the
    runner takes no -v, which pytest's own message once suggested)."""
    code, out = run(["n_plus_one/django", "--lang", "en"], tmp_path)
    assert code == 1
    line = next(line for line in out.splitlines() if "FAILED   at_most_two_queries" in line)
    assert re.search(r"GET /books ran \d+ queries for \d+ books: \d+× SELECT … FROM library_author .+; expected at most 2$", line), line
    assert " -v" not in out and "-vv" not in out, out


@pytest.mark.slow
def test_the_readers_work_is_never_overwritten_and_a_solution_passes(tmp_path):
    exercise = one("routing/fastapi")
    mine = tmp_path / "routing/fastapi/app.py"
    mine.parent.mkdir(parents=True)
    mine.write_text(exercise.reference("app.py").read_text())  # the reader solved it
    code, out = run(["routing/fastapi", "--lang", "ru"], tmp_path)
    assert code == 0, out
    assert mine.read_text() == exercise.reference("app.py").read_text()
    assert "Пройдены все проверки (9)" in out and "Заготовка скопирована" not in out
    _, listing = run(["--lang", "en"], tmp_path)
    assert re.search(r"routing/fastapi +A JSON 404 for an unknown book +\[solved\]", listing)
    assert re.search(r"routing/flask +.* +\[not started\]", listing)


def test_reset_starts_over_and_keeps_a_backup(tmp_path):
    exercise = one("routing/flask")
    mine = tmp_path / "routing/flask/app.py"
    mine.parent.mkdir(parents=True)
    mine.write_text("# my attempt\n")
    exercise_reset = exercises.Reader("en", tmp_path, io.StringIO())
    exercise_reset.reset(exercise)
    assert mine.read_text() == (exercise.starter / "app.py").read_text()
    [backup] = (tmp_path / ".backup").iterdir()
    assert (backup / "app.py").read_text() == "# my attempt\n"


def test_solution_shows_the_difference_from_the_reference(tmp_path):
    code, out = run(["routing/flask", "--solution", "--lang", "en"], tmp_path)
    assert code == 0
    assert "+    if book is None:\n" in out
    assert "+++ exercises/compare/routing/flask/solution/app.py\n" in out


@pytest.mark.parametrize(("argv", "expected"), [
    (["routng"], "Unknown exercise 'routng'. Did you mean 'routing'? The exercises are: project_structure, routing"),
    (["routing/flsk"], "'routing' has no flsk version. Did you mean 'routing/flask'? It has: routing/flask, routing/fastapi, routing/django."),
    (["nothing_like_it"], "Unknown exercise 'nothing_like_it'. The exercises are: project_structure, routing"),
    (["routing/pyramid"], "'routing' has no pyramid version; it has: routing/flask, routing/fastapi, routing/django."),
])
def test_an_unknown_name_lists_the_valid_ones(tmp_path, argv, expected):
    code, out = run([*argv, "--lang", "en"], tmp_path)
    assert code == 2
    assert out.startswith(expected)
    assert not (tmp_path / "routng").exists() and not (tmp_path / "routing").exists()


@pytest.mark.parametrize(("env", "option", "expected"), [
    ({"LANG": "ko_KR.UTF-8"}, None, "ko"),
    ({"LANG": "ru_RU.UTF-8"}, None, "ru"),
    ({"LANG": "de_DE.UTF-8"}, None, "en"),
    ({}, None, "en"),
    ({"LANG": "ru_RU.UTF-8"}, "ko", "ko"),
])
def test_the_language_comes_from_the_option_or_lang(env, option, expected):
    assert exercises.language(option, env) == expected


def test_every_message_exists_in_every_language():
    keys = set(exercises.MESSAGES["en"])
    for lang in LANGUAGES:
        assert set(exercises.MESSAGES[lang]) == keys, lang
        for key, text in exercises.MESSAGES[lang].items():
            assert sorted(re.findall(r"\{(\w+)\}", text)) == sorted(re.findall(r"\{(\w+)\}", exercises.MESSAGES["en"][key])), (lang, key)


def broken_copy(tmp_path, old: str, new: str, name: str = "routing/flask", file: str = "app.py"):
    """The reader's copy of `name`: the starter, with `old` changed to `new` in `file`."""
    exercise = one(name)
    folder = tmp_path / name
    shutil.copytree(exercise.starter, folder)
    mine = folder / file
    text = mine.read_text()
    assert old in text, (name, file, old)
    mine.write_text(text.replace(old, new, 1))
    return mine


@pytest.mark.slow
@pytest.mark.parametrize(("name", "file", "old", "new", "lang", "expected"), [
    ("routing/flask", "app.py", "def book_list():", "def book_list(:", "en", "app.py, line 14: SyntaxError: "),
    ("routing/flask", "app.py", "from flask import Flask", "from flask import Flaks", "en",
     "app.py, line 3: ImportError: cannot import name 'Flaks'"),
    # a module removed from Werkzeug 1.0, and an argument ProxyFix no longer takes (a TypeError at import)
    ("routing/flask", "app.py", "from flask import Flask", "from flask import Flask\nfrom werkzeug.contrib.fixers import ProxyFix", "en",
     "app.py, line 4: ModuleNotFoundError: No module named 'werkzeug.contrib'. Fix that line"),
    ("routing/flask", "app.py", "app = Flask(__name__)",
     "from werkzeug.middleware.proxy_fix import ProxyFix\n\napp = Flask(__name__)\napp.wsgi_app = ProxyFix(app.wsgi_app, num_proxies=1)",
     "ko", "앱을 불러오지 못했습니다: app.py 8행: TypeError: ProxyFix.__init__() got an unexpected keyword argument 'num_proxies'"),
    # Django: the settings load before any check (pytest-django); urls.py at the first request
    ("routing/django", "settings.py", "SECRET_KEY = os.environ.get(\"DJANGO_SECRET_KEY\") or get_random_secret_key()",
     "SECRET_KEY = os.environ[\"SECRET_KEY\"]", "ru",  # the variable's name mistyped (the deployed one is set)
     "Приложение не загружается: settings.py, строка 7: KeyError: 'SECRET_KEY'. Исправьте эту строку"),
    ("routing/django", "urls.py", 'path("books/<int:book_id>", views.book_detail)',
     'path("books/<int:book_id>", views.book_detail, "book-detail")', "en",  # name= forgotten: the third is kwargs
     "Your app does not load: urls.py, line 7: TypeError: kwargs argument must be a dict, but got str."),
])
def test_a_file_that_does_not_load_gets_one_line(tmp_path, name, file, old, new, lang, expected):
    """The error's type, its message and the reader's file and line, in the reader's words: no traceback,
    and no check's hint (each check would fail, for a reason none of them is about)."""
    broken_copy(tmp_path, old, new, name, file)
    code, out = run([name, "--lang", lang], tmp_path)
    assert code == 1
    broken = exercises.MESSAGES[lang]["broken"].partition("{where}")[0]
    [line] = [line for line in out.splitlines() if line.startswith(broken)]
    assert line.startswith(expected if expected.startswith(broken) else broken + expected), out
    assert "Traceback" not in out and "\u2713" not in out and "\u2717" not in out


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_error_that_names_no_line_is_not_told_to_fix_that_line(tmp_path, lang):
    """BOOKS renamed: the checks' `from app import BOOKS` fails in checks.py, not on a line of the
    reader's: the message says what to compare, not "Fix that line" (issue 45)."""
    broken_copy(tmp_path, "BOOKS = {", "LIBRARY = {")
    code, out = run(["routing/flask", "--lang", lang], tmp_path)
    where = "ImportError: cannot import name 'BOOKS' from 'app'"
    [line] = [line for line in out.splitlines() if where in line]
    head, _, tail = exercises.MESSAGES[lang]["broken_nowhere"].partition("{where}")
    assert code == 1 and line.startswith(head + where) and line.endswith(tail), out
    assert exercises.MESSAGES[lang]["broken"].partition("{where}")[2] not in out  # "Fix that line", in any language


def test_solution_piped_into_head_ends_quietly(tmp_path):
    """`--solution | head`: the reader closes the pipe; the command ends without a BrokenPipeError traceback."""
    env = {**os.environ, "EXERCISES_WORK_DIR": str(tmp_path), "PYTHONPATH": str(exercises.ROOT)}
    with subprocess.Popen([sys.executable, "-m", "guide_tools.exercises", "routing/flask", "--solution"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path) as proc:
        proc.stdout.close()  # `head` has read what it wanted before the command writes
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=60) == 128 + signal.SIGPIPE and err == "", err


@pytest.mark.slow
def test_a_hanging_check_is_stopped(tmp_path):
    broken_copy(tmp_path, "    return BOOKS[book_id]", "    import time\n    time.sleep(60)\n    return BOOKS[book_id]")
    code, out = run(["routing/flask", "--lang", "en"], tmp_path, check_timeout=2)
    assert code == 1
    assert "  \u2717 STOPPED  known_book: stopped after 2 s: does this request wait forever?\n" in out


@pytest.mark.slow
def test_a_hang_outside_any_check_stops_the_run(tmp_path):
    broken_copy(tmp_path, "app = Flask(__name__)", "import time\ntime.sleep(60)\napp = Flask(__name__)")
    code, out = run(["routing/flask", "--lang", "en"], tmp_path, run_timeout=4)
    assert code == 1
    assert "The checks were stopped after 4 s." in out


@pytest.mark.slow
def test_dev_py_exercise_runs_in_the_project_environment(tmp_path):
    """The reader's line, through dev.py and uv, with its working folder in a temp dir."""
    env = {**os.environ, "EXERCISES_WORK_DIR": str(tmp_path), "LANG": "ko_KR.UTF-8"}
    for name in ("COVERAGE_PROCESS_CONFIG", "PYTEST_XDIST_WORKER", "PYTEST_CURRENT_TEST"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "dev.py", "exercise", "routing/django"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "  \u2717 실패     unknown_book_is_json_404: views.py 19행: KeyError: 99" in result.stdout  # 실패: 4 columns of 8
    assert (tmp_path / "routing/django/views.py").is_file()


# --------------------------------------------------------------------------- checks that run the reader's tests


def test_a_mutant_line_that_is_not_in_the_starter_is_an_error(tmp_path, monkeypatch):
    """A mutant that would silently be the correct app (its line was edited away) stops the check."""
    monkeypatch.setenv("EXERCISE_APP_DIR", str(one("testing/flask").starter))
    with pytest.raises(ValueError, match=r"starter/app\.py: the changed text 'no such line' must occur exactly once"):
        exercise_support.run_readers_tests(str(one("testing/flask").checks_file), "app.py", ("no such line", "x"))


def test_a_folder_without_tests_is_named(tmp_path, monkeypatch):
    shutil.copy(one("testing/flask").starter / "app.py", tmp_path / "app.py")
    monkeypatch.setenv("EXERCISE_APP_DIR", str(tmp_path))
    run = exercise_support.run_readers_tests(str(one("testing/flask").checks_file), "app.py")
    assert (run.code, run.summary) == (5, "no test_*.py file in your folder")


@pytest.mark.slow
def test_an_endpoint_that_ends_without_a_close_is_told_promptly(tmp_path):
    """websockets/fastapi, `raise WebSocketDisconnect(code=1009)` instead of a close: the test client's
    receive() would wait for ever, so the run was stopped at the check's time limit with the generic
    hint. The check waits WAIT seconds for the server's next message and says what happened (issue 45)."""
    exercise = one("websockets/fastapi")
    folder = exercises.build(exercise, tmp_path / "app", "raises_disconnect_1009")
    result = exercises.run_checks(exercise, folder, check_timeout=20)  # WAIT is 5 s; the old check waited for ever
    [check] = [c for c in result.checks if c["name"] == "a_long_message_closes_with_1009"]
    assert (check["outcome"], check["cause"]) == ("failed", "ended_without_close"), check


@pytest.mark.slow
def test_rest_apis_says_what_came_back_and_what_was_expected(tmp_path):
    """rest_apis/flask (issue 45): the starter has no PATCH route, and Flask's 405 is an HTML page:
    it is shown as its media type, not as `null`; a PATCH that answers only the fields sent is shown
    with the book it should have answered."""
    code, out = run(["rest_apis/flask", "--lang", "en"], tmp_path)
    assert code == 1 and "PATCH /books/1 with {\"year\": \"soon\"} answered 405 text/html, expected 400" in out, out
    assert "405 null" not in out, out  # the page, not `null` (the hints may name JSON's null)
    exercise = one("rest_apis/flask")
    folder = tmp_path / "rest_apis" / "flask"
    shutil.rmtree(folder)
    exercises.build(exercise, folder)
    app = folder / "app.py"
    text = app.read_text()
    assert text.count("    BOOKS[book_id] |= data\n    return BOOKS[book_id]\n") == 1
    app.write_text(text.replace("    BOOKS[book_id] |= data\n    return BOOKS[book_id]\n", "    BOOKS[book_id] |= data\n    return data\n"))
    code, out = run(["rest_apis/flask", "--lang", "en"], tmp_path)
    assert ('patch_changes_only_what_is_sent: PATCH /books/1 with {"year": 1966} answered {"year": 1966}, '
            'expected {"title": "Dune", "year": 1966}') in out, out


@pytest.mark.slow
@pytest.mark.parametrize(("name", "slug", "check", "cause", "said", "not_said"), [
    ("errors/flask", "catch_all_answers_409", "buying_what_is_in_stock_works", "get_not_405",
     "GET /buy/tea answered 409 and sold nothing", "sold a tea"),
    *[(f"errors/{framework}", "stock_checked_in_view", "concurrent_orders_never_oversell", "lost_race_unhandled",
       "take() then raised OutOfStock, and this order, the one that lost the race, answered 500, expected 409",
       "with STOCK_LOCK:") for framework in ("flask", "fastapi", "django")],
])
def test_errors_tells_what_happened_not_the_starters_hint(tmp_path, name, slug, check, cause, said, not_said):
    """errors (issue 45, item 7; blind adversary adv4): a catch-all handler that turns GET /buy/tea's 405
    into a 409 sold nothing, and was told "GET /buy/tea sold a tea ... keep the POST-only route"; a check
    of the stock in the view before take() oversold nothing, and the order that lost the race answered
    500 (take()'s OutOfStock, unhandled), but was told to keep the check and the decrement inside
    `with STOCK_LOCK:` and that "the first order" answered 500. Each is told its own cause and message."""
    exercise = one(name)
    result = exercises.run_checks(exercise, exercises.build(exercise, tmp_path / "app", slug))
    [got] = [c for c in result.checks if c["name"] == check]
    assert (got["outcome"], got["cause"]) == ("failed", cause), got
    assert said in got["message"] and "the first order" not in got["message"], got["message"]
    for lang in LANGUAGES:
        lines = "\n".join(exercises.report(exercise, result, lang)[0])
        assert exercise.causes[cause][lang] in lines and exercise.hints[check][lang] not in lines, lines
    assert not_said not in "\n".join(exercises.report(exercise, result, "en")[0])


def test_the_auth_checks_draw_the_same_names_for_the_same_answer(tmp_path, monkeypatch):
    """exercises/compare/auth/shared_checks.py new_rng: seeded by the answer's files, so a Check's
    verdict does not change from one run to the next, while an edit of the answer draws other names
    (which the answer therefore cannot hold in advance)."""
    import sys
    import types

    from exercises.compare.auth import shared_checks as shared

    (tmp_path / "app.py").write_text("USERS = {}\n", encoding="utf-8")
    (tmp_path / "helpers.py").write_text("", encoding="utf-8")
    module = types.ModuleType("app")
    module.__file__ = str(tmp_path / "app.py")
    monkeypatch.setitem(sys.modules, "app", module)

    def names() -> list[str]:
        return shared.draw_names(shared.new_rng("app"), 4, set())

    first = names()
    assert names() == first
    (tmp_path / "helpers.py").write_text("# an edit in another file of the answer\n", encoding="utf-8")
    assert names() != first


WRITES = {  # every way an app may put its report on disk (final65 SF5, SD5; senior 65 #3)
    "open_w": lambda path: open(path, "w", encoding="utf-8").close(),
    "open_append": lambda path: open(path, "ab").close(),
    "io_open_plus": lambda path: io.open(path, "r+b").close(),
    "path_write_text": lambda path: path.write_text("id,title\r\n", encoding="utf-8"),
    "os_open": lambda path: os.close(os.open(path, os.O_WRONLY | os.O_CREAT)),
    "file_io": lambda path: io.FileIO(path, "w").close(),
    "temporary_file": lambda path: __import__("tempfile").TemporaryFile(dir=path.parent).close(),
    "named_temporary_file": lambda path: __import__("tempfile").NamedTemporaryFile(dir=path.parent).close(),
    "mkstemp": lambda path: __import__("tempfile").mkstemp(dir=path.parent),
    "mkdtemp": lambda path: __import__("tempfile").mkdtemp(dir=path.parent),
    "in_another_thread": lambda path: __import__("concurrent.futures").futures.ThreadPoolExecutor(1).submit(
        path.write_bytes, b"x").result(),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_read_only_disk_refuses_every_way_of_writing_a_file(tmp_path, write):
    """support.read_only_disk (the responses exercise's `written_to_disk`, all three frameworks):
    each write fails with EROFS and is recorded; reading works; after the block the disk is writable."""
    import errno

    path = tmp_path / "report.csv"
    path.write_bytes(b"id,title\r\n")
    before = sorted(tmp_path.iterdir())
    with exercise_support.read_only_disk() as writes:
        assert path.read_bytes() == b"id,title\r\n"
        assert writes == []
        with pytest.raises(OSError) as refused:
            write(path)
    assert refused.value.errno == errno.EROFS
    assert writes and all(w.startswith(str(tmp_path)) for w in writes), writes
    assert sorted(tmp_path.iterdir()) == before
    write(path)  # the hook stays, switched off
