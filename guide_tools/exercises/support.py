"""Helpers for exercise checks that run the reader's own tests (the testing chapter's exercise).

The reader writes tests; a check runs them with pytest, in a subprocess, against the starter's
app as it is and against a copy with one line changed (a *mutant*, as in the chapter's "A test
that cannot fail"). Their tests must pass on the first and fail on each mutant. Only the app's
file comes from the starter, so a change the reader made to it does not hide a bug.
See contributing/exercises.md, "Exercises".
"""

from __future__ import annotations

import contextlib
import email.message
import email.utils
import errno
import functools
import gc
import importlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

TIMEOUT = 60  # seconds for one run of the reader's tests

# The messages of the assertions below in Korean and Russian (guide_tools/exercises/messages.py: `en`
# is the message with `{}` for each value; ko and ru place the values by number). The runner reads a
# check's message back by these as by its exercise's [[messages]]; the data check (runner.problems)
# names one missing, left over or with the wrong placeholders.
MESSAGES = {
    "bob (not an editor) got {}, expected 403": {
        "ko": "편집자가 아닌 bob이 받은 응답: {0}, 기대한 응답: 403",
        "ru": "bob (не редактор) получил {0}, ожидался 403"},
    "bob (not an editor) sent {} and got {}, expected 403: who is an editor comes from the user, never from what the request says": {
        "ko": "편집자가 아닌 bob이 {0} 헤더를 보내고 받은 응답: {1}, 기대한 응답: 403. 누가 편집자인지는 요청 내용이 아니라 사용자 정보로 정해집니다",
        "ru": "bob (не редактор) отправил {0} и получил {1}, ожидался 403: кто редактор, определяется по пользователю, а не по тому, что сказано в запросе"},
    "GET {}{} answered Content-Disposition {}, expected {}": {
        "ko": "GET {0}{1} 요청의 응답 Content-Disposition: {2}, 기대한 값: {3}",
        "ru": "ответ на GET {0}{1}: Content-Disposition {2}, ожидался {3}"},
    "GET /no-such-page (a {}) answered Content-Disposition {}, expected none: only {} is a download": {
        "ko": "GET /no-such-page 요청의 응답({0})에 Content-Disposition이 있습니다: {1}. 내려받는 파일은 {2}뿐이어야 합니다",
        "ru": "ответ на GET /no-such-page ({0}) пришёл с Content-Disposition {1}, ожидалось без него: скачивается только {2}"},
    "your tests fail against the correct {}: {}": {
        "ko": "올바른 {0}에서 테스트가 실패합니다: {1}",
        "ru": "ваши тесты не проходят на правильном {0}: {1}"},
    "your tests leave {} changed: a later test inherits it": {
        "ko": "테스트가 {0}을(를) 바꾼 채로 남깁니다. 뒤에 오는 테스트가 그 상태를 물려받습니다",
        "ru": "ваши тесты оставляют изменённым {0}: следующий тест получит это состояние"},
    "when your tests fail (on a broken {}), they leave {} behind: a later test inherits it": {
        "ko": "테스트가 실패하면(고장 난 {0}에서) {1}이(가) 그대로 남습니다. 뒤에 오는 테스트가 그 상태를 물려받습니다",
        "ru": "когда ваши тесты падают (на сломанном {0}), они оставляют после себя {1}: следующий тест получит это состояние"},
    "your tests fail when the last one runs first: {}": {
        "ko": "마지막 테스트를 먼저 실행하면 테스트가 실패합니다: {0}",
        "ru": "ваши тесты падают, если последний из них запустить первым: {0}"},
    "your tests fail against {} rewritten to behave the same, with other code: {}": {
        "ko": "같은 동작을 다른 코드로 다시 작성한 {0}에서 테스트가 실패합니다: {1}",
        "ru": "ваши тесты не проходят на {0}, переписанном другим кодом с тем же поведением: {1}"},
}
DATABASE_SUFFIXES = (".db", ".sqlite", ".sqlite3")

# A pytest plugin the reader's run loads (`-p _readers_probe`, written into the copy): their tests
# must leave the process as they found it, passing or failing. At the session's end it writes
# what differs from the start to _readers_probe.txt: environment variables, Django's settings, a
# FastAPI app's dependency_overrides, and the globals of the copy's modules (other than tests).
PROBE = """
import os, sys
from pathlib import Path

HERE = Path.cwd().resolve()
BEFORE = {}


def _settings():
    conf = sys.modules.get("django.conf")
    if conf is None or not conf.settings.configured:
        return {}
    # DATABASES: pytest-django renames the test database; SETTINGS_MODULE: Django's own record of the
    # settings module, which an override left enabled hides (its setting is named anyway)
    return {k: repr(getattr(conf.settings, k, None)) for k in dir(conf.settings)
            if k.isupper() and k not in {"DATABASES", "SETTINGS_MODULE"}}


def _ours():  # the modules of the copy's own files (the app's, the tests')
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None) or ""
        if file and Path(file).resolve().parent == HERE:
            yield module


def _globals():
    found = {}
    for module in _ours():
        if not Path(module.__file__).name.startswith(("test_", "conftest", "_readers_probe")):
            found.update({f"{module.__name__}.{k}": id(v) for k, v in vars(module).items() if not k.startswith("__")})
    return found


def pytest_addoption(parser):
    parser.addoption("--readers-reversed", action="store_true", help="run the tests in reverse order")


def pytest_collection_modifyitems(session, config, items):
    if config.getoption("readers_reversed"):  # the last test first: an order dependence shows
        items.reverse()


def _environ():
    # PYTEST_CURRENT_TEST is pytest's own (the test it runs; the checks' own run passes it down and
    # this run removes it), never the reader's
    return {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}


def pytest_sessionstart(session):
    BEFORE["env"] = _environ()
    BEFORE["settings"] = _settings()


def pytest_collection_finish(session):
    BEFORE["globals"] = _globals()


def pytest_sessionfinish(session):
    leaks = []
    env = _environ()
    leaks += [f"os.environ[{k!r}]" for k in sorted(set(env) ^ set(BEFORE["env"]) | {k for k in env if BEFORE["env"].get(k, env[k]) != env[k]})]
    now = _settings()
    leaks += [f"settings.{k}" for k in sorted(now) if k in BEFORE["settings"] and now[k] != BEFORE["settings"][k]]
    if any(getattr(getattr(module, "app", None), "dependency_overrides", None) for module in _ours()):
        leaks.append("app.dependency_overrides")
    now = _globals()
    leaks += [k for k, v in sorted(BEFORE.get("globals", {}).items()) if k in now and now[k] != v]
    Path(HERE, "_readers_probe.txt").write_text("\\n".join(dict.fromkeys(leaks)), encoding="utf-8")
"""
# What the reader's tests import anyway, by the folder of the exercise's checks.py: imported in this
# process before it forks a child per run (_forked), never the reader's own modules.
PREIMPORT = {
    "flask": ("flask", "flask_sqlalchemy", "sqlalchemy.orm", "werkzeug.test"),
    "fastapi": ("fastapi", "fastapi.testclient", "httpx", "pydantic", "sqlalchemy.orm"),
}


@dataclass
class TestRun:
    __test__ = False  # not a pytest test class, whatever imports it
    code: int  # pytest's exit status: 0 all passed, 1 some failed, 5 none collected
    summary: str  # pytest's last line without the time: "1 failed, 2 passed"
    databases: list[str]  # SQLite files the run left behind, relative to the folder
    output: str
    leaks: list[str] = field(default_factory=list)  # state the tests changed and left changed (PROBE)

    @property
    def failures(self) -> str:
        """pytest's short summary lines: "FAILED test_app.py::test_x - assert 3 == 2"; "; "-joined."""
        return "; ".join(line for line in self.output.splitlines() if line.startswith(("FAILED ", "ERROR ")))


# Headers a client can set to claim a role (the auth exercises send each with a non-editor's login):
# who is an editor comes from the user the session or token names, never from the request.
ROLE_HEADERS = ({"X-Role": "editor"}, {"X-User-Role": "editor"}, {"Role": "editor"}, {"X-Editor": "true"},
                {"X-Is-Editor": "1"}, {"X-Roles": "editor,admin"}, {"X-Admin": "true"})


def assert_no_header_makes_an_editor(get_as_bob, cause: str) -> None:
    """The auth exercises' check that a client cannot claim a role: `get_as_bob(headers)` requests
    the editors' page as bob (logged in, not an editor), with those extra headers or none; each
    answer must be 403. A header that gets more is tagged with `cause` (named in checks.py, so that
    the data check finds the hint's tag there)."""
    response = get_as_bob({})
    assert response.status_code == 403, f"bob (not an editor) got {response.status_code}, expected 403"
    tag = f"[{cause}] "
    for headers in ROLE_HEADERS:
        response = get_as_bob(headers)
        assert response.status_code == 403, (
            f"{tag}bob (not an editor) sent {headers} and got {response.status_code}, expected 403: "
            "who is an editor comes from the user, never from what the request says")


def as_json(body: object) -> str:
    """A request or response body as the reader would write it: JSON (`{"quantity": null}`), not
    Python's repr (`{'quantity': None}`); a body that is already text is shown as it is."""
    return body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)


@contextlib.contextmanager
def json_nested_too_deeply() -> Iterator[str]:
    """A JSON body nested so deeply that CPython's `json` raises RecursionError (not a ValueError):
    100 000 `[`, as in the request handling chapter. The page's Python (Pyodide) overflows the
    browser's stack on it instead, a fatal error of the page; there the body is 1 000 `[` and,
    while the block runs, the decoder raises the RecursionError CPython would."""
    if sys.platform != "emscripten":
        yield "[" * 100_000
        return
    body, real = "[" * 1_000, json.JSONDecoder.raw_decode

    def raw_decode(self, s, idx=0):
        if s.startswith(body, idx):
            raise RecursionError("maximum recursion depth exceeded while decoding a JSON array from a unicode string")
        return real(self, s, idx)

    json.JSONDecoder.raw_decode = raw_decode
    try:
        yield body
    finally:
        json.JSONDecoder.raw_decode = real


def content_disposition(value: str | None) -> tuple[str, str | None]:
    """The disposition type (lower case) and the file name a browser reads from a
    Content-Disposition header, parsed, not compared as text: `attachment; filename="report.csv"`,
    `attachment; filename=report.csv` (what `send_file` writes) and `filename*=UTF-8''report.csv`
    all name the same download. ("", None) when there is no header."""
    if not value:
        return "", None
    message = email.message.Message()
    message["content-disposition"] = value
    names = [(isinstance(v, tuple), email.utils.collapse_rfc2231_value(v))
             for k, v in message.get_params([], header="content-disposition")[1:] if k.lower() == "filename"]
    names.sort(key=lambda n: not n[0])  # filename*= (RFC 6266: a browser prefers it) before filename=
    return message.get_content_disposition() or "", names[0][1] if names else None


class _Disk:  # an audit hook cannot be removed: it is added once per process and switched on per block
    hooked = False
    writes: list[str] | None = None  # None: the disk is writable


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _refuse_writes(event: str, args: tuple) -> None:
    writes = _Disk.writes
    if writes is None or event not in ("open", "os.mkdir"):
        return
    path = args[0]
    if isinstance(path, int) or "__pycache__" in os.fsdecode(path):  # a descriptor already open; Python's own .pyc
        return
    if event == "open" and not (args[2] or 0) & _WRITE_FLAGS:
        return
    writes.append(os.fsdecode(path))
    raise OSError(errno.EROFS, "Read-only file system", os.fsdecode(path))


@contextlib.contextmanager
def read_only_disk() -> Iterator[list[str]]:
    """Inside the block every opening of a file for writing (builtins/io/os.open, `Path.write_text`,
    `tempfile`, `FileIO`) and every `os.mkdir` fails with EROFS, as on a container's read-only file
    system, and its path is added to the list the block gets. It works by the `open` audit event
    (PEP 578), which CPython and Pyodide raise for each of them, so no name bound before the block
    escapes it; it covers the threads of the process, the one a TestClient's app runs in too."""
    if not _Disk.hooked:
        sys.addaudithook(_refuse_writes)
        _Disk.hooked = True
    writes: list[str] = []
    _Disk.writes = writes
    try:
        yield writes
    finally:
        _Disk.writes = None


def media_type(value: str | None) -> tuple[str, str | None]:
    """The media type (`type/subtype`, lower case) and the charset (lower case, None when absent)
    of a Content-Type header, parsed as RFC 9110 8.3.1 says, not compared as text:
    `text/csv; charset=utf-8`, `text/csv;charset=UTF-8` and `Text/CSV; charset="utf-8"` are one
    type. ("", None) when there is no header."""
    if not value:
        return "", None
    message = email.message.Message()
    message["content-type"] = value
    charset = message.get_param("charset")
    if isinstance(charset, tuple):  # charset*=..., RFC 2231
        charset = email.utils.collapse_rfc2231_value(charset)
    # Not get_content_type(): it answers text/plain for a malformed type, which hides what was sent.
    return value.split(";", 1)[0].strip().lower(), charset.lower() if charset else None


# Query parameters a view might read a file name from: the name is the app's, never the visitor's.
NAME_QUERIES = ("?name=evil.html", "?filename=evil.html", "?file=evil.html", "?download_name=evil.html", "?title=evil.html")


def assert_only_this_download(fetch, path: str, filename: str, causes: tuple[str, str]) -> None:
    """`path` stays the download `filename` whatever name-like query parameter a request adds, and a
    missing page is no download: the header set for this response only, and from no input.
    `fetch(path)` returns a response; `causes` tags the two failures (name from the request, every
    response a download), as string literals of the checks that call this."""
    from_request, everywhere = causes
    expected = f'attachment; filename="{filename}"'
    for query in NAME_QUERIES:
        other = fetch(path + query).headers.get("content-disposition")
        tag = f"[{from_request}] "
        assert content_disposition(other) == ("attachment", filename), (
            f"{tag}GET {path}{query} answered Content-Disposition {other!r}, expected {expected!r}")
    missing = fetch("/no-such-page")
    tag = f"[{everywhere}] "
    assert "content-disposition" not in missing.headers, (
        f"{tag}GET /no-such-page (a {missing.status_code}) answered Content-Disposition "
        f"{missing.headers['content-disposition']!r}, expected none: only {path} is a download")


def readers_folder() -> Path:
    """The reader's copy that the runner checks (guide_tools/exercises/checking.py sets the variable)."""
    return Path(os.environ["EXERCISE_APP_DIR"])


Change = tuple[str, str]  # (old, new): one exact piece of the app's file, and what replaces it


def run_readers_tests(checks_file: str, app_file: str, change: Change | tuple[Change, ...] | None = None,
                      pytest_args: tuple[str, ...] = ()) -> TestRun:
    """Run the reader's `test_*.py` files in a copy of their folder whose `app_file` is the
    starter's, with `change` applied when given: (old, new), one exact line (a mutant), or several
    such pairs (a rewrite: the same behaviour in other code)."""
    changes = () if change is None else (change,) if isinstance(change[0], str) else tuple(change)
    return _run(readers_folder(), checks_file, app_file, changes, pytest_args)


@functools.cache  # the checks of one folder share a run (the correct app's) instead of repeating it
def _run(readers: Path, checks_file: str, app_file: str, changes: tuple[Change, ...],
         pytest_args: tuple[str, ...]) -> TestRun:
    source = Path(checks_file).resolve().parent / "starter" / app_file
    app = source.read_text(encoding="utf-8")
    for old, new in changes:
        if app.count(old) != 1:
            raise ValueError(f"{source}: the changed text {old!r} must occur exactly once")
        app = app.replace(old, new)
    with tempfile.TemporaryDirectory(prefix="readers-tests-") as tmp:
        folder = Path(tmp) / "app"
        shutil.copytree(readers, folder, ignore=shutil.ignore_patterns("__pycache__", *(f"*{s}" for s in DATABASE_SUFFIXES)))
        (folder / app_file).write_text(app, encoding="utf-8")
        tests = sorted(p.name for p in folder.glob("test_*.py"))
        if not tests:
            return TestRun(5, "no test_*.py file in your folder", [], "")
        (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # not the project's settings
        (folder / "_readers_probe.py").write_text(PROBE, encoding="utf-8")
        for place in ("tmp", "home"):  # a file written to the temporary folder or the home is theirs too
            (folder / place).mkdir(exist_ok=True)
        env = {k: v for k, v in os.environ.items()
               if k not in {"DJANGO_SETTINGS_MODULE", "EXERCISE_REPORT", "PYTEST_ADDOPTS"}}
        env.update(PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", PYTHONPATH=str(folder), PYTHONDONTWRITEBYTECODE="1",
                   TMPDIR=str(folder / "tmp"), TEMP=str(folder / "tmp"), TMP=str(folder / "tmp"), HOME=str(folder / "home"))
        argv = [sys.executable, "-m", "pytest", *tests, "-c", "pytest.ini", "-p", "no:cacheprovider", "-p", "_readers_probe",
                "-q", "--no-header", "-rfE", *pytest_args]
        if _can_fork():
            for module in PREIMPORT.get(Path(checks_file).resolve().parent.name, ()):
                importlib.import_module(module)  # once, for every child
            done = _forked(argv[3:], folder, env, Path(tmp) / "output.txt", readers)
        else:
            try:
                proc = subprocess.run(argv, cwd=folder, env=env, capture_output=True, text=True, timeout=TIMEOUT)
                done = proc.returncode, proc.stdout, proc.stderr
            except subprocess.TimeoutExpired:
                done = None
        if done is None:
            return TestRun(-1, f"your tests did not finish in {TIMEOUT} s", [], "")
        code, stdout, stderr = done
        lines = [re.sub(r" in [\d.]+s( \(.*\))?$", "", line.strip("= ")) for line in stdout.strip().splitlines()]
        databases = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                           if p.suffix in DATABASE_SUFFIXES)
        probe = folder / "_readers_probe.txt"
        leaks = [line for line in probe.read_text(encoding="utf-8").splitlines() if line] if probe.exists() else []
        return TestRun(code, lines[-1] if lines else stderr.strip()[-300:], databases, stdout + stderr, leaks)


def _can_fork() -> bool:
    """A forked child runs the reader's tests (see _forked) where there is fork, unless
    EXERCISE_READERS_SUBPROCESS=1 asks for the subprocess (to compare the two), and unless this
    process has configured Django: its settings and URL resolver would outlive the reader's modules."""
    if not hasattr(os, "fork") or os.environ.get("EXERCISE_READERS_SUBPROCESS") == "1":
        return False
    conf = sys.modules.get("django.conf")
    return conf is None or not conf.settings.configured


def _forked(args: list[str], folder: Path, env: dict[str, str], output: Path, readers: Path):
    """`python -m pytest ARGS` in `folder` with `env`, as a forked child of this process, which has
    imported pytest and the framework already (the subprocess pays 0.7 to 1.1 s for them on every
    run; guide_tools/exercises/batch.py does the same one level up). The child takes the folder,
    environment and `sys.path` the subprocess would have, forgets every module of the reader's
    folder or its copy (and any module named as a file there: `app`, `conftest`, `test_app`), so
    it imports the copy fresh, and writes fds 1 and 2 to `output`. (code, output, "") or None when
    it outlived TIMEOUT (killed)."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never return into the caller
        # The parent's unreachable objects came along. Left to the child's collector, the reader's
        # pytest (which collects garbage at its end) would finalize them: a file the parent left
        # unclosed becomes the child's ResourceWarning, an error in that run. Freeze them away.
        gc.freeze()
        code = 70
        try:
            code = _child(args, folder, env, output, readers)
        except BaseException:  # noqa: BLE001 - the traceback is the run's output
            import traceback

            traceback.print_exc()
        finally:
            with contextlib.suppress(Exception):
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(code)
    deadline = time.monotonic() + TIMEOUT
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None
        time.sleep(0.01)
    text = output.read_text(encoding="utf-8", errors="replace") if output.exists() else ""
    output.unlink(missing_ok=True)
    return os.waitstatus_to_exitcode(status), text, ""


def _child(args: list[str], folder: Path, env: dict[str, str], output: Path, readers: Path) -> int:
    import pytest

    fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    # This process may itself be a pytest run (the checks' own) whose capture replaced sys.stdout.
    sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    here = {"", os.getcwd()}
    os.chdir(folder)
    os.environ.clear()
    os.environ.update(env)
    tempfile.tempdir = None  # computed again from TMPDIR
    # `python -m pytest` with PYTHONPATH=folder: the folder first, then the interpreter's own path.
    sys.path[:] = [str(folder), *(p for p in sys.path if p not in here)]
    names = {p.stem if p.suffix == ".py" else p.name for p in folder.iterdir()}
    roots = (str(readers.resolve()) + os.sep, str(folder.resolve()) + os.sep)
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None) or ""
        if name.partition(".")[0] in names or (file and os.path.realpath(file).startswith(roots)):
            del sys.modules[name]
    # The caller's own pytest may have left its assertion rewriter: this run installs its own.
    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "AssertionRewritingHook"]
    return int(pytest.main(args))


def assert_passes(run: TestRun, app_file: str) -> None:
    """The reader's tests pass on the starter's app: a test must pass when nothing is broken."""
    assert run.code == 0, f"your tests fail against the correct {app_file}: {run.failures or run.summary}"


REVERSED = ("--readers-reversed",)  # pytest_args of a run in reverse order (PROBE): the last test first


def assert_leaves_the_process_as_found(passing: list[TestRun], broken: list[TestRun], reversed_run: TestRun,
                                       app_file: str, on_failure: str, order: str) -> None:
    """The reader's tests leave the process as they found it (PROBE's leaks: environment variables,
    Django's settings, dependency_overrides, the app module's globals), whether they pass or fail,
    in any order. `passing`: the runs on the correct app (and its rewrite); `broken`: the runs on
    the mutants, where a test fails and cleanup written after an assertion is skipped (a database
    file it leaves counts too, unless the passing runs leave one as well); `reversed_run`: the correct app with the tests in reverse order.
    `on_failure` and `order` are the checks.py's cause ids of the last two failures."""
    for run in (*passing, reversed_run):
        assert not run.leaks, f"your tests leave {', '.join(run.leaks)} changed: a later test inherits it"
    files = not any(run.databases for run in passing)  # else use_no_database_file tells of them already
    for run in broken:
        left = [*run.leaks, *(run.databases if files else [])]
        assert not left, (f"[{on_failure}] when your tests fail (on a broken {app_file}), they leave "
                          f"{', '.join(left)} behind: a later test inherits it")
    assert reversed_run.code == 0, (f"[{order}] your tests fail when the last one runs first: "
                                    f"{reversed_run.failures or reversed_run.summary}")


def assert_passes_rewritten(run: TestRun, app_file: str) -> None:
    """The reader's tests pass on the starter's app rewritten to behave the same (other code, the
    same answers): a test that reads the app's source or hashes its file fails there."""
    assert run.code == 0, (f"your tests fail against {app_file} rewritten to behave the same, with other code: "
                           f"{run.failures or run.summary}")
