"""Check on the page, build side (guide_tools/exercises/web.py): which exercises the page can check,
what the page says for the others, and what the worker is given. The browser side runs in
tests/browser/test_exercises_web.py."""

from __future__ import annotations

import json

import pytest

from guide_tools.exercises import runner, web
from guide_tools.runtime import pins


@pytest.fixture(scope="module")
def found() -> dict[str, runner.Exercise]:
    return {e.name: e for e in runner.load_all()}


def test_routing_is_checkable_on_the_page_in_every_framework(found):
    assert {name: web.why_not(found[name]) for name in ("routing/flask", "routing/fastapi", "routing/django")} == {
        "routing/flask": ("", ""), "routing/fastapi": ("", ""), "routing/django": ("", "")}


# The exercises Check on the page can run. A change that takes one away (a check importing a helper that
# the scan reads as a subprocess, a package the runtime lacks) fails here, and is made on purpose or not at all.
CHECKABLE = {
    "flask": {"admin", "auth", "deployment", "errors", "forms", "middleware", "migrations", "orm", "project_structure",
              "request_handling", "responses", "rest_apis", "routing", "static_files", "templates"},
    "fastapi": {"auth", "errors", "forms", "middleware", "migrations", "orm", "project_structure", "request_handling",
                "responses", "rest_apis", "routing", "static_files", "templates"},
    "django": {"auth", "deployment", "drf_viewsets", "errors", "forms", "middleware", "migrations", "n_plus_one", "orm",
               "project_structure", "request_handling", "responses", "rest_apis", "routing", "static_files", "templates"},
}

def test_the_exercises_checkable_on_the_page_are_the_expected_ones(found):
    checkable = {framework: {e.topic for e in found.values() if e.framework == framework and not web.why_not(e)[0]}
                 for framework in CHECKABLE}
    assert checkable == CHECKABLE, {framework: {"lost": sorted(CHECKABLE[framework] - checkable[framework]),
                                                "gained": sorted(checkable[framework] - CHECKABLE[framework])}
                                    for framework in CHECKABLE}


def test_a_support_helper_is_a_subprocess_only_when_it_runs_one(tmp_path):
    """run_readers_tests starts pytest in a subprocess; as_json (the other helpers) runs anywhere."""
    checks = tmp_path / "checks.py"
    checks.write_text("from guide_tools.exercises.support import as_json\n", encoding="utf-8")
    assert "subprocess" not in web._imports(checks)
    checks.write_text("from guide_tools.exercises.support import as_json, run_readers_tests\n", encoding="utf-8")
    assert "subprocess" in web._imports(checks)


@pytest.mark.parametrize(("name", "key"), [("testing/flask", "processes"), ("async_io/fastapi", "processes"),
                                           ("websockets/django", "server"), ("serialization/fastapi", "wheels")])
def test_what_a_browser_cannot_do_is_named(found, name, key):
    assert web.why_not(found[name])[0] == key


@pytest.mark.parametrize("lang", runner.LANGUAGES)
def test_the_page_gets_a_placeholder_or_one_line_with_the_local_command(found, lang):
    page = ("=== \"Flask\"\n\n    <!-- exercise: routing/flask -->\n\n=== \"Django\"\n\n"
            "    <!-- exercise: testing/flask -->\n")
    marked = web.mark(page, lang, list(found.values()))
    assert '    <div class="sbs-exercise" data-sbs-exercise="compare/routing/flask" hidden></div>' in marked.splitlines()
    local = [line for line in marked.splitlines() if "python3 dev.py exercise testing/flask" in line]
    assert len(local) == 1 and local[0].startswith("    <small>")
    assert web.LOCAL[lang][1]["processes"] in local[0]
    # and the runner still expands the directive (its command and hints) around them
    assert "python3 dev.py exercise routing/flask" in runner.render(marked, lang, list(found.values()))


def test_the_editor_opens_on_the_file_the_task_is_about(found):
    """Every bundle names the starter's file the editor opens on: one the reference solution changes
    whenever the solution changes any (compare/middleware/django opened on views.py, the task being
    middleware.py's), a top-level one before one in a folder."""
    wrong = []
    for name, exercise in found.items():
        starter, changed = exercise.files(runner.STARTER), set(exercise.files(runner.SOLUTION))
        opened = web.bundle(exercise)["open"]
        top = [path for path in starter if path in changed and "/" not in path]
        if opened not in starter or (top and opened not in top) or (changed & set(starter) and opened not in changed):
            wrong.append(f"{name}: opens {opened}, the solution changes {sorted(changed)}")
    assert not wrong, wrong
    assert web.bundle(found["middleware/django"])["open"] == "middleware.py"
    assert web.bundle(found["migrations/fastapi"])["open"] == "models.py"


def test_a_bundle_loads_the_extra_packages_its_exercise_imports_and_no_others(found):
    """pins.EXTRAS load only where an exercise imports them: orm/flask needs Flask-SQLAlchemy, routing
    nothing of it; static_files/django names WhiteNoise only in a settings string (MIDDLEWARE)."""
    assert {"flask-sqlalchemy", "sqlalchemy"} <= set(web.bundle(found["orm/flask"])["packages"])
    assert not set(web.bundle(found["routing/flask"])["packages"]) & set(pins.EXTRAS.values())
    assert "whitenoise" in web.bundle(found["static_files/django"])["packages"]
    assert "djangorestframework" in web.bundle(found["rest_apis/django"])["packages"]


def test_a_settings_file_imports_what_its_dotted_paths_name(tmp_path):
    """Django imports MIDDLEWARE, INSTALLED_APPS, BACKENDs and REST_FRAMEWORK's classes from strings; a
    file joined to a folder (BASE_DIR / "db.sqlite3") and a plain string are not imports, and the same
    strings outside settings.py are not read."""
    settings = tmp_path / "settings.py"
    settings.write_text(
        'import os\nBASE_DIR = os.getcwd()\nINSTALLED_APPS = ["rest_framework", "library"]\n'
        'MIDDLEWARE = ["whitenoise.middleware.WhiteNoiseMiddleware"]\n'
        'CHANNEL_LAYERS = {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer"}}\n'
        'REST_FRAMEWORK = {"DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"]}\n'
        'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}\n'
        'ALLOWED_HOSTS = ["localhost"]\n', encoding="utf-8")
    assert web._imports(settings) == {"os", "rest_framework", "library", "whitenoise", "channels_redis", "django_filters",
                                      "django"}
    views = tmp_path / "views.py"
    views.write_text(settings.read_text(encoding="utf-8"), encoding="utf-8")
    assert web._imports(views) == {"os"}


@pytest.mark.parametrize("topic", ["orm", "static_files", "middleware"])
def test_a_bundle_carries_the_topics_shared_checks(found, topic):
    """These topics' checks live once, in exercises/compare/<topic>/shared_checks.py, which each checks.py imports."""
    for name in (f"{topic}/flask", f"{topic}/fastapi", f"{topic}/django"):
        assert f"exercises/compare/{topic}/shared_checks.py" in web.bundle(found[name])["support"]
        assert not web.why_not(found[name])[0]


def test_the_bundle_holds_the_starter_the_checks_and_the_runner(found):
    exercise = found["routing/django"]
    data = json.loads(json.dumps(web.bundle(exercise)))
    assert sorted(data["starter"]) == exercise.files("starter")
    assert set(web.SUPPORT) <= set(data["support"])
    assert "exercises/compare/routing/django/checks.py" in data["support"]
    assert "exercises/compare/routing/exercise.toml" in data["support"]
    assert "pytest" in data["packages"] and "pytest-django" in data["packages"] and "django" in data["packages"]
    assert not any("solution" in path or "wrong" in path for path in data["support"])  # the answer stays on the page only
    # the starter's answers, recorded, that the checks compare the reader's with; not the starter's
    # files at their own path: nothing of the starter runs next to the reader's code
    assert "exercises/compare/routing/django/starter_answers.json" in data["support"]
    assert not [name for name in data["support"] if "/starter/" in name]


def test_the_worker_reads_a_batterys_messages_from_the_bundle_alone(found, tmp_path):
    """The batteries carry their messages (MESSAGES), not the exercise.toml: the bundle sends the
    batteries the checks import, and the exercise the worker builds from the bundle's files alone
    (as web.check does) reads a battery's message in the reader's language."""
    data = json.loads(json.dumps(web.bundle(found["routing/flask"])))
    assert "exercises/batteries/debug.py" in data["support"]
    for name, text in data["support"].items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    toml = runner.tomllib.loads(data["support"]["exercises/compare/routing/exercise.toml"])
    exercise = runner.from_spec("compare", "routing", "flask", toml, tmp_path / "exercises")
    message = "app.py, started as `flask run --debug`, runs in debug mode: every crash would send its traceback to the client"
    assert message.replace("app.py", "{}.py").replace("`flask run --debug`", "`{}`") not in {e["en"] for e in toml["messages"]}
    assert runner.translated(message, "ko", exercise) == (
        "app.py를 `flask run --debug` 명령으로 시작하면 디버그 모드로 실행됩니다. 이대로면 오류가 날 때마다 트레이스백이 클라이언트에 전송됩니다")


def test_the_local_command_and_the_page_print_the_same_report(found, tmp_path):
    """runner.report is the one formatter: the command prints what the page shows."""
    exercise = found["routing/flask"]
    result = runner.Result([{"name": "known_book", "outcome": "passed", "message": "", "cause": ""},
                            {"name": "unknown_book_is_json_404", "outcome": "failed", "message": "GET /books/99 answered 500",
                             "cause": "not_json"}], [])
    lines, code = runner.report(exercise, result, "ko")
    assert code == 1
    assert lines[-1] == runner.MESSAGES["ko"]["summary_fail"].format(passed=1, total=2)
    assert any(exercise.causes["not_json"]["ko"] in line for line in lines)



@pytest.mark.parametrize("lang", ["ko", "ru"])
def test_the_failure_detail_before_the_hint_is_in_the_readers_language(found, lang):
    """The detail after a failed check's name, on the page and from the local command alike (one
    formatter: runner.report): the runner's own words, and a check's message written in the
    `<request> answered <got>, expected <expected>` frame with values only, in the reader's language."""
    from guide_tools.exercises import plugin

    exercise = found["routing/flask"]
    checks = [
        {"name": "book_list_still_works", "outcome": "failed", "message": "GET /books answered 500, expected 200", "cause": ""},
        {"name": "known_book", "outcome": "failed", "message": "GET /books/1 answered {'id': 1}, expected {'id': 1, 'title': 'Dune'}",
         "cause": ""},
        {"name": "unknown_book_is_json_404", "outcome": "failed", "message": "GET /books/99 answered text/html; charset=utf-8, expected JSON",
         "cause": "not_json"},
        {"name": "unknown_route_keeps_flask_404", "outcome": "failed", "message": plugin.describe(AssertionError()), "cause": ""},
        {"name": "other_bugs_stay_500", "outcome": "skipped", "message": "did not run", "cause": ""},
    ]
    lines, _ = runner.report(exercise, runner.Result(checks, []), lang)
    details = [line.split(": ", 1)[1] for line in lines if line.startswith("  \u2717")]
    assert not [d for d in details if any(word in d for word in ("answered", "expected", "assertion failed", "did not run"))], details
    m = runner.MESSAGES[lang]
    assert details == [
        m["answered_expected"].format(request="GET /books", got="500", expected="200"),
        m["answered_expected"].format(request="GET /books/1", got="{'id': 1}", expected="{'id': 1, 'title': 'Dune'}"),
        m["answered_expected"].format(request="GET /books/99", got="text/html; charset=utf-8", expected="JSON"),
        m["assertion_failed"],
        m["check_skipped"].format(reason=m["did_not_run"]),
    ]


def test_a_message_in_the_checks_own_words_stays_as_written(found):
    """Without its exercise, only a frame filled with values is translated: a message with the check's
    own English words in it (what it sent, what it expected) stays whole, not half translated. With
    it, the exercise's [[messages]] entry says the whole sentence (issue 31)."""
    own_words = "GET /nope (no route matches it) answered 404 {'detail': 'Book not found'}, expected the framework's own 404, not the book message"
    for message in ("two different passwords answered 200, expected 422", own_words,
                    "GET /static/app.0123abcd.css (no such file) answered 200"):
        assert runner.translated(message, "ko") == message == runner.translated(message, "ru")
    assert runner.translated("app.py:3: TypeError: boom", "ru") == "app.py, строка 3: TypeError: boom"
    assert runner.translated(own_words, "ru", found["routing/flask"]) == (
        "ответ на GET /nope (ему не соответствует ни один маршрут): 404 {'detail': 'Book not found'}, "
        "ожидался собственный 404 фреймворка, а не сообщение о книге")

def test_the_overview_has_every_exercise_in_every_framework_it_has(found):
    """The overview of exercises (how_to_use.md#all-exercises): a row per exercise, linked to its section
    in its chapter; per framework, a cell overview.js can mark solved (its key is exercise.js's), saying
    where it is checked, or "—" where the exercise has no version."""
    import re

    from guide_tools.website.content import DOCS

    for lang in ("en", "ko", "ru"):
        table = web.overview("<!-- exercises-overview -->", lang)
        rows = [line for line in table.splitlines()[2:]]
        topics = {(e.section, e.topic) for e in found.values()}
        assert len(rows) == len(topics), lang
        for row in rows:
            link = re.search(r"\]\(\.\./(\w+)/(\w+)\.md#(exercise-\w+)\)", row)
            section, topic, anchor = link.groups()
            assert anchor == f"exercise-{topic}"
            assert f"{{ #{anchor} }}" in (DOCS / lang / section / f"{topic}.md").read_text(encoding="utf-8")
            cells = row.split(" | ")[1:]
            for framework, cell in zip(runner.FRAMEWORKS, cells):
                e = found.get(f"{topic}/{framework}")
                if e is None:
                    assert cell.strip(" |") == "—", (lang, topic, framework)
                    continue
                where = web.OVERVIEW[lang]["local" if web.why_not(e)[0] else "page"]
                assert cell.strip(" |") == f'<span data-sbs-exercise-state="{section}/{topic}/{framework}">{where}</span>'


def test_the_worker_gets_every_project_module_its_support_files_import():
    """A Check on the page runs web.py and the modules it imports from web.SUPPORT alone: a project module
    one of them imports but SUPPORT leaves out is an ImportError in the browser, for every exercise
    (the runner's `patches`, before it was listed). Module-level imports: those run when the worker
    imports the file (web.py's build-time helpers import the site's modules inside functions)."""
    import ast

    shipped = set(web.SUPPORT)
    missing = set()
    for path in web.SUPPORT:
        for node in ast.parse((runner.ROOT / path).read_text(encoding="utf-8")).body:
            names = ([f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
                     if isinstance(node, ast.ImportFrom) and node.module else
                     [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
            for name in names:
                if not name.startswith("guide_tools."):
                    continue
                parts = name.split(".")
                candidates = ["/".join(parts) + ".py", "/".join(parts) + "/__init__.py"]
                if not any((runner.ROOT / c).is_file() for c in candidates):
                    continue  # a name imported from a module (from guide_tools.x import some_function)
                if not any(c in shipped for c in candidates):
                    missing.add(f"{path} imports {name}")
    assert not missing, ("web.SUPPORT lacks modules its files import (add them, or the page's Check fails "
                         "with an ImportError): " + "; ".join(sorted(missing)))


def test_dev_py_corpus_web_sends_every_wrong_solution(monkeypatch):
    """`python3 dev.py corpus-web`: the browser corpus with SIDE_BY_SIDE_CORPUS=full (every wrong
    solution, not the cover the per-commit run sends)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("dev_for_corpus", runner.ROOT / "dev.py")
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    seen = []
    monkeypatch.setattr(dev, "in_env", lambda *command, env=None, **kw: seen.append((command, env)) or 0)
    assert dev.main(["corpus-web", "-x"]) == 0
    (command, env), = seen
    assert command[:2] == ("pytest", "-n") and "tests/browser/test_exercises_web.py" in command and command[-1] == "-x"
    assert env == {"SIDE_BY_SIDE_CORPUS": "full", "SIDE_BY_SIDE_PASS": "browser"}
    test = (runner.ROOT / "tests/browser/test_exercises_web.py").read_text(encoding="utf-8")
    assert 'FULL = "SIDE_BY_SIDE_CORPUS"' in test and 'os.environ.get(FULL) == "full"' in test
