"""Async done right: the blocked event loop measured under a real Uvicorn, and what Django and DRF
support in async code.

Each assertion is a claim the page makes; each `outputs.check` is an output the page shows. Times
are measured against a slow fake upstream on loopback (a thread in this process that answers every
request after DELAY seconds and counts how many it serves at once); the page shows them in whole
upstream calls, so a loaded machine's overhead does not change the stored output.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
import re
import ssl
import statistics
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import anyio
import anyio.to_thread
import httpx
import httpx2
import pytest
from asgiref.sync import async_to_sync
from django.db import DatabaseError, connection, transaction
from django.db.models import QuerySet
from django.test import AsyncClient
from fastapi.testclient import TestClient

from guide_tools.website.content import SNIPPETS
from guide_tools.runtime.drive import converse
from performance.async_io import drive, fastapi_app
from performance.async_io.django_app import drf_views, views
from performance.async_io.django_app.models import Note
from tests.support import bursts
from tests.support.capture import render
from tests.support.services import free_port, python_env, run_server
from tests.support.shell import shown_commands

OUT = "performance/async_io/out"
DJANGO_URLS = "performance.async_io.django_app.urls"
DELAY = 2.0  # seconds the fake upstream takes to answer each request
CALLS = 5  # requests sent at the same time to each endpoint
ENDPOINTS = ("/blocking", "/async-client", "/sync-def", "/offloaded")


# --------------------------------------------------------------------------- the slow upstream


class SlowHandler(BaseHTTPRequestHandler):
    """Answers every GET after DELAY seconds (or `?delay=` seconds), and counts how many requests
    it was serving at the same time: the upstream's own view of whether the calls overlapped."""

    lock = threading.Lock()
    status = 200  # what every answer says
    in_flight = 0
    most_in_flight = 0

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        query = parse_qs(urlsplit(self.path).query)
        delay = float(query.get("delay", [DELAY])[0])
        cls = type(self)
        with cls.lock:
            cls.in_flight += 1
            cls.most_in_flight = max(cls.most_in_flight, cls.in_flight)
        try:
            time.sleep(delay)
        finally:
            with cls.lock:
                cls.in_flight -= 1
        body = b"pong"
        try:
            self.send_response(cls.status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except ConnectionError:  # the client timed out and closed the connection: nothing to answer
            pass

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - keep the test output quiet
        pass

    @classmethod
    def reset(cls) -> None:
        with cls.lock:
            cls.most_in_flight = cls.in_flight


@pytest.fixture(scope="module")
def upstream() -> Iterator[str]:
    """A threaded HTTP server on loopback: every request is answered after DELAY, all in parallel."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def commands() -> dict[str, str]:
    """The sections of run.sh, by name: the lines the page shows."""
    return shown_commands(SNIPPETS / "performance/async_io/run.sh")


def server_env(upstream_url: str) -> dict[str, str]:
    env = {**os.environ, **python_env(), "UPSTREAM_URL": upstream_url}
    for name in ("PYTHONASYNCIODEBUG", "ASYNCIO_DEBUG"):
        env.pop(name, None)
    return env


# --------------------------------------------------------------------------- in process


def test_endpoints_answer_in_process(upstream, monkeypatch):
    monkeypatch.setattr(fastapi_app, "UPSTREAM_URL", f"{upstream}?delay=0")
    with TestClient(fastapi_app.app) as client:
        assert client.get("/health").json() == {"status": "ok"}
        for path in ENDPOINTS:
            assert client.get(path).json() == {"upstream": "pong"}, path
        # The lifespan opened one shared AsyncClient, with the timeouts the page sets.
        shared = client.app.state.upstream
        assert shared.timeout == fastapi_app.TIMEOUT
        assert (shared.timeout.connect, shared.timeout.read) == (2.0, 10.0)
    assert shared.is_closed  # ... and closed it at shutdown


def test_default_thread_limiter_has_40_tokens():
    """`def` endpoints and anyio.to_thread.run_sync share one limiter: 40 threads at a time."""
    from starlette.concurrency import run_in_threadpool

    async def tokens() -> float:
        return anyio.to_thread.current_default_thread_limiter().total_tokens

    assert anyio.run(tokens) == 40
    import inspect

    # Starlette's run_in_threadpool is a thin wrapper around anyio.to_thread.run_sync.
    assert "await anyio.to_thread.run_sync(func)" in inspect.getsource(run_in_threadpool)


def test_httpx_default_timeout_is_five_seconds():
    import httpx

    assert httpx.AsyncClient().timeout == httpx.Timeout(5.0)


# --------------------------------------------------------------------------- under Uvicorn


def test_httpx_timeouts_are_per_operation_not_a_deadline():
    """A read timeout bounds each wait for data, not the whole response: an upstream that sends
    a byte every 0.2 s passes a 0.5 s read timeout for as long as it likes. anyio.fail_after()
    (or asyncio.timeout()) is the deadline for the whole call."""

    finished: list[asyncio.StreamWriter] = []

    async def trickle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\n")
            for byte in b"slowly":
                await writer.drain()
                await asyncio.sleep(0.2)
                writer.write(bytes([byte]))
            await writer.drain()
        except ConnectionError:  # the client cut off by the deadline has gone
            pass
        finally:
            writer.close()
            finished.append(writer)

    async def run() -> tuple[str, float, bool]:
        server = await asyncio.start_server(trickle, "127.0.0.1", 0)
        url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/"
        async with server, httpx.AsyncClient(timeout=httpx.Timeout(0.5)) as client:
            started = time.monotonic()
            body = (await client.get(url)).text  # six reads, each well inside 0.5 s
            took = time.monotonic() - started
            with anyio.move_on_after(0.5) as deadline:
                await client.get(url)
            while len(finished) < 2:  # let the server finish with both connections before the loop ends
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.1)
        return body, took, deadline.cancelled_caught

    body, took, cut_off = asyncio.run(run())
    assert body == "slowly" and took > 1.0  # longer than the 0.5 s timeout, and no error
    assert cut_off


def test_the_41st_offloaded_call_waits_for_a_free_token():
    """The page: 40 offloaded calls run at once and the 41st waits for a free token. 41 calls that
    block until released, on the default limiter: exactly 40 are running, then all 41 finish."""
    release, running = threading.Event(), bursts.Overlap()

    def hold() -> None:
        with running:
            release.wait(10)

    async def main() -> int:
        async with anyio.create_task_group() as group:
            for _ in range(41):
                group.start_soon(anyio.to_thread.run_sync, hold)
            with anyio.fail_after(10):
                while running.now < 40:
                    await anyio.sleep(0.01)
            await anyio.sleep(0.3)  # room for a 41st thread to start, were there a token for it
            seen = running.now
            release.set()
        return seen

    try:
        assert anyio.run(main) == 40
    finally:
        release.set()
    assert running.most == 40 and running.now == 0


def test_a_deadline_does_not_stop_an_offloaded_call(upstream, monkeypatch):
    """A deadline cancels only awaited code; a thread cannot be stopped. Around
    to_thread.run_sync() (/offloaded), anyio.fail_after() waits for the thread and returns the late
    answer without an error; asyncio.timeout() answers on time, but the thread and its upstream
    call carry on, and its token goes back to the 40-token limiter while it still runs."""
    monkeypatch.setattr(fastapi_app, "UPSTREAM_URL", f"{upstream}?delay=1.5")

    async def run() -> tuple[str, float, float, int, int]:
        started = time.monotonic()
        with anyio.fail_after(0.5):
            late = await anyio.to_thread.run_sync(fastapi_app.fetch_blocking)
        waited = time.monotonic() - started
        limiter = anyio.to_thread.current_default_thread_limiter()
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.5):
                await anyio.to_thread.run_sync(fastapi_app.fetch_blocking)
        answered = time.monotonic() - started
        still_running, tokens = SlowHandler.in_flight, limiter.borrowed_tokens
        while SlowHandler.in_flight:  # let the orphaned call end before the loop does
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.1)
        return late, waited, answered, still_running, tokens

    late, waited, answered, still_running, tokens = asyncio.run(run())
    assert late == "pong" and waited > 1.4  # fail_after(0.5) did not fire: the full 1.5 s
    assert answered < 1.0  # asyncio.timeout(0.5) did
    assert still_running == 1 and tokens == 0  # ...but the call goes on, outside the limit


def get(base: str, path: str) -> float:
    """GET base+path on its own connection; the wall time it took."""
    started = time.perf_counter()
    response = httpx2.get(f"{base}{path}", timeout=60)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.text
    return elapsed


def batch(base: str, path: str) -> tuple[float, float, int]:
    """CALLS requests to `path` at the same time, and one /health request sent while they run.
    Returns (wall time of the batch, time /health took, most upstream calls in flight at once)."""
    SlowHandler.reset()
    with ThreadPoolExecutor(CALLS + 1) as pool:
        started = time.perf_counter()
        calls = [pool.submit(get, base, path) for _ in range(CALLS)]
        time.sleep(DELAY / 5)  # the batch is in flight
        health = pool.submit(get, base, "/health")
        for call in calls:
            call.result()
        wall = time.perf_counter() - started
        return wall, health.result(), SlowHandler.most_in_flight


@pytest.mark.slow
def test_blocking_call_serialises_everything(upstream, outputs):
    with run_server(commands()["serve"], cwd=SNIPPETS, env=server_env(upstream), timeout=60) as server:
        get(server.url, "/health")  # the app is loaded
        results = {path: batch(server.url, path) for path in ENDPOINTS}

    wall, health, in_flight = results["/blocking"]
    assert in_flight == 1, results  # the upstream never saw two calls at once
    assert wall >= CALLS * DELAY * 0.8, results  # one upstream call after the other
    assert health >= DELAY / 2, results  # even /health waited for the loop
    for path in ("/async-client", "/sync-def", "/offloaded"):
        wall, health, in_flight = results[path]
        assert in_flight == CALLS, (path, results)  # all calls were at the upstream together
        assert wall < 2 * DELAY, (path, results)  # the calls overlapped
        assert health < DELAY / 2, (path, results)  # the loop stayed free

    lines = [f"{CALLS} requests at the same time to each endpoint; the upstream takes {DELAY:.0f} s per call", ""]
    lines.append(f"{'endpoint':<15} {'upstream calls at once':<24} {'all answered after':<22} GET /health meanwhile")
    for path, (wall, health, in_flight) in results.items():
        calls = int(wall // DELAY)  # whole upstream calls: the overhead of a loaded machine stays below one
        waited = "waited for the loop" if health >= DELAY / 2 else "answered at once"
        lines.append(f"{path:<15} {in_flight:<24} {f'{calls} × one call':<22} {waited}")
    outputs.check(f"{OUT}/concurrency.txt", "\n".join(lines) + "\n")


def slow_callbacks(log: str, at_least: float) -> list[str]:
    """asyncio debug mode's "Executing <...> took N seconds" lines with N >= at_least."""
    return [m.group(0) for m in re.finditer(r"^Executing <.*?> took (\d+\.\d+) seconds$", log, re.MULTILINE)
            if float(m.group(1)) >= at_least]


@pytest.mark.slow
def test_pythonasynciodebug_under_uvicorn_depends_on_the_python_version(upstream):
    """On Python 3.11 uvicorn._compat.asyncio_run creates asyncio.Runner(debug=False), which calls
    loop.set_debug(False) and so overrides PYTHONASYNCIODEBUG=1: no slow-callback warning appears.
    On 3.12+ it is asyncio.run, whose default (debug=None) leaves the variable in force."""
    import inspect

    from uvicorn import _compat

    assert "asyncio_run = asyncio.run" in inspect.getsource(_compat)  # what 3.12+ gets
    if sys.version_info < (3, 12):
        assert "asyncio.Runner(debug=debug" in inspect.getsource(_compat.asyncio_run)
        assert inspect.signature(_compat.asyncio_run).parameters["debug"].default is False
    else:
        assert _compat.asyncio_run is asyncio.run
        assert inspect.signature(asyncio.run).parameters["debug"].default is None
    with run_server(commands()["env-debug"], cwd=SNIPPETS, env=server_env(f"{upstream}?delay=0.5"),
                    timeout=60) as server:
        get(server.url, "/blocking")
        deadline = time.monotonic() + (0.5 if sys.version_info < (3, 12) else 10)
        while not slow_callbacks(server.output(), at_least=0.4) and time.monotonic() < deadline:
            time.sleep(0.05)
        found = slow_callbacks(server.output(), at_least=0.4)
        anything = slow_callbacks(server.output(), at_least=0)
    if sys.version_info < (3, 12):
        assert anything == [], anything  # the variable was overridden: the blocking call went unreported
    else:
        assert len(found) == 1, found  # the variable works: the blocking call is reported


@pytest.mark.slow
def test_asyncio_debug_mode_names_the_slow_task(upstream, outputs):
    with run_server(commands()["debug"], cwd=SNIPPETS, env=server_env(upstream), timeout=60) as server:
        get(server.url, "/health")
        get(server.url, "/async-client")
        time.sleep(0.2)
        assert slow_callbacks(server.output(), at_least=DELAY / 2) == []  # awaiting does not hold the loop
        get(server.url, "/blocking")
        deadline = time.monotonic() + 10
        while not slow_callbacks(server.output(), at_least=DELAY * 0.8) and time.monotonic() < deadline:
            time.sleep(0.05)
        found = slow_callbacks(server.output(), at_least=DELAY * 0.8)
    assert len(found) == 1, found
    line = found[0]
    assert "coro=<RequestResponseCycle.run_asgi()" in line  # the request's task, not the endpoint's name
    normalised = re.sub(r"name='Task-\d+'", "name='Task-<n>'", line)
    normalised = re.sub(r"\S+/site-packages/(\S+\.py):\d+", r"<site-packages>/\1:<line>", normalised)
    normalised = re.sub(r"took \d+\.\d+ seconds", "took <seconds> seconds", normalised)
    outputs.check(f"{OUT}/asyncio_debug.txt", normalised + "\n")


# --------------------------------------------------------------------------- Django and DRF


@pytest.fixture
def django_urls(settings):
    settings.ROOT_URLCONF = DJANGO_URLS


@pytest.fixture
def notes(db):
    drive.notes()  # what the page's Run makes first too (SETUP)


def shown(output: str) -> str:
    """`output`'s requests as drive.py declares them (the page's Run sends the same): through Django's
    async path (CLIENT "async"), a 500 answered rather than raised, on the notes SETUP makes."""
    assert drive.CLIENT[output] == "async" and drive.APPS["django"]["ROOT_URLCONF"] == DJANGO_URLS
    return converse(AsyncClient(raise_request_exception=False), drive, output)


def test_django_async_view_with_async_orm(django_urls, db, outputs):
    """An `async def` view through Django's async request path (the ASGI handler's), with the
    a-prefixed queryset methods and `async for`."""
    from asgiref.sync import iscoroutinefunction

    assert iscoroutinefunction(views.published_notes)
    text = shown("django_async_view.txt")
    assert text.startswith("GET /notes/published\n\nHTTP/1.1 200 OK\n")
    assert json.loads("{" + text.partition("\n\n{")[2]) == {"count": 2, "titles": ["ASGI", "WSGI"]}
    outputs.check(f"{OUT}/django_async_view.txt", text)


def test_the_published_list_is_bounded(django_urls, db):
    """The view counts every published note but lists at most 100 titles: a LIMIT in the SQL, so
    the response does not grow with the table."""
    Note.objects.bulk_create(Note(title=f"Note {n}", published=True) for n in range(101))
    data = async_to_sync(AsyncClient().get)("/notes/published").json()
    assert data["count"] == 101 and data["titles"] == [f"Note {n}" for n in range(100)]


def test_async_view_overlaps_its_own_calls_under_wsgi(django_urls, upstream, monkeypatch, outputs):
    """Through Django's sync request path (django.test.Client: the WSGI handler's get_response()),
    an async view runs in a one-off event loop, in a new thread while the request's thread waits, and
    its two gathered upstream calls still overlap: the upstream itself counts both in flight at once."""
    from django.test import Client

    monkeypatch.setattr(views, "UPSTREAM_URL", f"{upstream}?delay=0.5")
    loop_threads: list[int] = []
    real_gather = asyncio.gather

    def gather(*aws, **kwargs):
        loop_threads.append(threading.get_ident())  # the thread the view's event loop runs in
        return real_gather(*aws, **kwargs)

    monkeypatch.setattr(views.asyncio, "gather", gather)
    SlowHandler.reset()
    response = Client().get("/two-upstream-calls")
    assert loop_threads and threading.get_ident() not in loop_threads
    assert response.status_code == 200
    assert response.json() == {"parts": ["pong", "pong"]}
    assert SlowHandler.most_in_flight == 2  # both calls at the upstream at the same time
    assert type(response.wsgi_request).__name__ == "WSGIRequest"
    outputs.check(f"{OUT}/django_wsgi_two_calls.txt", render(response, "GET /two-upstream-calls"))


def test_the_two_calls_view_answers_502_or_504_not_500(django_urls, upstream, monkeypatch, caplog):
    """The Django view answers an upstream failure as the FastAPI handlers do: a refused connection
    or an upstream 5xx is 502, a timeout 504, each with a JSON detail and the cause logged. Without
    its `except`, each was Django's 500, the answer a bug in the view gets. (The view sends its own
    query string, so the upstream answers after its default DELAY.)"""
    from django.test import Client

    closed = free_port()  # a loopback port where nothing listens
    cases = [(f"http://127.0.0.1:{closed}/", 200, httpx.Timeout(10.0), 502, "Upstream failed", "ConnectError"),
             (upstream, 503, httpx.Timeout(10.0), 502, "Upstream failed", "HTTPStatusError"),
             (upstream, 200, httpx.Timeout(DELAY / 4), 504, "Upstream timed out", "ReadTimeout")]
    for url, upstream_status, timeout, status, detail, cause in cases:
        monkeypatch.setattr(views, "UPSTREAM_URL", url)
        monkeypatch.setattr(SlowHandler, "status", upstream_status)
        monkeypatch.setattr(views, "TIMEOUT", timeout)
        caplog.clear()
        response = Client(raise_request_exception=False).get("/two-upstream-calls")
        assert (response.status_code, response.json()) == (status, {"detail": detail}), (url, upstream_status)
        assert cause in caplog.text, (url, upstream_status)


def test_a_new_async_client_costs_tens_of_milliseconds_without_a_shared_ssl_context():
    """An AsyncClient builds an SSL context and loads the CA bundle into it, even for an http://
    upstream: CPU time, on the event loop when a view does it. Given a context, it does not."""
    context = httpx.create_ssl_context()

    def median_ms(make) -> float:
        times = []
        for _ in range(5):
            started = time.perf_counter()
            make()
            times.append(time.perf_counter() - started)
        return statistics.median(times) * 1000

    own = median_ms(lambda: httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=2.0)))
    shared = median_ms(lambda: httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=2.0), verify=context))
    assert own > 10 and shared < 2, (own, shared)


def test_the_two_calls_view_loads_no_certificates_per_request(django_urls, upstream, monkeypatch):
    """The view opens its client per request (under WSGI it must) but gives it the module's SSL
    context, so no request loads the CA bundle on the event loop."""
    from django.test import Client

    monkeypatch.setattr(views, "UPSTREAM_URL", upstream)
    loads: list[str] = []
    load = ssl.SSLContext.load_verify_locations

    def counted(self, *args, **kwargs):
        loads.append("CA bundle")
        return load(self, *args, **kwargs)

    monkeypatch.setattr(ssl.SSLContext, "load_verify_locations", counted)
    for _ in range(3):
        assert Client().get("/two-upstream-calls").status_code == 200
    assert loads == [], f"{len(loads)} CA bundle loads in 3 requests"


class KeepAliveHandler(BaseHTTPRequestHandler):
    """Answers "pong" over HTTP/1.1 and keeps the connection open, as a real upstream does."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.send_response(200)
        self.send_header("Content-Length", "4")
        self.end_headers()
        self.wfile.write(b"pong")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def test_a_shared_async_client_fails_on_the_next_request_under_wsgi():
    """The two-calls view opens its AsyncClient per request. Under WSGI each request runs in a
    new event loop (async_to_sync), and a client shared between requests keeps a pooled
    connection bound to the first loop: the second request fails."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), KeepAliveHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    shared = httpx.AsyncClient()

    async def view_body() -> str:
        return (await shared.get(url)).text

    failure = ""
    try:
        assert async_to_sync(view_body)() == "pong"  # request 1, loop 1
        try:
            async_to_sync(view_body)()  # request 2, loop 2: the pooled connection is loop 1's
        except RuntimeError as error:
            failure = str(error)  # the traceback, which holds the connection, is dropped here
        assert failure == "Event loop is closed"
    finally:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)  # the connection loop 1 left behind
            del shared
            gc.collect()
        server.shutdown()
        server.server_close()


def test_async_orm_runs_the_query_in_another_thread(django_urls, notes):
    """The async ORM API awaits sync_to_async: the driver call runs in a thread, not on the loop."""
    query_threads: list[int] = []
    loop_thread: list[int] = []

    def record(execute, sql, params, many, context):
        query_threads.append(threading.get_ident())
        return execute(sql, params, many, context)

    async def count() -> int:
        loop_thread.append(threading.get_ident())
        return await Note.objects.acount()

    with connection.execute_wrapper(record):
        assert async_to_sync(count)() == 3
    assert query_threads and loop_thread[0] not in query_threads


def test_thread_sensitive_calls_get_a_thread_per_request_under_asgi(settings, monkeypatch):
    """The exercise's solution text: Django's ASGI handler opens a thread-sensitive context per
    request, so sync_to_async() (thread_sensitive=True) calls of two requests run in two threads at
    once. Outside any request, in a bare event loop, the same calls share one thread and queue."""
    import types

    from asgiref.sync import sync_to_async
    from django.core.asgi import get_asgi_application
    from django.http import JsonResponse
    from django.urls import path

    def blocking() -> int:
        time.sleep(0.5)
        return threading.get_ident()

    async def view(request):
        return JsonResponse({"thread": await sync_to_async(blocking)()})

    urls = types.ModuleType("thread_per_request_urls")
    urls.urlpatterns = [path("blocking", view)]
    monkeypatch.setitem(sys.modules, urls.__name__, urls)
    settings.ROOT_URLCONF = urls.__name__

    async def two_requests() -> tuple[set[int], float]:
        transport = httpx.ASGITransport(app=get_asgi_application())
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            started = time.monotonic()
            answers = await asyncio.gather(client.get("/blocking"), client.get("/blocking"))
        return {answer.json()["thread"] for answer in answers}, time.monotonic() - started

    async def two_bare_calls() -> tuple[set[int], float]:
        started = time.monotonic()
        threads = await asyncio.gather(sync_to_async(blocking)(), sync_to_async(blocking)())
        return set(threads), time.monotonic() - started

    threads, took = asyncio.run(two_requests())
    assert len(threads) == 2 and took < 0.95  # a thread each, side by side
    threads, took = asyncio.run(two_bare_calls())
    assert len(threads) == 1 and took >= 1.0  # one shared thread, one call after the other


def test_queryset_has_no_aall():
    """The note's `await User.objects.filter(...).aall()` does not exist: iterate with `async for`."""
    assert not hasattr(QuerySet, "aall")
    assert all(hasattr(QuerySet, name) for name in ("aget", "acount", "aexists", "afirst", "acreate", "aupdate",
                                                    "__aiter__"))


def test_async_transaction_via_sync_to_async(django_urls, notes, monkeypatch):
    """The two statements of publish_all_sync() commit together, or neither does."""
    def refuse(**fields):
        raise DatabaseError("the log row cannot be written")

    monkeypatch.setattr(Note.objects, "create", refuse)
    with pytest.raises(DatabaseError):  # the client re-raises the view's exception
        async_to_sync(AsyncClient().post)("/notes/publish")
    assert Note.objects.filter(published=False).count() == 1  # the UPDATE was rolled back
    monkeypatch.undo()
    response = async_to_sync(AsyncClient().post)("/notes/publish")
    assert response.status_code == 200 and response.json() == {"published": 1}
    assert not Note.objects.filter(published=False).exists()
    assert Note.objects.filter(title="1 notes published").exists()


def test_select_for_update_adds_nothing_to_an_update():
    """An UPDATE locks the rows it changes: select_for_update() before update() changes no SQL.
    Compiled for PostgreSQL, where a SELECT does get FOR UPDATE (SQLite has no row locks)."""
    from django.db.backends.postgresql.base import DatabaseWrapper
    from django.db.models.sql import UpdateQuery

    postgres = DatabaseWrapper({**connection.settings_dict, "ENGINE": "django.db.backends.postgresql",
                                "NAME": "notes", "OPTIONS": {}}, alias="compile-only")
    postgres.get_autocommit = lambda: False  # as inside atomic(), without connecting

    def update_sql(queryset) -> str:
        query = queryset.query.chain(UpdateQuery)
        query.add_update_values({"published": True})
        return query.get_compiler(connection=postgres).as_sql()[0]

    drafts = Note.objects.filter(published=False)
    assert "FOR UPDATE" in drafts.select_for_update().query.get_compiler(connection=postgres).as_sql()[0]
    assert update_sql(drafts.select_for_update()) == update_sql(drafts)
    assert update_sql(drafts) == 'UPDATE "async_io_notes_note" SET "published" = %s WHERE NOT "async_io_notes_note"."published"'


def test_notes_publish_needs_the_csrf_token(django_urls, notes):
    """AsyncClient skips CSRF checks, as Client does; a browser's POST is checked."""
    browser = AsyncClient(enforce_csrf_checks=True)
    assert async_to_sync(browser.post)("/notes/publish").status_code == 403
    assert Note.objects.filter(published=False).count() == 1
    browser.cookies["csrftoken"] = secret = "b" * 32
    answer = async_to_sync(browser.post)("/notes/publish", headers={"X-CSRFToken": secret})
    assert answer.status_code == 200 and answer.json() == {"published": 1}


def test_atomic_is_not_an_async_context_manager():
    from django.db import transaction

    atomic = transaction.atomic()
    assert not hasattr(atomic, "__aenter__")  # no `async with transaction.atomic()`


def test_drf_sync_view_under_the_async_handler(django_urls, notes):
    """A sync (DRF) view through the async handler runs in a thread, not on the event loop."""
    query_threads: list[int] = []
    loop_thread: list[int] = []

    def record(execute, sql, params, many, context):
        query_threads.append(threading.get_ident())
        return execute(sql, params, many, context)

    async def call():
        loop_thread.append(threading.get_ident())
        return await AsyncClient().get("/drf/notes/count")

    with connection.execute_wrapper(record):
        response = async_to_sync(call)()
    assert response.status_code == 200 and response.json() == {"count": 3}
    assert query_threads and loop_thread[0] not in query_threads


def test_json_response_does_not_serialise_model_instances():
    from django.http import JsonResponse

    with pytest.raises(TypeError, match="Object of type Note is not JSON serializable"):
        JsonResponse({"notes": [Note(title="x")]})


def test_drf_async_method_fails(django_urls, db, outputs):
    """APIView.dispatch() calls the handler without awaiting it: it gets a coroutine, not a Response."""
    from asgiref.sync import iscoroutinefunction
    from rest_framework.views import APIView

    assert not iscoroutinefunction(APIView.dispatch)
    assert iscoroutinefunction(drf_views.AsyncNoteCount.get)
    assert iscoroutinefunction(drf_views.AsyncNoteCount.as_view())  # Django awaits the view
    assert not iscoroutinefunction(drf_views.NoteCount.as_view())
    # A server's answer (500) and its log, as the page's Run shows them: Django's record of what its
    # handler caught, then the warning of the coroutine nobody awaited (drive.SHOW_CONSOLE "logged")
    text = shown("drf_async_method.txt")
    response, _, logged = text.partition("\n\nERROR:")
    assert response.startswith("GET /drf/notes/count-async\n\nHTTP/1.1 500 Internal Server Error\n")
    error, warning = logged.rstrip("\n").split("\n")[1:]
    assert error.startswith("AssertionError: Expected a `Response`") and "received a `<class 'coroutine'>`" in error
    assert warning == "RuntimeWarning: coroutine 'AsyncNoteCount.get' was never awaited"
    outputs.check(f"{OUT}/drf_async_method.txt", text)


def test_drf_async_method_works_when_awaited_directly(notes):
    """The method itself is fine: awaited by hand it returns a Response. DRF never awaits it."""
    response = async_to_sync(drf_views.AsyncNoteCount().get)(None)
    assert response.data == {"count": 3}


def test_slow_callback_threshold_defaults_to_a_tenth_of_a_second():
    loop = asyncio.new_event_loop()
    try:
        assert loop.slow_callback_duration == 0.1
    finally:
        loop.close()


def test_a_failing_upstream_gets_502_or_504_not_500(upstream, monkeypatch, caplog):
    """The upstream stopped, or slower than the read timeout: each of the four endpoints answers
    502 or 504 with a JSON detail, not the 500 of an unhandled exception, and the cause is logged
    (review 12 I1)."""
    closed = free_port()  # a loopback port where nothing listens
    monkeypatch.setattr(fastapi_app, "UPSTREAM_URL", f"http://127.0.0.1:{closed}/")
    with TestClient(fastapi_app.app, raise_server_exceptions=False) as client:
        for path in ENDPOINTS:
            response = client.get(path)
            assert (response.status_code, response.json()) == (502, {"detail": "Upstream failed"}), path
    assert "ConnectError" in caplog.text
    monkeypatch.setattr(fastapi_app, "UPSTREAM_URL", f"{upstream}?delay=1")
    monkeypatch.setattr(fastapi_app, "TIMEOUT", httpx.Timeout(0.3))  # read by the lifespan and fetch_blocking()
    with TestClient(fastapi_app.app, raise_server_exceptions=False) as client:
        for path in ENDPOINTS:
            response = client.get(path)
            assert (response.status_code, response.json()) == (504, {"detail": "Upstream timed out"}), path
    assert "ReadTimeout" in caplog.text
