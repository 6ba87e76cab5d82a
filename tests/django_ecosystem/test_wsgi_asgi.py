"""WSGI vs ASGI: one Django project under Gunicorn (WSGI) and Uvicorn (ASGI), and Django's async ORM.

The project in snippets/django_ecosystem/wsgi_asgi/django_project/ is started by the exact lines of
run.sh, on loopback. Each server gets the sync and the async view; which thread answered and whether
an event loop ran there is read from the answers, and concurrent requests are timed with wide margins
(a behavioural claim: these requests overlap, those queue). The async ORM views run in this process,
through Django's AsyncClient.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.core.exceptions import SynchronousOnlyOperation
from django.test import AsyncClient
from django_ecosystem.wsgi_asgi import drive
from django_ecosystem.wsgi_asgi.notes.models import Note

from guide_tools.runtime.drive import converse
from guide_tools.website.content import SNIPPETS
from tests.support import django_snippets
from tests.support.capture import render
from tests.support.services import Server, python_env, run_server
from tests.support.shell import shown_commands

TOPIC = SNIPPETS / "django_ecosystem/wsgi_asgi"
PROJECT = TOPIC / "django_project"
OUT = "django_ecosystem/wsgi_asgi/out"
NOTES_URLS = "django_ecosystem.wsgi_asgi.notes.urls"

CONCURRENT = 4  # requests sent at the same time
DELAY = 1.0  # seconds each view waits (waits/views.py)


def commands() -> dict[str, str]:
    return shown_commands(TOPIC / "run.sh")


def project_env(tmp: str) -> dict[str, str]:
    env = {**os.environ, **python_env()}
    for name in ("DJANGO_SETTINGS_MODULE", "WEB_CONCURRENCY", "GUNICORN_CMD_ARGS", "PORT", "DJANGO_DEBUG"):
        env.pop(name, None)
    # run_server() starts from this process's environment, where pytest-django set the test run's
    # settings module: name the project's own (the one manage.py, wsgi.py and asgi.py default to).
    return {**env, "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "XDG_RUNTIME_DIR": tmp}


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[dict[str, Server]]:
    """Both entry points of the same project, each started by its line of run.sh."""
    env = project_env(str(tmp_path_factory.mktemp("xdg")))
    with run_server(commands()["wsgi"], cwd=PROJECT, env=env, timeout=90) as wsgi, \
            run_server(commands()["asgi"], cwd=PROJECT, env=env, timeout=90) as asgi:
        for started in (wsgi, asgi):
            for path in ("/sync", "/async"):  # the first answers load Django and the views
                assert httpx2.get(f"{started.url}{path}", timeout=60).status_code == 200
        yield {"wsgi": wsgi, "asgi": asgi}


def at_once(server: Server, path: str) -> tuple[float, list[dict]]:
    """CONCURRENT requests sent together, each on its own connection: (seconds, JSON bodies)."""
    def one(_):
        return httpx2.get(f"{server.url}{path}", timeout=60)

    started = time.monotonic()
    with ThreadPoolExecutor(CONCURRENT) as pool:
        responses = list(pool.map(one, range(CONCURRENT)))
    elapsed = time.monotonic() - started
    assert all(r.status_code == 200 for r in responses)
    return elapsed, [r.json() for r in responses]


SERVER_NAMES = {"wsgi": "Gunicorn, 1 sync worker (WSGI)", "asgi": "Uvicorn (ASGI)"}

# Where each view runs (thread, event loop), per entry point.
EXPECTED_PLACE = {
    ("wsgi", "sync"): ("MainThread", "none"),
    ("wsgi", "async"): ("a new thread per request", "running"),  # async_to_sync: a one-off loop
    ("asgi", "sync"): ("a new thread per request", "none"),  # sync_to_async, thread_sensitive
    ("asgi", "async"): ("MainThread", "running"),  # the server's event loop
}
OVERLAP_LIMIT = 2.5 * DELAY  # four overlapping 1 s waits: about 1 s; wide margin for a busy machine
SERIAL_FLOOR = CONCURRENT * DELAY  # four waits one after another can never take less


def band(elapsed: float) -> str:
    """The measured time, shown as the band the test asserts (the raw figure varies run to run)."""
    if elapsed < OVERLAP_LIMIT:
        return "under 2.5 s (overlapped)"
    assert elapsed >= SERIAL_FLOOR
    return "4 s or more (one after another)"


@pytest.mark.slow
def test_sync_and_async_views_under_wsgi_and_asgi(servers, outputs):
    """Four requests that each wait 1 s: under Uvicorn they overlap (the async view on the event
    loop, the sync view in threads); under one sync Gunicorn worker they queue, async view included."""
    lines = [f"{CONCURRENT} requests at once; each view waits {DELAY:.0f} s", ""]
    for name in ("wsgi", "asgi"):
        for view in ("sync", "async"):
            elapsed, bodies = at_once(servers[name], f"/{view}")
            thread, loop = EXPECTED_PLACE[name, view]
            assert {b["event_loop"] for b in bodies} == {loop}
            threads = {b["thread"] for b in bodies}
            if thread == "MainThread":
                assert threads == {"MainThread"}
            else:  # ThreadPoolExecutor-<n>_0: a different single-thread executor for each request
                assert all(t.startswith("ThreadPoolExecutor-") for t in threads)
                assert len(threads) == CONCURRENT
            if name == "asgi":
                assert elapsed < OVERLAP_LIMIT
            else:
                assert elapsed >= SERIAL_FLOOR
            lines.append(f"{SERVER_NAMES[name]:31} GET /{view:<6} {band(elapsed)}")
            lines.append(f"{'':31} thread: {thread}; event loop: {loop}")
    outputs.check(f"{OUT}/timings.txt", "\n".join(lines) + "\n")


POOL_THREAD = (re.compile(r"ThreadPoolExecutor-\d+_\d+"), "ThreadPoolExecutor-<n>_0")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["wsgi", "asgi"])
def test_async_view_answer(servers, name, outputs):
    response = httpx2.get(f"{servers[name].url}/async", timeout=60)
    assert response.status_code == 200
    assert response.headers["server"] == {"wsgi": "gunicorn", "asgi": "uvicorn"}[name]
    assert response.json()["view"] == "async"
    outputs.check(f"{OUT}/{name}_async.txt", render(response, "GET /async", headers=("content-type", "server")),
                  normalisers=[POOL_THREAD])


# --------------------------------------------------------------------------- the async ORM, in process


@pytest.fixture
def aclient(settings):
    settings.ROOT_URLCONF = NOTES_URLS
    return AsyncClient()


def call(method, *args, **kwargs):
    """Run an AsyncClient call from this sync test. async_to_sync keeps the ORM's thread-sensitive
    work on this thread, where pytest-django's test transaction lives."""
    return async_to_sync(method)(*args, **kwargs)


def shown(output: str) -> str:
    """`output` as drive.py declares it, which the page's Run sends too: its BEFORE notes posted, then
    its request, through Django's async request path (CLIENT "async")."""
    assert drive.CLIENT[output] == "async" and drive.APPS["django"]["ROOT_URLCONF"] == NOTES_URLS
    return converse(AsyncClient(raise_request_exception=False), drive, output)


@pytest.mark.django_db(transaction=True)
def test_finish_all_commits_or_rolls_back_both_statements(monkeypatch):
    """"The two statements commit or roll back together": when the second (the summary note)
    fails, the first (closing every note) is rolled back too."""
    from django.db import DatabaseError
    from django_ecosystem.wsgi_asgi.notes.views import finish_all

    Note.objects.bulk_create(Note(text=f"note {n}") for n in range(3))

    def refused(**fields):
        raise DatabaseError("the summary note could not be written")

    monkeypatch.setattr(Note.objects, "create", refused)
    with pytest.raises(DatabaseError):
        finish_all()
    assert Note.objects.filter(done=False).count() == 3  # nothing was closed
    monkeypatch.undo()
    assert finish_all() == 3
    assert list(Note.objects.values_list("text", "done")) == [(f"note {n}", True) for n in range(3)] + [("3 notes closed", True)]


@pytest.mark.django_db
def test_async_orm_views(aclient, outputs):
    created = call(aclient.post, "/notes/new", {"text": "write the page"}, content_type="application/json")
    assert created.status_code == 201
    call(aclient.post, "/notes/new", {"text": "run the tests"}, content_type="application/json")
    listed = call(aclient.get, "/notes/")
    assert json.loads(listed.content) == {"total": 2, "todo": ["write the page", "run the tests"]}
    finished = call(aclient.post, "/notes/finish-all")
    assert json.loads(finished.content) == {"closed": 2}
    after = json.loads(call(aclient.get, "/notes/").content)
    assert after == {"total": 3, "todo": []}  # the two closed, plus the log note, in one transaction


@pytest.mark.django_db
@pytest.mark.parametrize("output", ["notes_list.txt", "notes_finish.txt"])
def test_async_orm_outputs(aclient, output, outputs):
    """The outputs, from drive.py's requests: the same two notes posted first (BEFORE), as above."""
    assert drive.BEFORE[output] == [f'POST /notes/new\nContent-Type: application/json\n\n{{"text": "{text}"}}'
                                    for text in ("write the page", "run the tests")]
    outputs.check(f"{OUT}/{output}", shown(output))


@pytest.mark.django_db
def test_the_note_list_is_bounded(aclient):
    """At the bound the page states ("a `LIMIT` of `MAX_LISTED`, 100 notes"): n notes are all
    listed, and of n + 1 the first n, in order."""
    from tests.support.page_text import stated

    bound = stated("django/wsgi_asgi.md", r"`LIMIT` of `MAX_LISTED`, (\d+) notes")
    Note.objects.bulk_create(Note(text=f"note {n}") for n in range(bound))
    listed = json.loads(call(aclient.get, "/notes/").content)
    assert listed["total"] == bound and listed["todo"] == [f"note {n}" for n in range(bound)]
    Note.objects.create(text=f"note {bound}")
    listed = json.loads(call(aclient.get, "/notes/").content)
    assert listed["total"] == bound + 1
    assert listed["todo"] == [f"note {n}" for n in range(bound)]  # the first n, in order


@pytest.mark.django_db
def test_aget_object_or_404(aclient, outputs):
    note = Note.objects.create(text="read the docs")
    found = call(aclient.get, f"/notes/{note.pk}")
    assert json.loads(found.content) == {"id": note.pk, "text": "read the docs", "done": False}
    missing = call(aclient.get, "/notes/999")
    assert missing.status_code == 404
    wrong = call(aclient.get, "/notes/")
    assert wrong.status_code == 200
    assert call(aclient.post, "/notes/").status_code == 405  # require_GET wraps async views (Django 5.0+)


@pytest.mark.django_db
@pytest.mark.parametrize("body", ['{"text": "unclosed', b'\xff', "[]", "{}", '{"text": 5}', '{"text": ""}',
                                  '{"text": "%s"}' % ("x" * 201),
                                  "[" * 100_000 + "]" * 100_000,  # nested too deep: RecursionError
                                  '{"text": "\\ud800"}',  # a lone surrogate: valid JSON, not UTF-8
                                  '{"text": "a\\u0000b"}'])  # NUL: SQLite stores it, PostgreSQL refuses it
def test_note_create_refuses_a_bad_body(aclient, body):
    """A body that is not {"text": "..."} is the client's mistake: one clear 400, never a 500."""
    answer = call(aclient.post, "/notes/new", body, content_type="application/json")
    assert answer.status_code == 400
    assert json.loads(answer.content) == {"error": 'Send JSON: {"text": "..."}, 1 to 200 characters.'}
    assert not Note.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["x", "x" * 200, "é" * 200, "📝" * 200, "  spaced  "])
def test_note_create_takes_1_to_200_characters(aclient, text):
    """The bounds the error message gives hold at both ends, counted in characters, not bytes."""
    answer = call(aclient.post, "/notes/new", {"text": text}, content_type="application/json")
    assert answer.status_code == 201, answer.content
    assert json.loads(answer.content)["text"] == text
    assert Note.objects.get().text == text


def test_the_column_holds_what_the_view_takes():
    """The view takes 1 to 200 characters; the model's column is declared for the same 200, so a
    database that enforces it (PostgreSQL's varchar(200)) stores every text the view lets through
    and model validation refuses one character more. SQLite does not enforce the length."""
    from django.core.exceptions import ValidationError

    Note(text="📝" * 200).clean_fields()
    with pytest.raises(ValidationError):
        Note(text="x" * 201).clean_fields()


@pytest.mark.django_db
def test_every_notes_route_refuses_the_methods_its_view_does_not_take(aclient):
    """require_GET and require_POST on each async view: every other method gets 405, on every route,
    HEAD included (require_GET takes GET alone, where require_safe would take HEAD too)."""
    from tests.support.methods import assert_takes_only, django_routes

    takes = {"/notes/": {"GET"}, "/notes/new": {"POST"}, "/notes/finish-all": {"POST"}, "/notes/1": {"GET"}}
    assert sorted(django_routes(NOTES_URLS)) == sorted(takes)
    async def send(method: str, path: str) -> int:
        return (await aclient.generic(method, path)).status_code

    assert_takes_only(lambda method, path: call(send, method, path), takes)
    assert not Note.objects.exists()


@pytest.mark.django_db
def test_notes_posts_need_the_csrf_token(settings):
    """AsyncClient skips CSRF checks, as Client does. With CsrfViewMiddleware (a default project's,
    and this test run's), a client that posts JSON must send the CSRF cookie and header, or get 403."""
    settings.ROOT_URLCONF = NOTES_URLS
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    browser = AsyncClient(enforce_csrf_checks=True)
    refused = call(browser.post, "/notes/new", {"text": "no token"}, content_type="application/json")
    assert refused.status_code == 403
    secret = "a" * 32  # what the csrftoken cookie holds; the header may repeat it as it is
    browser.cookies["csrftoken"] = secret
    created = call(browser.post, "/notes/new", {"text": "with token"}, content_type="application/json",
                   headers={"X-CSRFToken": secret})
    assert created.status_code == 201
    assert list(Note.objects.values_list("text", flat=True)) == ["with token"]


def test_a_pool_holds_four_connections_and_makes_a_request_wait_30_s():
    """`"pool": True` takes psycopg_pool's defaults: 4 connections, and a request that finds them all
    in use waits up to 30 s, then fails (a 500). Under Uvicorn each sync view in flight holds one."""
    from django.db import connection
    from django.db.backends.postgresql.base import DatabaseWrapper

    def pool(option):
        wrapper = DatabaseWrapper({**connection.settings_dict, "ENGINE": "django.db.backends.postgresql",
                                   "NAME": "notes", "CONN_MAX_AGE": 0, "OPTIONS": {"pool": option}}, alias="pool-size")
        try:
            return wrapper.pool  # made, not opened: nothing connects
        finally:
            wrapper.close_pool()  # Django keeps one pool per alias for the process

    default = pool(True)
    assert (default.min_size, default.max_size, default.timeout) == (4, 4, 30.0)
    sized = pool({"min_size": 2, "max_size": 20, "timeout": 5})
    assert (sized.min_size, sized.max_size, sized.timeout) == (2, 20, 5.0)


def test_a_request_that_finds_the_pool_in_use_fails(postgres_dsn, django_db_blocker):
    """The other half of the pool's numbers: with every connection in use, the next one waits the
    pool's timeout and then raises OperationalError, which a view does not catch (a 500). Here
    with a pool of one and a 0.5 s timeout, against a real PostgreSQL."""
    from urllib.parse import urlsplit

    from django.db import OperationalError, connection
    from django.db.backends.postgresql.base import DatabaseWrapper

    dsn = urlsplit(postgres_dsn)
    database = {**connection.settings_dict, "ENGINE": "django.db.backends.postgresql", "NAME": dsn.path.lstrip("/"),
                "USER": dsn.username or "", "PASSWORD": dsn.password or "", "HOST": dsn.hostname,
                "PORT": str(dsn.port), "CONN_MAX_AGE": 0,
                "OPTIONS": {"pool": {"min_size": 1, "max_size": 1, "timeout": 0.5}}}
    holder, next_request = DatabaseWrapper(database, alias="pool-full"), DatabaseWrapper(database, alias="pool-full")
    with django_db_blocker.unblock():  # not the test database: a throwaway server of this test's own
        try:
            holder.ensure_connection()  # the one connection, in use
            with pytest.raises(OperationalError, match="couldn't get a connection after 0.50 sec"):
                next_request.ensure_connection()
            holder.close()  # back to the pool: the next request gets it
            next_request.ensure_connection()
        finally:
            next_request.close()
            holder.close_pool()


# A sync view that waits on the database: its query needs a lock that the test holds (a transaction-level
# advisory lock, let go when the statement ends), so the request keeps its connection until the test lets
# the lock go, whatever the timing. It answers which backend and which thread served it.
DATABASE_VIEW = """\
import threading

from django.db import connection
from django.http import JsonResponse
from django.urls import path

from config.urls import urlpatterns as page_urlpatterns


def waits_for_a_lock(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid() FROM pg_advisory_xact_lock_shared(48)")
        [backend] = cursor.fetchone()
    return JsonResponse({"backend": backend, "thread": threading.current_thread().name})


urlpatterns = [*page_urlpatterns, path("db", waits_for_a_lock)]
"""
LOCK = 48  # the advisory lock the view waits for


def with_a_database(tmp_path, dsn: str, options: dict, extra: str = "") -> dict[str, str]:
    """The page's project (its settings, its run.sh line) with a PostgreSQL database whose OPTIONS
    are `options`, and the view above: the env a server started from PROJECT reads."""
    from urllib.parse import urlsplit

    parts = urlsplit(dsn)
    database = {"ENGINE": "django.db.backends.postgresql", "NAME": parts.path.lstrip("/"), "USER": parts.username,
                "HOST": parts.hostname, "PORT": str(parts.port), "CONN_MAX_AGE": 0, "OPTIONS": options}
    (tmp_path / "db_settings.py").write_text(
        "from config.settings import *  # noqa: F403\n"
        f"DATABASES = {{'default': {database!r}}}\n"
        "ROOT_URLCONF = 'db_urls'\n"
        # the error behind each 500 in the server's output (with DEBUG off, Django would only email it)
        "LOGGING = {'version': 1, 'handlers': {'console': {'class': 'logging.StreamHandler'}},\n"
        "           'loggers': {'django.request': {'handlers': ['console'], 'level': 'ERROR'}}}\n" + extra)
    (tmp_path / "db_urls.py").write_text(DATABASE_VIEW)
    env = project_env(str(tmp_path))
    return {**env, "DJANGO_SETTINGS_MODULE": "db_settings",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path), env.get("PYTHONPATH")]))}


def waiting_on_the_lock(dsn: str, database: str) -> int:
    """How many backends of `database` wait for the advisory lock right now."""
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        return conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock' "
                            "AND wait_event = 'advisory'", (database,)).fetchone()[0]


class LockedDatabase:
    """A fresh database on the session's PostgreSQL, and the lock its view waits for, held by the test."""

    def __init__(self, postgres_dsn: str) -> None:
        import uuid

        import psycopg

        self.admin = postgres_dsn
        self.name = f"wsgi_asgi_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(postgres_dsn, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        self.dsn = postgres_dsn.rsplit("/", 1)[0] + f"/{self.name}"
        self.holder = psycopg.connect(self.dsn, autocommit=True)
        self.holder.execute("SELECT pg_advisory_lock(%s)", (LOCK,))

    def let_go(self) -> None:
        if not self.holder.closed:
            self.holder.execute("SELECT pg_advisory_unlock(%s)", (LOCK,))
            self.holder.close()

    def waiting(self) -> int:
        return waiting_on_the_lock(self.admin, self.name)


def requests_in_flight(server: Server, count: int) -> tuple[ThreadPoolExecutor, list]:
    """`count` GET /db sent at once, each on its own connection: futures of (status, seconds, body)."""
    def one(_):
        started = time.monotonic()
        response = httpx2.get(f"{server.url}/db", timeout=60)
        body = response.json() if response.headers.get("content-type") == "application/json" else None
        return response.status_code, time.monotonic() - started, body

    pool = ThreadPoolExecutor(count)
    return pool, [pool.submit(one, n) for n in range(count)]


def wait_for(condition, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not reached within {timeout} s: {what}"
        time.sleep(0.05)


POOL_TIMEOUT = 1.0  # psycopg_pool's 30 s default, made short for the test (and only it)


@pytest.mark.slow
def test_a_request_past_the_pool_waits_its_timeout_then_gets_500(postgres_dsn, tmp_path):
    """The page's `"pool": True` under Uvicorn, through the app: six sync requests at once, each
    keeping its connection while it waits on the database. Four get the pool's four connections; the
    other two wait the pool's timeout (30 s by default, patched to 1 s in the server) and get a 500
    while the four are still in flight; the four then answer 200, from four different backends."""
    import psycopg_pool

    assert psycopg_pool.ConnectionPool.__init__.__kwdefaults__["timeout"] == 30.0  # the page's 30 s
    database = LockedDatabase(postgres_dsn)
    env = with_a_database(tmp_path, database.dsn, {"pool": True}, extra=(
        "import psycopg_pool\n"
        f"psycopg_pool.ConnectionPool.__init__.__kwdefaults__['timeout'] = {POOL_TIMEOUT}\n"))
    try:
        with run_server(commands()["asgi"], cwd=PROJECT, env=env, timeout=90) as server:
            threads, futures = requests_in_flight(server, 6)
            with threads:
                try:
                    wait_for(lambda: sum(f.done() for f in futures) == 2, "two of six requests answered")
                    assert database.waiting() == 4  # the other four still hold their connections
                finally:
                    database.let_go()
                answers = sorted(f.result() for f in futures)
            log = server.output()
    finally:
        database.let_go()
    statuses = [status for status, _, _ in answers]
    assert statuses == [200] * 4 + [500] * 2, (statuses, log[-3000:])
    assert all(seconds >= POOL_TIMEOUT for status, seconds, _ in answers if status == 500)  # they waited
    assert len({body["backend"] for status, _, body in answers if status == 200}) == 4
    assert log.count("Internal Server Error: /db") == 2
    assert "OperationalError: couldn't get a connection after 1.00 sec" in log  # the pool's timeout, not another error


@pytest.mark.slow
def test_each_sync_request_in_flight_opens_its_own_connection(postgres_dsn, tmp_path):
    """The page's `CONN_MAX_AGE` 0 under Uvicorn, without a pool: eight sync requests at once, each
    waiting on the database, are eight backends on PostgreSQL at the same time, in eight threads (more
    than the 6 of a default thread pool on two cores: nothing here bounds them); each closes its own
    connection when it ends."""
    count = 8
    database = LockedDatabase(postgres_dsn)
    env = with_a_database(tmp_path, database.dsn, {})
    try:
        with run_server(commands()["asgi"], cwd=PROJECT, env=env, timeout=90) as server:
            threads, futures = requests_in_flight(server, count)
            with threads:
                try:
                    wait_for(lambda: database.waiting() == count, f"{count} backends waiting at once")
                finally:
                    database.let_go()
                answers = [f.result() for f in futures]
    finally:
        database.let_go()
    assert [status for status, _, _ in answers] == [200] * count
    assert len({body["backend"] for _, _, body in answers}) == count
    assert len({body["thread"] for _, _, body in answers}) == count
    wait_for(lambda: database.waiting() == 0 and not backends_of(postgres_dsn, database.name), "connections closed")


def backends_of(dsn: str, database: str) -> set[int]:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        return {pid for (pid,) in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", (database,))}


@pytest.mark.slow
def test_limit_concurrency_counts_idle_connections(tmp_path):
    """Uvicorn's --limit-concurrency compares open connections (idle keep-alive ones included) and
    requests in flight with the limit, and answers 503 beyond it: it refuses, it does not queue."""
    env = project_env(str(tmp_path))
    with run_server(commands()["asgi"] + " --limit-concurrency 3", cwd=PROJECT, env=env, timeout=90) as server:
        idle = [httpx2.Client(base_url=server.url, timeout=60) for _ in range(3)]
        try:
            for n, client in enumerate(idle):
                status = client.get("/sync").status_code  # answered; the connection stays open, idle
                assert status == (200 if n < 2 else 503), (n, status)  # the third is the limit's third connection
            time.sleep(0.5)
            assert httpx2.get(f"{server.url}/sync", timeout=60).status_code == 503  # nothing in flight
            idle[0].close()
            time.sleep(0.5)
            assert httpx2.get(f"{server.url}/sync", timeout=60).status_code == 200
        finally:
            for client in idle:
                client.close()


test_allowed_hosts_from_the_environment = django_snippets.allowed_hosts_test(PROJECT / "config/settings.py", unset=[])


def test_decorators_keep_views_async():
    from asgiref.sync import iscoroutinefunction
    from django_ecosystem.wsgi_asgi.notes import views

    for view in (views.note_list, views.note_create, views.note_finish_all, views.note_detail):
        assert iscoroutinefunction(view)  # so Django calls it on the event loop, not in a thread


@pytest.mark.django_db
def test_sync_orm_in_async_code_is_refused():
    """Calling the blocking ORM from a coroutine raises instead of freezing the event loop;
    transaction.atomic() is refused the same way, which is why finish_all() is a sync function."""
    from django.db import transaction

    async def blocking_get():
        return Note.objects.count()

    async def atomic_in_async():
        with transaction.atomic():
            pass

    with pytest.raises(SynchronousOnlyOperation):
        async_to_sync(blocking_get)()
    with pytest.raises(SynchronousOnlyOperation):
        async_to_sync(atomic_in_async)()

    async def wrapped():
        return await sync_to_async(Note.objects.count)()

    assert async_to_sync(wrapped)() == 0


def test_async_api_exists():
    """The a-prefixed methods the page lists exist on this Django (versions: the release notes)."""
    import inspect

    from django.db.models import Model, QuerySet
    from django.db.models.fields import related_descriptors

    for name in ("aget", "acreate", "acount", "afirst", "aexists", "aupdate", "adelete", "aiterator"):
        assert hasattr(QuerySet, name)  # Django 4.1
    assert hasattr(QuerySet, "__aiter__")  # async for, Django 4.1
    for name in ("asave", "adelete", "arefresh_from_db"):
        assert hasattr(Model, name)  # Django 4.2
    source = inspect.getsource(related_descriptors)
    for name in ("aadd", "aclear", "aremove", "aset"):
        assert f"def {name}(" in source  # related managers, Django 4.2


@pytest.mark.slow
def test_manage_py_check(tmp_path):
    """The project is complete: manage.py finds its settings (from the environment) and checks clean."""
    import subprocess
    import sys

    env = project_env(str(tmp_path))
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=PROJECT, env=env, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    env.pop("DJANGO_SECRET_KEY")
    missing = subprocess.run([sys.executable, "manage.py", "check"], cwd=PROJECT, env=env, capture_output=True,
                             text=True, timeout=120, check=False)
    assert missing.returncode != 0 and "KeyError: 'DJANGO_SECRET_KEY'" in missing.stderr  # no default secret


def test_asgi_receives_the_whole_body_before_routing(settings, monkeypatch):
    """A POST of 8 MiB to a URL that no pattern matches: Django's ASGI handler receives every byte before it
    resolves the URL (in memory up to FILE_UPLOAD_MAX_MEMORY_SIZE, then in a temporary file) and then answers
    404; the WSGI handler answers 404 without reading any of it. compare/request_handling holds the same for
    middleware that limits the body."""
    import asyncio
    import io
    import tempfile

    from django.core.handlers.asgi import ASGIHandler
    from django.core.handlers.wsgi import WSGIHandler

    settings.ROOT_URLCONF = NOTES_URLS
    chunk, chunks = 1024 * 1024, 8
    assert chunk * chunks > settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    rolled = []

    class Spooled(tempfile.SpooledTemporaryFile):
        def rollover(self):
            rolled.append(self)
            super().rollover()

    monkeypatch.setattr(tempfile, "SpooledTemporaryFile", Spooled)
    received = 0

    async def asgi():
        never = asyncio.get_running_loop().create_future()

        async def receive():
            nonlocal received
            if received < chunks:
                received += 1
                return {"type": "http.request", "body": b"x" * chunk, "more_body": received < chunks}
            return await never  # the client waits for its answer

        messages = []

        async def send(message):
            messages.append(message)

        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
                 "scheme": "http", "path": "/no-such-page", "raw_path": b"/no-such-page", "root_path": "",
                 "query_string": b"", "headers": [(b"host", b"testserver")],
                 "client": ("127.0.0.1", 5000), "server": ("testserver", 80)}
        await ASGIHandler()(scope, receive, send)
        return messages[0]["status"]

    assert asyncio.run(asgi()) == 404
    assert received == chunks and rolled  # all 8 MiB, and on disk, before the 404

    class Counting(io.RawIOBase):
        read_bytes = 0

        def readable(self):
            return True

        def readinto(self, buffer):
            self.read_bytes += len(buffer)
            buffer[:] = b"x" * len(buffer)
            return len(buffer)

    body = Counting()
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/no-such-page", "SERVER_NAME": "testserver",
               "SERVER_PORT": "80", "HTTP_HOST": "testserver", "wsgi.input": body, "wsgi.url_scheme": "http",
               "CONTENT_LENGTH": str(chunk * chunks), "CONTENT_TYPE": "application/octet-stream", "QUERY_STRING": ""}
    statuses = []
    WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    assert statuses == ["404 Not Found"]
    assert body.read_bytes == 0


def test_async_orm_runs_the_sync_query_in_a_thread():
    """Django 5.2's a-methods wrap the sync ones: the database call itself is still blocking, in a thread."""
    import inspect

    from django.db.models import QuerySet

    assert "sync_to_async(self.count)" in inspect.getsource(QuerySet.acount)
    assert "sync_to_async(self.get)" in inspect.getsource(QuerySet.aget)


@pytest.mark.slow
def test_a_request_past_gunicorn_s_timeout_is_killed_with_its_worker(tmp_path):
    """servers.md: a request that runs past Gunicorn's --timeout (30 s unless set) is killed with its
    worker. The page's sync worker, with --timeout 2 and the slow view made slower than that (a
    post_worker_init hook sets DELAY to 6 s): the client gets a 500 before the view is done, the master logs WORKER
    TIMEOUT, and a new worker answers the next request."""
    hook = tmp_path / "slower.py"
    hook.write_text("def post_worker_init(worker):\n    import waits.views\n    waits.views.DELAY = 6.0\n")
    env = project_env(str(tmp_path))
    with run_server(commands()["wsgi"] + f" --timeout 2 -c {hook}", cwd=PROJECT, env=env, timeout=90) as server:
        started = time.monotonic()
        answer = httpx2.get(f"{server.url}/sync", timeout=30)  # the master aborts the worker mid-request
        assert answer.status_code == 500  # the aborted worker's last words: Gunicorn's own error page
        assert time.monotonic() - started < 5.5  # killed before the view's 6 s were up
        assert "WORKER TIMEOUT" in server.output()
        deadline = time.monotonic() + 30
        while True:  # the master forks a new worker, which answers
            try:
                assert httpx2.get(f"{server.url}/", timeout=30).status_code in (200, 404)
                break
            except httpx2.TransportError:
                assert time.monotonic() < deadline, server.output()
                time.sleep(0.2)
