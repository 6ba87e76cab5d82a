"""Check on the page: an exercise's checks run in the reader's browser, as the local command runs them.

Two halves, one module:

- Build side (`browser_runnable`, `bundle`, `publish`): which exercises can run in a browser, and
  per exercise the JSON the page's Check sends to the runtime's worker (docs/assets/runtime/worker.js):
  the starter, the checks, exercise.toml, pytest.ini and this package's code, at their paths from
  the project's root. The MkDocs hook publishes them at assets/exercises/<section>/<topic>/<fw>.json.
- Browser side (`check`, the worker's entry `guide_tools.exercises.web:check`): pytest in the
  worker's Python, with the runner's own plugin (plugin.py) and the runner's own report
  (reporting.report): the same checks, statuses, messages and hints, in the page's language.

What differs from the local command (said on the page, docs/assets/exercises/exercise.js):
pytest runs in the page's Python, not in a subprocess; there is no pytest-timeout (no signals in a
browser): the page stops a Check that takes longer than it allows by ending the worker. Starlette's
TestClient runs the app in a thread through anyio's blocking portal; a browser has no threads, so
here the portal runs the app on an event loop of its own in the same thread (`_SyncPortal`).
"""

from __future__ import annotations

import ast
import json
import re
import sys
import tomllib
from pathlib import Path

from guide_tools.exercises import catalog, checking, patches, reporting

ROOT = catalog.ROOT
# The package's files the worker needs to run a Check (besides the exercise's own).
SUPPORT = ("guide_tools/__init__.py", "guide_tools/runtime/__init__.py", "guide_tools/runtime/drive.py",
           "guide_tools/exercises/__init__.py", "guide_tools/exercises/catalog.py", "guide_tools/exercises/checking.py",
           "guide_tools/exercises/reporting.py", "guide_tools/exercises/texts.py", "guide_tools/exercises/patches.py",
           "guide_tools/exercises/messages.py", "guide_tools/exercises/plugin.py", "guide_tools/exercises/support.py",
           "guide_tools/exercises/web.py")
WORK = "work"  # the reader's files, under the worker's folder

# What a browser cannot do, by the top-level module that does it: an exercise whose starter,
# solution, wrong solutions or checks import one of these runs only locally (said on the page).
NOT_IN_BROWSER = {
    # Not `threading`: a Lock works in the browser's one thread (the errors exercise's STOCK_LOCK); a
    # check that starts a thread fails in the corpus run (tests/browser/test_exercises_web.py) and goes in KNOWN.
    "subprocess": "processes", "multiprocessing": "processes", "concurrent": "processes",
    "socket": "server", "uvicorn": "server", "gunicorn": "server", "daphne": "server", "channels": "server",
    "websockets": "server", "redis": "redis", "psycopg": "postgres", "psycopg2": "postgres", "asyncpg": "postgres",
    "argon2": "wheels", "bcrypt": "wheels", "pwdlib": "wheels",  # pwdlib hashes with argon2 (or bcrypt)
}
# The page's line for an exercise Check cannot run, by reason ("packages": a package the browser
# runtime does not bundle: our gap, not the browser's, and named as such).
LOCAL = {
    "en": ("Check on the page is not available for this exercise: {reason}. Check it locally: `{command}`", {
        "processes": "its checks start processes or threads", "server": "it needs a real server and sockets",
        "redis": "it needs a Redis server", "postgres": "it needs PostgreSQL",
        "wheels": "a package it uses has no build for the browser",
        "packages": "the browser runtime does not bundle {detail} yet",
        "websocket": "its checks open a WebSocket through the test client, which Check on the page cannot run yet"}),
    "ko": ("이 연습 문제는 페이지에서 검사할 수 없습니다. {reason}. 로컬에서 검사하세요: `{command}`", {
        "processes": "검사가 프로세스나 스레드를 시작합니다", "server": "실제 서버와 소켓이 필요합니다",
        "redis": "Redis 서버가 필요합니다", "postgres": "PostgreSQL이 필요합니다",
        "wheels": "사용하는 패키지에 브라우저용 빌드가 없습니다",
        "packages": "브라우저 런타임에 아직 {detail}이(가) 포함되어 있지 않습니다",
        "websocket": "검사가 테스트 클라이언트로 웹소켓을 여는데, 페이지의 검사는 아직 이를 실행할 수 없습니다"}),
    "ru": ("Проверить это упражнение на странице нельзя: {reason}. Проверьте его локально: `{command}`", {
        "processes": "его проверки запускают процессы или потоки", "server": "нужны настоящий сервер и сокеты",
        "redis": "нужен сервер Redis", "postgres": "нужен PostgreSQL",
        "wheels": "у используемого пакета нет сборки для браузера",
        "packages": "в браузерную среду пока не входит {detail}",
        "websocket": "его проверки открывают WebSocket через тестовый клиент, а проверка на странице пока этого не поддерживает"}),
}
# Exercises the import scan lets through that still cannot run in a browser: {name: (reason, detail)}
# (found by tests/browser/test_exercises_web.py's corpus run).
KNOWN = {
    "websockets/fastapi": ("websocket", ""),  # TestClient.websocket_connect needs the portal's start_task
    "async_io/django": ("processes", ""),  # a wrong solution (thread_join) starts a thread
}
# A Django settings file names what it imports as dotted paths in strings (MIDDLEWARE,
# INSTALLED_APPS, ROOT_URLCONF, a cache's or a channel layer's BACKEND, REST_FRAMEWORK's classes):
# in a settings.py, a string that is a dotted Python path (not a file joined to a folder with /)
# counts as an import of its first name.
DOTTED_PATH = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")


# --------------------------------------------------------------------------- build side


def _imports(path: Path, text: str | None = None) -> set[str]:
    """The top-level names the file imports (`text`: its content, when it is not the file on disk)."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8") if text is None else text)
    except (SyntaxError, UnicodeDecodeError):
        return set()
    names = set()
    paths = {id(side) for node in ast.walk(tree) if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div)
             for side in (node.left, node.right)}  # BASE_DIR / "db.sqlite3" is a file, not a module
    apps = {id(item) for node in ast.walk(tree) if isinstance(node, (ast.Assign, ast.AnnAssign))
            and "INSTALLED_APPS" in {t.id for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
                                     if isinstance(t, ast.Name)}
            and isinstance(node.value, (ast.List, ast.Tuple)) for item in node.value.elts}  # "rest_framework"
    for node in ast.walk(tree):
        if path.name == "settings.py" and isinstance(node, ast.Constant) and isinstance(node.value, str):
            if (DOTTED_PATH.fullmatch(node.value) and id(node) not in paths) or (id(node) in apps and node.value.isidentifier()):
                names.add(node.value.split(".")[0])
        elif isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
            if node.module == "guide_tools.exercises.support" and {a.name for a in node.names} & {"run_readers_tests", "*"}:
                names.add("subprocess")  # run_readers_tests runs the reader's tests in a subprocess; as_json does not
    return names


def _sources(exercise: catalog.Exercise) -> list[tuple[Path, str | None]]:
    """Every Python file of the exercise, (path, None) for one on disk, and the wrong and right
    solutions' patched files as (their path in the reader's folder, their text)."""
    found = [(p, None) for p in exercise.folder.rglob("*.py") if "__pycache__" not in p.parts]
    found += [(p, None) for p in exercise.shared_checks()]
    return found + [(Path(name), text) for name, text in _variant_files(exercise).items() if name.endswith(".py")]


def _variant_files(exercise: catalog.Exercise) -> dict[str, str]:
    """The files the wrong and right solutions' patches give (a patch that does not apply gives none:
    validate.problems names it)."""
    files = {}
    for which in (catalog.WRONG, catalog.RIGHT):
        for slug in exercise.patch_slugs(which):
            try:
                files |= {f"{which}/{slug}/{name}": text for name, text in exercise.variant(slug, which).items()}
            except patches.PatchError:
                continue
    return files


def imported(exercise: catalog.Exercise) -> set[str]:
    """The top-level names every file of the exercise imports (starter, solutions, wrong and right
    ones, checks): what the browser must be able to import for any of them."""
    return {name for path, text in _sources(exercise) for name in _imports(path, text)}


def why_not(exercise: catalog.Exercise) -> tuple[str, str]:
    """("", "") if the exercise's checks can run in a browser, else (a LOCAL reason key, detail)."""
    from guide_tools.runtime import pins

    if exercise.name in KNOWN:
        return KNOWN[exercise.name]
    names = imported(exercise)
    needs = sorted({NOT_IN_BROWSER[name] for name in names if name in NOT_IN_BROWSER})
    if needs:
        return needs[0], ""
    available = {"guide_tools", "exercises", "pytest", "_pytest", "pytest_django", *pins.EXTRAS}  # exercises: shared checks
    available |= {name.replace("-", "_") for name in pins.STACKS.get(exercise.framework, ())}
    own = {p.stem for p in exercise.folder.rglob("*.py")} | {p.name for p in exercise.folder.rglob("*") if p.is_dir()}
    own |= {part.removesuffix(".py") for name in _variant_files(exercise) for part in name.split("/")[2:]}
    missing = sorted(names - set(sys.stdlib_module_names) - available - own)
    if missing:
        return "packages", ", ".join(missing)
    return "", ""


def browser_runnable(exercises: list[catalog.Exercise] | None = None) -> dict[str, str]:
    """{exercise name ("routing/flask"): (why it cannot run in a browser, detail), ("", "") if it can}."""
    exercises = catalog.load_all() if exercises is None else exercises
    return {e.name: why_not(e) for e in exercises}


def placeholder(name: str) -> str:
    """What exercise.js turns into the editor and Check (hidden: without JavaScript, nothing shows)."""
    return f'<div class="sbs-exercise" data-sbs-exercise="{name}" hidden></div>'


def local_line(exercise: catalog.Exercise, key: str, detail: str, lang: str) -> str:
    template, reasons = LOCAL.get(lang, LOCAL["en"])
    reason = reasons[key].format(detail=f"`{detail}`" if detail else "")
    return f"<small>{template.format(reason=reason, command=exercise.command())}</small>\n{{ .sbs-check-local }}"


def mark(markdown: str, lang: str, exercises: list[catalog.Exercise] | None = None) -> str:
    """Before the runner expands each `<!-- exercise: routing/flask -->` line (catalog.render): after
    it, the placeholder of Check on the page, or the line saying why this exercise checks only locally."""
    exercises = catalog.load_all() if exercises is None else exercises
    by_name = {e.name: e for e in exercises}

    def add(m):
        e = by_name.get(m.group("name"))
        if e is None:
            return m.group(0)  # catalog.render names the mistake
        key, detail = why_not(e)
        pad = m.group("indent")
        if key:
            extra = local_line(e, key, detail, lang).split("\n")
        else:
            extra = [placeholder(f"{e.section}/{e.topic}/{e.framework}")]
        return m.group(0) + "\n\n" + "\n".join(pad + line for line in extra) + "\n"

    return catalog.DIRECTIVE_RE.sub(add, markdown)


# The overview of every exercise (docs/*/overview/how_to_use.md): a `<!-- exercises-overview -->`
# line becomes a table, a row per exercise and a column per framework; overview.js marks what this
# browser solved (the key exercise.js saves under: sbs-exercise:<section>/<topic>/<framework>).
OVERVIEW_RE = re.compile(r"^<!-- exercises-overview -->[ \t]*$", re.MULTILINE)
OVERVIEW = {
    "en": {"exercise": "Exercise", "page": "on the page", "local": "locally", "none": "—"},
    "ko": {"exercise": "연습 문제", "page": "페이지에서", "local": "로컬에서", "none": "—"},
    "ru": {"exercise": "Упражнение", "page": "на странице", "local": "локально", "none": "—"},
}
FRAMEWORK_NAMES = {"flask": "Flask", "fastapi": "FastAPI", "django": "Django"}


def overview(markdown: str, lang: str, exercises: list[catalog.Exercise] | None = None) -> str:
    """Replace the overview line with the table: each exercise's title, linked to its section in its
    chapter, and per framework where it can be checked (on the page, or only locally); "—" where the
    exercise has no version for that framework. A cell overview.js can mark solved carries the key."""
    if not OVERVIEW_RE.search(markdown):
        return markdown
    exercises = catalog.load_all() if exercises is None else exercises
    words = OVERVIEW.get(lang, OVERVIEW["en"])
    topics: dict[tuple[str, str], dict[str, catalog.Exercise]] = {}
    for e in exercises:
        topics.setdefault((e.section, e.topic), {})[e.framework] = e
    lines = [f"| {words['exercise']} | " + " | ".join(FRAMEWORK_NAMES[f] for f in catalog.FRAMEWORKS) + " |",
             "|---|" + "---|" * len(catalog.FRAMEWORKS)]
    for (section, topic), versions in topics.items():
        first = next(iter(versions.values()))
        title = first.titles.get(lang) or first.titles["en"]
        cells = []
        for framework in catalog.FRAMEWORKS:
            e = versions.get(framework)
            if e is None:
                cells.append(words["none"])
                continue
            where = words["local"] if why_not(e)[0] else words["page"]
            cells.append(f'<span data-sbs-exercise-state="{section}/{topic}/{framework}">{where}</span>')
        lines.append(f"| [{title}](../{section}/{topic}.md#exercise-{topic}) | " + " | ".join(cells) + " |")
    return OVERVIEW_RE.sub(lambda m: "\n".join(lines), markdown)


WRAPPED = re.compile(r'<p>(<div class="sbs-exercise"[^>]*></div>)</p>')


def add_script(page_html: str) -> str:
    """exercise.js on a page with a Check placeholder; overview.js on the page with the overview of exercises."""
    from guide_tools.website import page_scripts

    page_html = page_scripts.add(page_html, 'class="sbs-exercise"', page_scripts.CLIENT)
    page_html = page_scripts.add(page_html, 'class="sbs-exercise"', "assets/exercises/exercise.js", unwrap=WRAPPED)
    return page_scripts.add(page_html, "data-sbs-exercise-state=", "assets/exercises/overview.js")


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def opened_file(exercise: catalog.Exercise) -> str:
    """The starter's file the editor opens on: the one the task is about, which the reference solution
    changes (middleware.py, not views.py, for compare/middleware/django); a file at the top before one
    in a folder (models.py before migrations/), else the first in order."""
    starter, changed = exercise.files(catalog.STARTER), set(exercise.files(catalog.SOLUTION))
    ranked = sorted(starter, key=lambda path: (path not in changed, "/" in path, path))
    return ranked[0]


def bundle(exercise: catalog.Exercise) -> dict[str, object]:
    """What Check needs, for one exercise: the starter's files (the editor's tabs), and the files the
    worker writes before it runs the checks (paths from the project's root)."""
    from guide_tools.runtime import pins

    base = exercise.folder.relative_to(ROOT).as_posix()
    support = {name: _text(ROOT / name) for name in SUPPORT}
    support["exercises/pytest.ini"] = _text(catalog.PYTEST_CONFIG)
    support[exercise.data_file.relative_to(ROOT).as_posix()] = _text(exercise.data_file)
    support[f"{base}/{catalog.CHECKS_FILE}"] = _text(exercise.checks_file)
    for path in exercise.shared_checks():
        support[path.relative_to(ROOT).as_posix()] = _text(path)
    starter = {name: _text(exercise.starter / name) for name in exercise.files(catalog.STARTER)}
    # The data files beside checks.py (the routing exercise's starter_answers.json: the starter's
    # answers, recorded, that everything_else_stays compares the reader's with), at their own place.
    support.update({f"{base}/{path.name}": _text(path) for path in sorted(exercise.folder.glob("*.json"))})
    return {
        "name": exercise.name, "section": exercise.section, "topic": exercise.topic, "framework": exercise.framework,
        "command": exercise.command(), "starter": starter, "open": opened_file(exercise), "support": support,
        "packages": [*pins.STACKS[exercise.framework], *pins.CHECKS["pytest"], *pins.CHECKS.get(exercise.framework, ()),
                     *sorted({pins.EXTRAS[name] for name in imported(exercise) if name in pins.EXTRAS}
                             - set(pins.STACKS[exercise.framework]))],
    }


def publish(site: Path, exercises: list[catalog.Exercise] | None = None) -> int:
    """Each browser-runnable exercise's bundle at <site>/assets/exercises/<section>/<topic>/<fw>.json."""
    exercises = catalog.load_all() if exercises is None else exercises
    count = 0
    for exercise in exercises:
        if why_not(exercise)[0]:
            continue
        target = site / "assets" / "exercises" / exercise.section / exercise.topic / f"{exercise.framework}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(bundle(exercise), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        count += 1
    return count


# --------------------------------------------------------------------------- browser side


class _SyncPortal:
    """anyio's BlockingPortal as Starlette's TestClient uses it (call, start_task_soon), on an event
    loop of its own run in this thread: a browser has no thread to run the portal's loop in."""

    def __init__(self):
        import asyncio

        class _NoSelector:  # nothing to wait for but timers (no sockets): a wait for ever is a deadlock
            def select(self, timeout):
                if timeout is None:
                    raise RuntimeError("the app waits for something that never happens (nothing else is running)")
                if timeout > 0:
                    import time

                    time.sleep(timeout)
                return []

        class _Loop(asyncio.BaseEventLoop):
            def __init__(self):
                super().__init__()
                self._selector = _NoSelector()

            def _process_events(self, event_list):
                pass

            def _write_to_self(self):
                pass

        self._asyncio = asyncio
        self.loop = _Loop()

    def _run(self, awaitable):
        # The worker's own loop, and its task, step aside while this loop runs (Python 3.14 keeps the
        # current task per thread: a task of this loop could not start while the worker's is current).
        asyncio, events = self._asyncio, self._asyncio.events
        outer = events._get_running_loop()
        outer_task = asyncio.current_task(outer) if outer is not None else None
        if outer_task is not None:
            asyncio.tasks._leave_task(outer, outer_task)
        events._set_running_loop(None)
        try:
            return self.loop.run_until_complete(awaitable)
        finally:
            events._set_running_loop(outer)
            if outer_task is not None:
                asyncio.tasks._enter_task(outer, outer_task)

    def call(self, func, *args):
        async def run():
            value = func(*args)
            if hasattr(value, "__await__"):
                value = await value
            return value
        return self._run(run())

    def start_task_soon(self, func, *args, name=None):
        import concurrent.futures

        future = concurrent.futures.Future()

        async def run():
            try:
                future.set_result(await func(*args))
            except BaseException as error:  # noqa: BLE001 - handed to whoever waits on the future
                future.set_exception(error)

        self.loop.create_task(run(), name=name)
        return future

    def close(self):
        pending = self._asyncio.all_tasks(self.loop)
        if pending:
            self._run(self._asyncio.gather(*pending, return_exceptions=True))
        self.loop.close()


def _browser_setup() -> None:
    import contextlib

    from guide_tools.runtime import drive

    drive.browser_setup()
    try:
        import anyio.from_thread
    except ImportError:
        return

    @contextlib.contextmanager
    def start_blocking_portal(*args, **kwargs):
        portal = _SyncPortal()
        try:
            yield portal
        finally:
            portal.close()

    anyio.from_thread.start_blocking_portal = start_blocking_portal


def _descriptors_into(output):
    """A Check's output is its own: the reader's code may also write below sys.stdout, to file
    descriptors 1 and 2 (`os.write(2, ...)`, a C library), which on the page would reach the
    browser's console as warnings (the corpus run counts each as a problem). Both go to a file for
    the run, read into `output` after it. Where there are no descriptors to copy, nothing changes."""
    import contextlib
    import os
    import tempfile

    @contextlib.contextmanager
    def into():
        try:
            saved = [os.dup(1), os.dup(2)]
        except OSError:
            yield
            return
        with tempfile.TemporaryFile() as file:
            try:
                for fd in (1, 2):
                    os.dup2(file.fileno(), fd)
                yield
            finally:
                for fd, copy in zip((1, 2), saved, strict=True):
                    os.dup2(copy, fd)
                    os.close(copy)
                file.seek(0)
                output.write(file.read().decode("utf-8", "replace"))

    return into()


def check(name: str, lang: str) -> str:
    """The worker's entry: run the exercise's checks (`compare/routing/flask`) against the reader's
    files (written by the worker under work/), as JSON: {"ok", "passed", "total", "lines"}."""
    import os

    import pytest

    from guide_tools.exercises import plugin
    from guide_tools.runtime import drive

    root = Path(catalog.__file__).resolve().parents[2]
    section, topic, framework = name.split("/")
    data = root / "exercises" / section / topic / catalog.DATA_FILE
    exercise = catalog.from_spec(section, topic, framework, tomllib.loads(_text(data)), root / "exercises")
    app_dir = root / WORK
    _browser_setup()
    drive.forget_django(root)  # a Check after another in the same Python: Django set up anew from this one's settings
    sys.dont_write_bytecode = True
    if str(app_dir) not in sys.path:
        sys.path.insert(0, str(app_dir))
    report = root / "report.json"
    report.unlink(missing_ok=True)
    plugin._checks.clear()
    plugin._broken.clear()
    plugin._warnings.clear()
    os.environ.update(EXERCISE_REPORT=str(report), EXERCISE_APP_DIR=str(app_dir), PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    os.environ.pop("DJANGO_SETTINGS_MODULE", None)
    args = [str(exercise.checks_file), "-c", str(root / "exercises" / "pytest.ini"), "--rootdir", str(exercise.folder),
            "-p", "guide_tools.exercises.plugin", "-p", "no:cacheprovider", "-p", "no:faulthandler",
            "--capture=sys", "-q", "--no-header", "-rN", "--tb=no"]
    if framework == "django":
        args += ["-p", "pytest_django.plugin", "--ds", exercise.settings, "-o", "django_find_project=false"]
    import io
    from contextlib import redirect_stderr, redirect_stdout

    output = io.StringIO()
    with redirect_stdout(output), redirect_stderr(output), _descriptors_into(output):
        try:
            pytest.main(args)
        except Exception:  # noqa: BLE001 - pytest-django's settings failed to load: the plugin has reported it
            import traceback

            traceback.print_exc(file=output)
    result = checking._result(exercise, report, output.getvalue())
    lines, code = reporting.report(exercise, result, lang)
    return json.dumps({"ok": code == 0, "passed": result.passed, "total": len(result.checks),
                       "checks": result.checks, "broken": result.broken, "lines": lines}, ensure_ascii=False)
