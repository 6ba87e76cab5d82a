"""Testing: the page's test files are snippets, and this module runs them for real.

Each framework's test file under snippets/compare/testing/ is run with pytest (or Django's own
runner) in a subprocess, with the line run.sh shows, from the snippets/ folder (PYTEST_ADDOPTS
adds `-p no:cacheprovider -W error`). pytest finds the topic's own pytest.ini there, so the guide's
configuration (coverage options, the shared Django settings) does not leak in. The suite's
`testpaths` is `tests/`, so the main run never collects those files itself.

A test that cannot fail proves nothing, so every snippet test is also run against broken copies of
its app (one changed line each, in a temporary folder) and must fail, and only the tests named
for that change may fail. Coverage of the snippet apps and of the snippet tests comes from the
passing runs (coverage's subprocess patch); the broken copies lie outside snippets/ and are not
measured.

The in-process tests at the end prove the page's claims about the tools themselves: the lifespan
and `with TestClient`, ASGITransport, Flask's TESTING flag, pytest-django's database guard.
"""

from __future__ import annotations

import ast
import contextlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import anyio
import httpx2
import pytest
import werkzeug.test
from django.test import Client
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool, StaticPool

from compare.testing.fastapi_notes import Base as FastAPIBase
from compare.testing.fastapi_notes import Note as FastAPINote
from compare.testing.fastapi_notes import SessionDep
from compare.testing.fastapi_notes import app as fastapi_app
from compare.testing.fastapi_notes import get_session
from compare.testing import drive
from compare.testing.flask_notes import create_app, db
from guide_tools.runtime.drive import app_target, make_app, send
from guide_tools.website.content import SNIPPETS, sections
from tests.support.services import python_env

TOPIC = SNIPPETS / "compare" / "testing"
OUT = "compare/testing/out"

# "4 passed in 0.41s", "Ran 4 tests in 0.039s": durations change from run to run.
DURATION = (re.compile(r"\bin \d+(?:\.\d+)?s\b(?: \(\d+:\d{2}:\d{2}\))?"), "in <time>")
# pytest and unittest quote source lines; the page's annotation markers are not part of a reader's file.
ANNOTATION = (re.compile(r"  # \(\d+\)!"), "")
# The markers under a traceback line that Python 3.13 prints where 3.11 prints none (one output
# for both stacks: the traceback is the same otherwise).
ERROR_MARKERS = (re.compile(r"^ +[~^]+\n", re.M), "")

# Variables of this test process that must not reach the snippet runs: pytest-django exports
# DJANGO_SETTINGS_MODULE (which would beat the snippet's pytest.ini), xdist and pytest export
# PYTEST_*, and the apps read FLASK_*, NOTES_* and DJANGO_* from the environment.
NOT_INHERITED_PREFIXES = ("DJANGO_", "PYTEST_", "FLASK_", "NOTES_", "DATABASE_")


# --------------------------------------------------------------------------- the commands of run.sh


def commands() -> dict[str, str]:
    """The command line of each section of run.sh, as the page shows it."""
    text = (TOPIC / "run.sh").read_text(encoding="utf-8")
    found = {}
    for name in sections(text):
        block = text.split(f"[start:{name}]", 1)[1].split(f"# --8<-- [end:{name}]", 1)[0]
        [line] = [line for line in block.splitlines()[1:] if line.strip()]
        found[name] = line
    return found


COMMANDS = commands()
TEST_FILES = {  # the files each command runs, relative to snippets/
    "flask": ["compare/testing/test_flask_notes.py"],
    "fastapi": ["compare/testing/test_fastapi_notes.py"],
    "django": ["compare/testing/django_notes/test_views.py", "compare/testing/django_notes/tests.py"],
    "django-runner": ["compare/testing/django_notes/tests.py"],
}


def snippet_test_ids(command: str) -> set[str]:
    """Every test of a command's files, read from the source: pytest node ids, or for Django's
    runner the dotted names unittest prints."""
    ids = set()
    for rel in TEST_FILES[command]:
        tree = ast.parse((SNIPPETS / rel).read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_"):
                ids.add(f"{rel}::{node.name}")
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and item.name.startswith("test_"):
                        if command == "django-runner":
                            ids.add(f"{rel[:-3].replace('/', '.')}.{node.name}.{item.name}")
                        else:
                            ids.add(f"{rel}::{node.name}::{item.name}")
    return ids


@pytest.fixture(scope="session")
def pycache(tmp_path_factory) -> Path:
    """Bytecode for the subprocesses, shared by them and kept out of snippets/: the virtualenv
    ships no .pyc files, and compiling Django and SQLAlchemy in every run would triple its time."""
    return tmp_path_factory.getbasetemp() / "pycache"


@dataclass
class Run:
    command: str
    returncode: int
    output: str  # stdout and stderr, interleaved as a terminal shows them

    def transcript(self, root: Path | None = None) -> str:
        """`$ command` and its output; a temporary copy's folder is shown as <snippets>."""
        text = f"$ {self.command}\n{self.output}"
        return text.replace(f"{root}/", "<snippets>/") if root else text

    def counts(self) -> dict[str, int]:
        """{"passed": 4, "failed": 1} from pytest's last line or Django's "Ran 4 tests" and "FAILED (failures=1)"."""
        if m := re.search(r"^Ran (\d+) tests? in", self.output, re.MULTILINE):
            failed = re.search(r"^FAILED \((?:failures=(\d+))?(?:, )?(?:errors=(\d+))?\)$", self.output, re.MULTILINE)
            bad = {"failed": int(failed[1] or 0), "error": int(failed[2] or 0)} if failed else {}
            return {"passed": int(m[1]) - sum(bad.values()), **{k: v for k, v in bad.items() if v}}
        last = self.output.strip().splitlines()[-1]
        return {word: int(n) for n, word in re.findall(r"(\d+) (passed|failed|errors?|skipped|warnings?)", last)}

    def failed(self) -> set[str]:
        """The tests reported as failed (pytest's short summary, or unittest's FAIL: and ERROR: lines)."""
        pytest_ids = re.findall(r"^FAILED (\S+::\S+)", self.output, re.MULTILINE)
        unittest_ids = [f"{cls}.{name}" for name, cls in
                        re.findall(r"^(?:FAIL|ERROR): (\w+) \(([\w.]+)\.\1\)", self.output, re.MULTILINE)]
        return set(pytest_ids) | set(unittest_ids)


def run(command: str, cwd: Path, pycache: Path, *, measure: bool = True) -> Run:
    env = {k: v for k, v in os.environ.items() if not k.startswith(NOT_INHERITED_PREFIXES)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # pytest prints full assertion diffs when CI or BUILD_NUMBER is set: the output the page shows is
    # what a reader sees on a laptop, so the runs never inherit them.
    env.pop("CI", None)
    env.pop("BUILD_NUMBER", None)
    if not measure:  # a broken copy outside snippets/: nothing to measure
        env.pop("COVERAGE_PROCESS_CONFIG", None)
    env |= python_env() | {
        "PYTHONPYCACHEPREFIX": str(pycache),
        # No .pytest_cache in snippets/. Warnings are left to the shown pytest.ini files and `-W error`
        # lines, so that the warning mutations below check them.
        "PYTEST_ADDOPTS": "-p no:cacheprovider",
        "COLUMNS": "80",  # pytest's progress line and rules take the terminal's width
    }
    done = subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, timeout=300, check=False,
    )
    return Run(command, done.returncode, done.stdout)


# --------------------------------------------------------------------------- the snippet tests pass


EXPECTED_PASSED = {"flask": 5, "fastapi": 5, "django": 8, "django-runner": 4}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(COMMANDS))
def test_snippet_tests_pass(name, pycache, outputs):
    result = run(COMMANDS[name], SNIPPETS, pycache)
    assert result.returncode == 0, result.output
    assert result.counts() == {"passed": EXPECTED_PASSED[name]}, result.output
    assert EXPECTED_PASSED[name] == len(snippet_test_ids(name))  # every test in the files ran
    assert "warning" not in result.output.lower()
    if name == "django-runner":  # Django's runner makes and drops a test database of its own
        assert "Creating test database for alias 'default'..." in result.output
        assert "Destroying test database for alias 'default'..." in result.output
    outputs.check(f"{OUT}/{name.replace('-', '_')}_run.txt", result.transcript(), normalisers=[DURATION])
    # The tests used their own databases: nothing was written beside the snippets (the working
    # directory), not the apps' default database files, Flask's instance folder or pytest's cache.
    leftovers = [SNIPPETS / "notes.db", SNIPPETS / "notes.sqlite3", SNIPPETS / "instance",
                 TOPIC / ".pytest_cache", TOPIC / "django_notes" / ".pytest_cache"]
    assert not [p for p in leftovers if p.exists()]


# --------------------------------------------------------------------------- and they can fail


@dataclass(frozen=True)
class Mutation:
    """One line of a snippet app changed, and the tests that must notice."""

    id: str
    command: str
    file: str  # relative to snippets/compare/testing/
    old: str
    new: str
    caught_by: frozenset[str] = field(default_factory=frozenset)
    output: str | None = None  # a captured output the page shows
    outcome: str = "failed"  # how the run counts them: unittest says "error" for an exception that is not an assert


def ids(prefix: str, *names: str) -> frozenset[str]:
    return frozenset(f"{prefix}::{name}" for name in names)


FLASK = "compare/testing/test_flask_notes.py"
FASTAPI = "compare/testing/test_fastapi_notes.py"
DJANGO_PYTEST = "compare/testing/django_notes/test_views.py"
DJANGO_CASE = "compare/testing/django_notes/tests.py::NoteViewTests"
N_PLUS_ONE = 'return JsonResponse([n for n in notes if Note.objects.filter(pk=n["id"]).exists()], safe=False)'
# The health view warns, as a deprecated call would: the shown warnings-to-errors settings must fail the run.
WARNS = '__import__("warnings").warn("a deprecated call", DeprecationWarning) or {"status": "ok"}'

MUTATIONS = [
    Mutation("flask-health", "flask", "flask_notes.py", '{"status": "ok"}', '{"status": "degraded"}',
             ids(FLASK, "test_health")),
    Mutation("flask-order", "flask", "flask_notes.py", ".order_by(Note.id)", ".order_by(Note.id.desc())",
             ids(FLASK, "test_list_notes"), output="flask_broken.txt"),
    Mutation("flask-page-size", "flask", "flask_notes.py", "max(1, min(", "max(1, max(",
             ids(FLASK, "test_page_size")),
    Mutation("flask-init-db", "flask", "flask_notes.py", "    db.create_all()\n", "",
             ids(FLASK, "test_init_db_command")),
    # The view flushes (the note gets its id) but never commits: the request's session is removed at its
    # end and the note is lost, as in production. Only a request with a session of its own shows it.
    Mutation("flask-no-commit", "flask", "flask_notes.py", "db.session.commit()  # (3)!", "db.session.flush()",
             ids(FLASK, "test_add_note")),
    Mutation("fastapi-health", "fastapi", "fastapi_notes.py", '{"status": "ok"}', '{"status": "degraded"}',
             ids(FASTAPI, "test_health", "test_health_async")),
    Mutation("fastapi-order", "fastapi", "fastapi_notes.py", ".order_by(Note.id)", ".order_by(Note.id.desc())",
             ids(FASTAPI, "test_list_notes")),
    Mutation("fastapi-limit", "fastapi", "fastapi_notes.py", "le=100", "le=1000",
             ids(FASTAPI, "test_limit_is_validated"), output="fastapi_broken.txt"),
    Mutation("fastapi-limit-floor", "fastapi", "fastapi_notes.py", "Query(ge=1, le=100)", "Query(le=100)",
             ids(FASTAPI, "test_limit_is_validated")),
    Mutation("fastapi-no-commit", "fastapi", "fastapi_notes.py", "session.commit()  # (3)!", "session.flush()",
             ids(FASTAPI, "test_add_note")),
    Mutation("django-health", "django", "django_notes/views.py", '{"status": "ok"}', '{"status": "degraded"}',
             ids(DJANGO_PYTEST, "test_health") | ids(DJANGO_CASE, "test_health")),
    Mutation("django-n-plus-one", "django", "django_notes/views.py",
             "return JsonResponse(list(notes), safe=False)", N_PLUS_ONE,
             ids(DJANGO_PYTEST, "test_list_notes_in_one_query") | ids(DJANGO_CASE, "test_list_notes_in_one_query")),
    Mutation("django-page-size", "django", "django_notes/views.py", "[: settings.NOTES_PAGE_SIZE]", "[:20]",
             ids(DJANGO_PYTEST, "test_page_size_setting") | ids(DJANGO_CASE, "test_page_size_setting")),
    Mutation("django-fields", "django", "django_notes/views.py", '.values("id", "text")', '.values("id")',
             ids(DJANGO_PYTEST, "test_added_note_is_listed", "test_list_notes_in_one_query")
             | ids(DJANGO_CASE, "test_added_note_is_listed", "test_list_notes_in_one_query")),
    Mutation("flask-warning", "flask", "flask_notes.py", '{"status": "ok"}', WARNS, ids(FLASK, "test_health")),
    Mutation("fastapi-warning", "fastapi", "fastapi_notes.py", '{"status": "ok"}', WARNS,
             ids(FASTAPI, "test_health", "test_health_async")),
    Mutation("django-warning", "django", "django_notes/views.py", '{"status": "ok"}', WARNS,
             ids(DJANGO_PYTEST, "test_health") | ids(DJANGO_CASE, "test_health")),
    Mutation("django-runner-warning", "django-runner", "django_notes/views.py", '{"status": "ok"}', WARNS,
             frozenset({"compare.testing.django_notes.tests.NoteViewTests.test_health"}), outcome="error"),
    Mutation("django-runner-n-plus-one", "django-runner", "django_notes/views.py",
             "return JsonResponse(list(notes), safe=False)", N_PLUS_ONE,
             frozenset({"compare.testing.django_notes.tests.NoteViewTests.test_list_notes_in_one_query"}),
             output="django_broken.txt"),
]


def broken_copy(tmp_path: Path, mutation: Mutation) -> Path:
    """A copy of the topic's snippets (as <tmp>/snippets/compare/testing) with one line changed."""
    root = tmp_path / "snippets"
    (root / "compare").mkdir(parents=True)
    shutil.copy(SNIPPETS / "compare" / "__init__.py", root / "compare")
    shutil.copytree(TOPIC, root / "compare" / "testing", ignore=shutil.ignore_patterns("__pycache__", "out"))
    path = root / "compare" / "testing" / mutation.file
    text = path.read_text(encoding="utf-8")
    assert text.count(mutation.old) == 1, f"{mutation.id}: {mutation.old!r} must occur once in {mutation.file}"
    path.write_text(text.replace(mutation.old, mutation.new), encoding="utf-8")
    return root


@pytest.mark.slow
@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.id)
def test_snippet_tests_catch_a_broken_app(mutation, tmp_path, pycache, outputs):
    root = broken_copy(tmp_path, mutation)
    result = run(COMMANDS[mutation.command], root, pycache, measure=False)
    assert result.returncode == 1, result.output  # 1 = tests failed (not a usage or collection error)
    assert result.failed() == mutation.caught_by, result.output
    total = len(snippet_test_ids(mutation.command))
    assert result.counts() == {"passed": total - len(mutation.caught_by), mutation.outcome: len(mutation.caught_by)}, \
        result.output
    if mutation.output:
        outputs.check(f"{OUT}/{mutation.output}", result.transcript(root), normalisers=[DURATION, ANNOTATION, ERROR_MARKERS])


@pytest.mark.parametrize("command", ["flask", "fastapi", "django"])
def test_every_snippet_test_is_caught_failing_by_some_mutation(command):
    caught = set().union(*(m.caught_by for m in MUTATIONS if m.command == command))
    assert caught == snippet_test_ids(command)


def test_snippet_tests_are_not_collected_by_the_main_suite(request):
    assert request.config.getini("testpaths") == ["tests"]
    assert all(item.nodeid.startswith("tests/") for item in request.session.items)
    # Nothing in the topic is named like a top-level module that would shadow a real package.
    assert not {p.stem for p in TOPIC.rglob("*.py")} & {"flask", "fastapi", "django", "pytest", "conftest", "testing"}


# --------------------------------------------------------------------------- FastAPI: lifespan and async tests


@pytest.fixture
def clean_state():
    """FastAPI's app.state outlives a test; start without the lifespan's engine, restore afterwards."""
    saved = dict(fastapi_app.state._state)
    fastapi_app.state._state.clear()
    yield fastapi_app.state
    fastapi_app.state._state.clear()
    fastapi_app.state._state.update(saved)


@pytest.fixture
def notes_file(tmp_path, monkeypatch) -> str:
    """A real database file with one note, named by NOTES_DATABASE_URL as the app expects."""
    url = f"sqlite:///{tmp_path / 'notes.db'}"
    engine = create_engine(url)
    FastAPIBase.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(FastAPINote(text="from the file"))
        session.commit()
    engine.dispose()
    monkeypatch.setenv("NOTES_DATABASE_URL", url)
    return url


def test_fastapi_lifespan_runs_only_inside_with(clean_state, notes_file, outputs):
    client = TestClient(fastapi_app)  # not entered: requests work, startup never ran
    assert client.get("/health").json() == {"status": "ok"}
    with pytest.raises(AttributeError) as error:
        client.get("/notes")  # get_session reads app.state.engine, which the lifespan sets
    outputs.check(f"{OUT}/fastapi_without_with.txt", f"{error.type.__name__}: {error.value}\n")
    assert "engine" not in clean_state._state
    with TestClient(fastapi_app) as client:  # entered: the lifespan runs, without any override
        assert client.get("/notes").json() == [{"id": 1, "text": "from the file"}]
    assert fastapi_app.dependency_overrides == {}


def test_fastapi_asgi_transport_skips_the_lifespan(clean_state, notes_file):
    async def main():
        transport = httpx2.ASGITransport(app=fastapi_app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
            assert (await client.get("/health")).status_code == 200
            assert "engine" not in clean_state._state  # no lifespan events were sent
            async with fastapi_app.router.lifespan_context(fastapi_app):  # run it yourself
                response = await client.get("/notes")
        return response.json()

    assert anyio.run(main) == [{"id": 1, "text": "from the file"}]


def test_fastapi_overrides_outlive_the_client(clean_state, monkeypatch):
    """dependency_overrides belongs to the app: a later client (a later test) still gets the
    earlier test's replacement until someone clears it."""
    monkeypatch.setenv("NOTES_DATABASE_URL", "sqlite://")
    engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    FastAPIBase.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(FastAPINote(text="left over"))
        session.commit()
        fastapi_app.dependency_overrides[get_session] = lambda: session
        with TestClient(fastapi_app):  # the first test's client, closed without clearing
            pass
        try:
            with TestClient(fastapi_app) as client:  # a later test, a new client
                assert client.get("/notes").json() == [{"id": 1, "text": "left over"}]
        finally:
            fastapi_app.dependency_overrides.clear()
    engine.dispose()


def test_fastapi_in_memory_database_needs_one_shared_connection(clean_state, monkeypatch):
    """Why the snippet's session fixture uses StaticPool: an in-memory SQLite database lives as
    long as its connection, so a session on another connection finds an empty database. NullPool
    (a new connection for every checkout) shows it without threads getting in the way."""
    monkeypatch.setenv("NOTES_DATABASE_URL", "sqlite://")
    engine = create_engine("sqlite://", poolclass=NullPool)
    FastAPIBase.metadata.create_all(engine)  # on a connection that is closed afterwards

    def override():
        with Session(engine) as session:
            yield session

    fastapi_app.dependency_overrides[get_session] = override
    try:
        with TestClient(fastapi_app) as client, pytest.raises(OperationalError, match="no such table: notes"):
            client.get("/notes")
    finally:
        fastapi_app.dependency_overrides.clear()
        engine.dispose()


# --------------------------------------------------------------------------- Flask: the factory and TESTING


def dispose(app) -> None:
    """Close the app's in-memory database (its one connection), as the snippet's fixture does."""
    with app.app_context():
        db.engine.dispose()


def test_flask_configuration_order(monkeypatch):
    """Defaults, then FLASK_* variables (values parsed as JSON), then the test's mapping."""
    monkeypatch.setenv("FLASK_SQLALCHEMY_DATABASE_URI", "sqlite://")
    monkeypatch.setenv("FLASK_NOTES_PAGE_SIZE", "5")
    from_env = create_app()
    assert from_env.config["SQLALCHEMY_DATABASE_URI"] == "sqlite://"
    assert from_env.config["NOTES_PAGE_SIZE"] == 5
    from_test = create_app({"NOTES_PAGE_SIZE": 2})
    assert from_test.config["NOTES_PAGE_SIZE"] == 2
    assert isinstance(from_env.test_client(), werkzeug.test.Client)
    for app in (from_env, from_test):
        dispose(app)


def test_unclosed_sqlite_connection_warns_from_python_3_13():
    """Why the Flask fixture disposes of its engine: from Python 3.13 on, an SQLite connection that
    is garbage-collected without close() emits ResourceWarning, an error under `-W error`."""
    import gc
    import sqlite3
    import sys
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        connection = sqlite3.connect(":memory:")
        del connection
        gc.collect()
    warned = any(issubclass(w.category, ResourceWarning) for w in caught)
    assert warned == (sys.version_info >= (3, 13))


def test_flask_testing_flag_propagates_exceptions(outputs):
    """Tables not created: with TESTING the test sees the real error; without it, a 500 page."""
    testing = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with pytest.raises(OperationalError, match="no such table: note") as error:
        testing.test_client().get("/notes")
    first_line = str(error.value).splitlines()[0]
    outputs.check(f"{OUT}/flask_with_testing.txt", f"{error.type.__module__}.{error.type.__name__}: {first_line}\n")
    # the app and the request drive.py declares (the page's Run makes and sends the same)
    plain = make_app(app_target(drive, "flask_without_testing.txt"))
    assert plain.config["SQLALCHEMY_DATABASE_URI"] == "sqlite://" and not plain.testing
    text = send(plain.test_client(), drive.OUTPUTS["flask_without_testing.txt"][1])
    assert text.startswith("GET /notes\n\nHTTP/1.1 500 INTERNAL SERVER ERROR\n")
    for app in (testing, plain):
        dispose(app)
    outputs.check(f"{OUT}/flask_without_testing.txt", text)


# --------------------------------------------------------------------------- pytest-django: the database guard


def test_pytest_django_blocks_the_database_without_a_mark(settings, outputs):
    """No `db` fixture, no mark: the view's query raises, and Django's test client re-raises it
    in the test (it does not turn into a 500 response)."""
    settings.ROOT_URLCONF = "compare.testing.django_notes.urls"
    settings.NOTES_PAGE_SIZE = 20
    client = Client()
    assert client.get("/health").json() == {"status": "ok"}  # no query, no access needed
    with pytest.raises(RuntimeError, match="Database access not allowed") as error:
        client.get("/notes")
    outputs.check(f"{OUT}/django_without_db_mark.txt", f"{error.type.__name__}: {error.value}\n")


# --------------------------------------------------------------------------- what older examples assume


def test_older_examples():
    import httpx
    from fastapi import FastAPI

    # Starlette's TestClient is an httpx2 client (httpx since Starlette 0.21; requests before).
    assert TestClient.__mro__[1] is httpx2.Client
    client = TestClient(FastAPI())
    with pytest.raises(TypeError, match="allow_redirects"):
        client.get("/", allow_redirects=False)  # the requests spelling; httpx says follow_redirects
    assert client.get("/", follow_redirects=False).status_code == 404
    # AsyncClient(app=...) was removed in httpx 0.28; the transport is explicit.
    for module in (httpx, httpx2):
        with pytest.raises(TypeError, match="'app'"):
            module.AsyncClient(app=FastAPI())
    # Startup and shutdown events are deprecated in favour of the lifespan.
    with pytest.warns(DeprecationWarning, match="on_event is deprecated"):
        FastAPI().on_event("startup")


# --------------------------------------------------------------------------- what a test database hides


def parent_and_child():
    from sqlalchemy import Column, ForeignKey, Integer, MetaData, Table

    metadata = MetaData()
    Table("author", metadata, Column("id", Integer, primary_key=True))
    child = Table("book", metadata, Column("id", Integer, primary_key=True),
                  Column("author_id", Integer, ForeignKey("author.id"), nullable=False))
    return metadata, child


def orphan_accepted(engine) -> bool:
    """Insert a book whose author does not exist: True if the database took it."""
    from sqlalchemy.exc import IntegrityError

    metadata, book = parent_and_child()
    metadata.create_all(engine)
    try:
        with engine.begin() as conn:
            conn.execute(book.insert().values(id=1, author_id=99))
        return True
    except IntegrityError:
        return False
    finally:
        metadata.drop_all(engine)
        engine.dispose()


@pytest.mark.slow
def test_in_memory_sqlite_ignores_foreign_keys_unless_asked(postgres_dsn):
    from compare.testing.sqlalchemy_database import enforce_foreign_keys

    assert orphan_accepted(create_engine("sqlite://"))  # what the page's in-memory fixtures would let through
    checked = create_engine("sqlite://")
    enforce_foreign_keys(checked)
    assert not orphan_accepted(checked)
    assert not orphan_accepted(create_engine(postgres_dsn.replace("postgresql://", "postgresql+psycopg://")))


@contextlib.contextmanager
def notes_table(postgres_dsn: str):
    """A notes table of this test's own on PostgreSQL: (its engine, the table), dropped afterwards."""
    from sqlalchemy import Column, Integer, MetaData, String, Table

    engine = create_engine(postgres_dsn.replace("postgresql://", "postgresql+psycopg://"))
    name = f"note_{os.getpid()}_{id(engine)}"
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE TABLE {name} (id serial PRIMARY KEY, text varchar(100) NOT NULL)")
    try:
        yield engine, Table(name, MetaData(), Column("id", Integer, primary_key=True), Column("text", String(100)))
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"DROP TABLE {name}")
        engine.dispose()


@pytest.mark.slow
def test_rolled_back_gives_each_request_a_session_of_its_own(postgres_dsn):
    """The page's PostgreSQL pattern in FastAPI: each request gets a session of its own inside the
    test's transaction. The app's commit is a savepoint the next request sees, the app's rollback
    undoes only its part, what a view forgot to commit ends with its request, and the test's end
    undoes everything. One session handed to every request (the pattern the page used to show)
    shows the forgotten row to the next request: it hides the bug."""
    from sqlalchemy import inspect, select

    from compare.testing.sqlalchemy_database import rolled_back, sessions_on

    api = FastAPI()

    @api.post("/notes/{text}")
    def add(text: str, session: SessionDep, commit: bool = True, fail_after: bool = False):
        session.add(FastAPINote(text=text))
        if commit:
            session.commit()
        if fail_after:  # the app's own error handling: its rollback undoes only this request's part
            session.add(FastAPINote(text=f"{text}, undone"))
            session.flush()
            session.rollback()

    @api.get("/notes")
    def texts(session: SessionDep) -> list[str]:
        return list(session.scalars(select(FastAPINote.text).order_by(FastAPINote.id)))

    engine = create_engine(postgres_dsn.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with rolled_back(engine) as connection:
            FastAPIBase.metadata.create_all(connection)  # inside the transaction: undone too
            api.dependency_overrides[get_session] = sessions_on(connection)
            with TestClient(api) as client:
                client.post("/notes/committed")
                client.post("/notes/rolled back", params={"fail_after": True})
                client.post("/notes/forgotten", params={"commit": False})
                assert client.get("/notes").json() == ["committed", "rolled back"]
            with Session(bind=connection, join_transaction_mode="create_savepoint") as shared:
                api.dependency_overrides[get_session] = lambda: shared
                with TestClient(api) as client:
                    client.post("/notes/forgotten", params={"commit": False})
                    assert client.get("/notes").json() == ["committed", "rolled back", "forgotten"]
        with engine.connect() as conn:
            assert not inspect(conn).has_table("notes")  # nothing outlived the test
    finally:
        engine.dispose()


def test_flask_request_inside_an_app_context_shares_its_session():
    """Why the Flask fixture holds the application context only to create the tables: a request
    sent while a context of the same app is pushed reuses it, and with it the test's db.session, so
    rows nobody committed are listed. Outside it, the request has a session of its own."""
    from compare.testing.flask_notes import Note

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    client = app.test_client()
    with app.app_context():
        db.create_all()
        db.session.add(Note(text="never committed"))
        assert client.get("/notes").get_json() == [{"id": 1, "text": "never committed"}]
    assert client.get("/notes").get_json() == []  # the context ended: its session was removed, rolled back
    dispose(app)


BAD_NOTES = [  # bodies POST /notes refuses with 422, storing nothing
    {"json": {}}, {"json": {"text": ""}}, {"json": {"text": "x" * 201}}, {"json": {"text": 5}},
    {"json": ["a list"]}, {"content": b"{", "headers": {"Content-Type": "application/json"}},
    {"content": b"text=form", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
]


@pytest.fixture
def notes_clients(clean_state, monkeypatch):
    """(Flask's test client, FastAPI's TestClient), each app on an empty in-memory database."""
    flask = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with flask.app_context():
        db.create_all()
    engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    FastAPIBase.metadata.create_all(engine)

    def session_per_request():
        with Session(engine) as session:
            yield session

    monkeypatch.setenv("NOTES_DATABASE_URL", "sqlite://")
    fastapi_app.dependency_overrides[get_session] = session_per_request
    try:
        with TestClient(fastapi_app) as client:
            yield flask.test_client(), client
    finally:
        fastapi_app.dependency_overrides.clear()
        engine.dispose()
        dispose(flask)


@pytest.mark.parametrize("body", BAD_NOTES, ids=range(len(BAD_NOTES)))
def test_add_note_refuses_what_is_not_a_short_text(body, notes_clients):
    flask_client, client = notes_clients
    flask_body = {"data": body["content"], "headers": body["headers"]} if "content" in body else body
    assert flask_client.post("/notes", **flask_body).status_code == 422
    assert flask_client.get("/notes").get_json() == []
    assert client.post("/notes", **body).status_code == 422
    assert client.get("/notes").json() == []


@pytest.mark.parametrize("text", ["x", "x" * 200, "é" * 200, "📝"])
def test_add_note_takes_1_to_200_characters(text, notes_clients):
    """The bounds the 422 names hold at both ends, in characters, in both apps."""
    flask_client, client = notes_clients
    added = flask_client.post("/notes", json={"text": text})
    assert (added.status_code, added.get_json()["text"]) == (201, text)
    added = client.post("/notes", json={"text": text})
    assert (added.status_code, added.json()["text"]) == (201, text)


@pytest.mark.slow
def test_a_session_of_its_own_is_outside_the_rolled_back_one(postgres_dsn):
    """Code that opens its own session (a background job, a `SessionLocal()` of its own) gets another
    connection: it does not see what the test wrote, and what it commits stays after the test."""
    from sqlalchemy import select

    from compare.testing.sqlalchemy_database import rolled_back

    with notes_table(postgres_dsn) as (engine, notes):
        with rolled_back(engine) as connection:
            with Session(bind=connection, join_transaction_mode="create_savepoint") as session:  # the test's
                session.execute(notes.insert().values(text="from the test"))
                session.commit()
            with Session(engine) as its_own:  # what the code under test opened by itself
                assert its_own.scalars(select(notes.c.text)).all() == []  # the test's row is not there
                its_own.execute(notes.insert().values(text="from its own session"))
                its_own.commit()
        with engine.connect() as conn:
            assert conn.scalars(select(notes.c.text)).all() == ["from its own session"]  # it outlived the test


@pytest.mark.django_db
def test_django_test_transactions_never_run_on_commit_callbacks(django_capture_on_commit_callbacks):
    """TestCase (and pytest-django's db) roll back instead of committing: on_commit never fires,
    unless the test captures the callbacks and runs them."""
    from django.db import transaction

    sent: list[str] = []
    with transaction.atomic():
        transaction.on_commit(lambda: sent.append("email"))
    assert sent == []  # the "transaction" committed, but only to a savepoint
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            transaction.on_commit(lambda: sent.append("email"))
    assert sent == ["email"] and len(callbacks) == 1
