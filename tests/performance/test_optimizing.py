"""Optimizing each side: every claim of performance/optimizing.md, against real PostgreSQL and Redis.

FastAPI: the pool opened in lifespan reuses its connections (counted in pg_stat_activity), the
Redis cache-aside answers a hit without a single SQL statement (counted by an engine event), the
TTL is set and a write invalidates the entry. Django/DRF: cache_page without Vary leaks one
user's response to another, vary_on_headers keys per user, get_or_set skips the query, cursor
pagination bounds the list, and Django's own pool (OPTIONS["pool"]) keeps the same PostgreSQL
backends across requests of a real server, while the default closes them after each request.
"""

from __future__ import annotations

import asyncio
import base64
import collections
import contextlib
import dataclasses
import json
import gc
import importlib
import importlib.util
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from decimal import Decimal
from urllib.parse import urlsplit

import httpx2
import psycopg
import pytest
from fastapi.testclient import TestClient
from performance.optimizing import asyncpg_app, drivers
from performance.optimizing.fastapi_app import Base, Product
from performance.optimizing.fastapi_app import app as fastapi_app
from sqlalchemy import create_engine, event

from guide_tools.website.content import DOCS, SNIPPETS
from tests.support import django_snippets
from tests.support.bursts import AllAtOnce
from tests.support.capture import DEFAULT_HEADERS, render
from tests.performance.test_bench import bench_dsn, bench_env, wrk  # noqa: F401  (fixtures: a database of its own, wrk)
from tests.support.services import free_port, parent_of, python_env, run_server

OUT = "performance/optimizing/out"
DJANGO_URLS = "performance.optimizing.django_app.urls"
DJANGO_SETTINGS = "performance.optimizing.django_app.settings"
HEADERS = (*DEFAULT_HEADERS, "x-cache", "vary", "cache-control")

pytestmark = pytest.mark.slow  # every test here needs a real PostgreSQL or Redis


# --------------------------------------------------------------------------- helpers


def redis_db(url: str, number: int) -> str:
    """The session's Redis, but a database of our own (flushed freely)."""
    return url.rsplit("/", 1)[0] + f"/{number}"


def create_database(dsn: str, prefix: str) -> tuple[str, str]:
    """A fresh database on the session's PostgreSQL; (its name, its psycopg DSN)."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name, dsn.rsplit("/", 1)[0] + f"/{name}"


def backends(dsn: str, database: str) -> set[int]:
    """Process ids of the PostgreSQL backends connected to `database` (seen from another one)."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", (database,)
        ).fetchall()
    return {pid for (pid,) in rows}


# --------------------------------------------------------------------------- FastAPI


def seeded_catalogue(postgres_dsn: str, prefix: str) -> tuple[str, str]:
    """A fresh database with the catalogue's `product` table and 30 products; (its name, its DSN)."""
    name, dsn = create_database(postgres_dsn, prefix)
    sync = create_engine(dsn.replace("postgresql://", "postgresql+psycopg://"))
    Base.metadata.create_all(sync)
    with sync.begin() as conn:
        conn.execute(Product.__table__.insert(), [
            {"id": i, "name": f"Product {i}", "price": Decimal(f"{i}9.90"), "supplier_cost": Decimal(f"{i}1.00")}
            for i in range(1, 31)
        ])
    sync.dispose()
    return name, dsn


# The same application on both of SQLAlchemy's async PostgreSQL drivers: only the URL changes,
# and every FastAPI test below (and every output it checks) must hold for both.
DRIVERS = ["psycopg", "asyncpg"]


@pytest.fixture(scope="module", params=DRIVERS)
def catalogue(request, postgres_dsn, redis_url):
    """The FastAPI app running (lifespan entered) against its own database and Redis database."""
    driver = request.param
    name, dsn = seeded_catalogue(postgres_dsn, f"optimizing_fastapi_{driver}")
    import redis

    cache_url = redis_db(redis_url, 11)
    redis.Redis.from_url(cache_url).flushdb()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DATABASE_URL", dsn.replace("postgresql://", f"postgresql+{driver}://"))
        mp.setenv("REDIS_URL", cache_url)
        with TestClient(fastapi_app) as client:
            statements: list[str] = []  # SQL statements run, and pool checkouts (marked "checkout")
            event.listen(fastapi_app.state.engine.sync_engine, "before_cursor_execute",
                         lambda conn, cursor, statement, *args: statements.append(statement))
            event.listen(fastapi_app.state.engine.sync_engine.pool, "checkout",
                         lambda *args: statements.append("checkout"))
            assert fastapi_app.state.engine.dialect.driver == driver
            yield client, statements, name, postgres_dsn, redis.Redis.from_url(cache_url)


def test_response_model_returns_only_what_is_declared(catalogue, outputs):
    client, *_ = catalogue
    response = client.get("/products", params={"limit": 2})
    assert response.status_code == 200
    assert [p["id"] for p in response.json()] == [1, 2]
    assert all(set(p) == {"id", "name", "price"} for p in response.json())  # no supplier_cost
    outputs.check(f"{OUT}/fastapi_list.txt", render(response, "GET /products?limit=2"))
    assert client.get("/products", params={"limit": 1000}).status_code == 422  # the list is bounded
    assert [p["id"] for p in client.get("/products", params={"after": 28}).json()] == [29, 30]


def test_cache_hit_does_not_touch_the_database(catalogue, outputs):
    client, statements, _, _, cache = catalogue
    cache.delete("product:7")
    statements.clear()
    miss = client.get("/products/7")
    assert miss.headers["x-cache"] == "miss" and statements.count("checkout") == 1 and len(statements) == 2
    statements.clear()
    hit = client.get("/products/7")
    assert hit.headers["x-cache"] == "hit" and statements == []  # no query, not even a connection
    assert hit.json() == miss.json() == {"id": 7, "name": "Product 7", "price": "79.90"}
    assert 0 < cache.ttl("product:7") <= 60  # the entry expires by itself
    outputs.check(f"{OUT}/fastapi_miss.txt", render(miss, "GET /products/7", headers=HEADERS))
    outputs.check(f"{OUT}/fastapi_hit.txt", render(hit, "GET /products/7", headers=HEADERS))
    assert client.get("/products/999").status_code == 404


def test_a_write_invalidates_the_cached_entry(catalogue):
    client, _, _, _, cache = catalogue
    client.get("/products/8")
    assert cache.exists("product:8")
    changed = client.patch("/products/8", json={"price": "85.00"})
    assert changed.status_code == 200 and changed.json()["price"] == "85.00"
    assert not cache.exists("product:8")
    fresh = client.get("/products/8")
    assert fresh.headers["x-cache"] == "miss" and fresh.json()["price"] == "85.00"
    assert client.patch("/products/999", json={"price": "1.00"}).status_code == 404


def test_a_read_during_a_write_does_not_cache_the_old_price(catalogue, monkeypatch):
    """Note 6: the write commits the price, then deletes the entry. A read that comes in while the
    write runs, just before its commit and just after its delete, must not leave the old price in
    Redis. With the delete before the commit, the read in between missed, loaded the old row (the
    new price was not committed yet) and cached it: the old price was served until the TTL."""
    import httpx
    from sqlalchemy.ext.asyncio import AsyncSession

    client, _, _, _, cache = catalogue
    app_cache = fastapi_app.state.cache
    commit, delete = AsyncSession.commit, app_cache.delete
    reads = []

    async def read() -> None:  # another request, on the same event loop, while the write waits
        transport = httpx.ASGITransport(app=fastapi_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other:
            response = await other.get("/products/10")
            reads.append((response.headers["x-cache"], response.json()["price"]))

    async def read_then_commit(self) -> None:
        await read()
        await commit(self)

    async def delete_then_read(*names):
        deleted = await delete(*names)
        await read()
        return deleted

    assert client.get("/products/10").json()["price"] == "109.90"  # cached at the old price
    with monkeypatch.context() as mp:
        mp.setattr(AsyncSession, "commit", read_then_commit)
        mp.setattr(app_cache, "delete", delete_then_read)
        changed = client.patch("/products/10", json={"price": "101.00"})
    assert changed.status_code == 200 and changed.json()["price"] == "101.00"
    assert len(reads) == 2, reads  # one read at each point of the write
    after = client.get("/products/10")
    assert json.loads(cache.get("product:10"))["price"] == after.json()["price"] == "101.00", reads
    assert client.patch("/products/10", json={"price": "109.90"}).status_code == 200

def test_an_entry_another_release_wrote_is_a_miss(catalogue):
    """Both releases of a rolling deploy share Redis, and the old one's entries stay there for the
    TTL: here one in the shape of a model that called `name` `title`. It fails this release's
    validation, and read as a hit that was a 500 for every such product; read as a miss it is
    answered from PostgreSQL and replaced by an entry this release can read."""
    import json

    client, _, _, _, cache = catalogue
    cache.set("product:9", json.dumps({"id": 9, "title": "Product 9", "price": "99.90"}), ex=60)
    response = client.get("/products/9")
    assert response.status_code == 200 and response.headers["x-cache"] == "miss"
    assert response.json() == {"id": 9, "name": "Product 9", "price": "99.90"}
    assert json.loads(cache.get("product:9")) == response.json()
    assert client.get("/products/9").headers["x-cache"] == "hit"


def test_ids_and_prices_outside_the_columns_are_422(catalogue):
    """The id is a PostgreSQL integer and the price Numeric(10, 2): past either, the request is the
    client's mistake (422), not a database error (a 500), and a third decimal is refused, not rounded."""
    client, _, _, _, _ = catalogue
    assert client.get("/products/2147483647").status_code == 404
    assert client.get("/products/2147483648").status_code == 422
    assert client.patch("/products/2147483648", json={"price": "1.00"}).status_code == 422
    assert client.get("/products", params={"after": 2147483647}).json() == []  # the cursor, on the same column
    assert client.get("/products", params={"after": 2147483648}).status_code == 422
    for price in ("1e20", "-1.00", "1.005", "100000000.00"):
        assert client.patch("/products/8", json={"price": price}).status_code == 422, price
    assert client.patch("/products/8", json={"price": "99999999.99"}).json()["price"] == "99999999.99"
    assert client.patch("/products/8", json={"price": "85.00"}).status_code == 200


@dataclasses.dataclass
class BrokenRedis:
    url: str
    listener: socket.socket | None = None  # None: nothing listens (Redis is down)

    def tries(self) -> int:
        """The connections made to it since the last call. redis-py gives up on a connection that
        timed out and opens a new one for its retry, so with a Redis that hangs this counts tries;
        Linux queues a connection for accept() even after the client closed it."""
        self.listener.setblocking(False)
        count = 0
        with contextlib.suppress(BlockingIOError):
            while True:
                self.listener.accept()[0].close()
                count += 1
        return count


@contextlib.contextmanager
def unanswering_redis():
    """A port that accepts connections and never answers: a Redis that hangs, not one that refuses."""
    with socket.create_server(("127.0.0.1", 0), backlog=64) as listener:
        yield BrokenRedis(f"redis://127.0.0.1:{listener.getsockname()[1]}/0", listener)


def fresh_fastapi_module():
    """The catalogue app's module loaded anew, so that a test may add routes to an app of its own."""
    spec = importlib.util.find_spec("performance.optimizing.fastapi_app")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fresh_fastapi_app():
    """The catalogue app from a module loaded anew, with an `app.state` of its own. The module-scoped
    `catalogue` fixture keeps the shared app running, and a second lifespan on that same app would
    replace its Redis client, which then nobody closes (an unclosed-connection ResourceWarning)."""
    return fresh_fastapi_module().app


@pytest.mark.parametrize("driver", ["psycopg"])
def test_a_hanging_redis_degrades_to_the_database(driver, postgres_dsn):
    """The cache is an optimisation, not a dependency: with Redis hanging, reads and writes still
    answer, from PostgreSQL, within the client's short timeouts (redis-py's default is 5 s, retried).
    What it cost is counted, not timed: get, set and delete, each given up after two tries."""
    _, dsn = seeded_catalogue(postgres_dsn, "optimizing_fastapi_noredis")
    with unanswering_redis() as redis_, pytest.MonkeyPatch.context() as mp:
        mp.setenv("DATABASE_URL", dsn.replace("postgresql://", f"postgresql+{driver}://"))
        mp.setenv("REDIS_URL", redis_.url)
        app = fresh_fastapi_app()
        with TestClient(app) as client:
            read = client.get("/products/3")
            changed = client.patch("/products/3", json={"price": "31.00"})
        tries = redis_.tries()
    assert read.status_code == 200 and read.headers["x-cache"] == "unavailable"
    assert read.json() == {"id": 3, "name": "Product 3", "price": "39.90"}
    assert changed.status_code == 200 and changed.json()["price"] == "31.00"
    assert tries == 6  # get, set and delete: two tries each
    settings = app.state.cache.connection_pool.connection_kwargs
    assert (settings["socket_connect_timeout"], settings["socket_timeout"]) == (0.25, 0.25)  # per try


def concurrent_gets(app, paths: list[str]) -> list:
    """Every path requested at once on one event loop, inside the app's lifespan: the requests one
    Uvicorn worker has in flight under a burst. A request that raised is answered 500, as Uvicorn would."""
    import httpx

    async def run() -> list:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://catalogue") as client:
                return await asyncio.gather(*(client.get(path) for path in paths))

    return asyncio.run(run())


def test_misses_under_a_hanging_redis_do_not_use_up_the_database_pool(postgres_dsn, monkeypatch):
    """With Redis hanging, each miss waits for the failing `set` (two tries of 0.25 s). The endpoint
    gives its PostgreSQL connection back before that: 200 misses at once, twenty times the pool's ten
    connections, all answer from PostgreSQL. Holding the connection through the `set`, the pool ran
    dry, and about half of them waited pool_timeout and were turned away."""
    _, dsn = seeded_catalogue(postgres_dsn, "optimizing_fastapi_burst")
    with unanswering_redis() as redis_:
        monkeypatch.setenv("DATABASE_URL", dsn.replace("postgresql://", "postgresql+psycopg://"))
        monkeypatch.setenv("REDIS_URL", redis_.url)
        responses = concurrent_gets(fresh_fastapi_app(), [f"/products/{i % 30 + 1}" for i in range(200)])
    outcomes = collections.Counter((r.status_code, r.headers.get("x-cache")) for r in responses)
    assert outcomes == {(200, "unavailable"): 200}, outcomes


def test_the_session_is_closed_before_the_response_starts(postgres_dsn, redis_url, monkeypatch):
    """Note 13: with scope="function" the dependency ends when the endpoint returns, so the session
    has given its connection back before the first byte of the response is sent; with the default
    scope ("request") it would still hold it, and the 8 s bound would cover sending the response."""
    import httpx

    _, dsn = seeded_catalogue(postgres_dsn, "optimizing_fastapi_scope")
    monkeypatch.setenv("DATABASE_URL", dsn.replace("postgresql://", "postgresql+psycopg://"))
    import redis

    cache_url = redis_db(redis_url, 14)
    with redis.Redis.from_url(cache_url) as raw:
        raw.flushdb()
    monkeypatch.setenv("REDIS_URL", cache_url)
    app = fresh_fastapi_app()
    held_at_start = []

    async def watching(scope, receive, send):
        async def noting(message):
            if message["type"] == "http.response.start":
                held_at_start.append(app.state.engine.sync_engine.pool.checkedout())
            await send(message)

        await app(scope, receive, noting)

    async def run() -> list[int]:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=watching)
            async with httpx.AsyncClient(transport=transport, base_url="http://catalogue") as client:
                statuses = [(await client.get(path)).status_code for path in ("/products/5", "/products?limit=3")]
                statuses.append((await client.patch("/products/5", json={"price": "12.50"})).status_code)
            await app.state.engine.dispose()
        return statuses

    statuses = asyncio.run(run())
    assert statuses[:2] == [200, 200] and statuses[2] in (200, 409, 422), statuses
    assert held_at_start == [0, 0, 0], held_at_start


def test_a_request_past_the_redis_pool_waits_for_a_connection(postgres_dsn, redis_url, monkeypatch):
    """Every connection of the client's pool is lent out, as at the peak of a burst, and one more
    request comes in. It waits for a connection and is a hit. With redis-py 8's default pool (the
    same 100 connections), it was refused at once with MaxConnectionsError, a RedisError: the
    request skipped the cache and read PostgreSQL (x-cache: unavailable); 300 GETs at once on a
    healthy Redis did that 200 times."""
    import httpx
    import redis

    _, dsn = seeded_catalogue(postgres_dsn, "optimizing_fastapi_hits")
    cache_url = redis_db(redis_url, 13)
    with redis.Redis.from_url(cache_url) as raw:
        raw.flushdb()
    monkeypatch.setenv("DATABASE_URL", dsn.replace("postgresql://", "postgresql+psycopg://"))
    monkeypatch.setenv("REDIS_URL", cache_url)
    app = fresh_fastapi_app()

    async def run() -> httpx.Response:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://catalogue") as client:
                assert (await client.get("/products/5")).headers["x-cache"] == "miss"  # now cached
                pool = app.state.cache.connection_pool
                lent = [await pool.get_connection() for _ in range(pool.max_connections)]
                asked = asyncio.Event()
                get_connection = pool.get_connection

                async def noting(*args, **kwargs):
                    asked.set()
                    return await get_connection(*args, **kwargs)

                pool.get_connection = noting
                request = asyncio.create_task(client.get("/products/5"))
                await asked.wait()  # the request has asked the full pool for a connection
                await pool.release(lent.pop())
                response = await request
                for connection in lent:
                    await pool.release(connection)
                return response

    response = asyncio.run(run())
    assert (response.status_code, response.headers["x-cache"]) == (200, "hit")
    # The client owns its pool (from_pool), so the lifespan's aclose() closed all 100 connections.
    assert redis_clients(cache_url) == []


def redis_clients(url: str) -> list[dict]:
    """The clients other than this check connected to the Redis database of `url`, once none is
    left or 30 s have passed (Redis notices a closed connection on its next turn)."""
    import redis

    with redis.Redis.from_url(url) as check:
        me, db = str(check.client_id()), url.rsplit("/", 1)[1]
        deadline = time.monotonic() + 30
        while (others := [c for c in check.client_list() if c["db"] == db and c["id"] != me]) and time.monotonic() < deadline:
            time.sleep(0.1)
    return others


@contextlib.contextmanager
def table_locked(dsn: str, table: str, seconds: float = 20):
    """Another session holds ACCESS EXCLUSIVE on `table`, as a migration's ALTER TABLE does, for
    the whole block. Only if the block is still waiting after `seconds` does it let go, so that an
    app without timeouts answers late (a 200) instead of never; the event it yields is set then.
    A test asserts that the event is not set when the answer came: the app gave up on the lock
    while it was still held. Nothing is timed."""
    holder = psycopg.connect(dsn)
    holder.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
    let_go = threading.Event()

    def release() -> None:
        let_go.set()
        holder.rollback()

    fallback = threading.Timer(seconds, release)
    fallback.start()
    try:
        yield let_go
    finally:
        fallback.cancel()
        fallback.join()
        holder.rollback()
        holder.close()


def test_a_locked_table_fails_a_request_in_seconds(catalogue):
    """Without a statement or lock timeout, a request waits for a lock as long as it is held,
    holding its pooled connection. The connections' lock_timeout (2 s) ends the wait, and the
    handler answers 503 with Retry-After: the database is busy, the app has no bug."""
    client, _, database, admin_dsn, _ = catalogue

    async def timeouts() -> list[str]:  # what every pooled connection was given at connect
        async with fastapi_app.state.engine.connect() as connection:
            return [(await connection.exec_driver_sql(f"SHOW {name}")).scalar() for name in ("lock_timeout",
                                                                                             "statement_timeout")]

    assert client.portal.call(timeouts) == ["2s", "5s"]
    with table_locked(admin_dsn.rsplit("/", 1)[0] + f"/{database}", "product") as let_go:
        busy = client.get("/products", params={"limit": 3})
        assert not let_go.is_set()  # the app gave up while the lock was still held
    assert busy.status_code == 503 and busy.headers["retry-after"] == "5"
    assert busy.json() == {"detail": "The database is busy; try again shortly."}
    assert client.get("/products", params={"limit": 3}).status_code == 200  # the pool is fine afterwards
    assert fastapi_app.state.engine.pool.timeout() == 5  # the wait for a free connection (30 s by default)


@contextlib.contextmanager
def database_hangs(admin_dsn: str, database: str):
    """PostgreSQL stops answering `database`'s connections, open or new, for the whole block: its
    backends and the postmaster (which accepts new ones) are stopped (SIGSTOP), and go on at the
    end (SIGCONT). A stopped backend enforces no timeout of its own, as a hung server does not."""
    import signal

    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        postmaster = parent_of(conn.execute("SELECT pg_backend_pid()").fetchone()[0])
    stopped = [*backends(admin_dsn, database), postmaster]
    try:
        for pid in stopped:
            os.kill(pid, signal.SIGSTOP)
        yield
    finally:
        for pid in stopped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)


def silent_database_answered_within() -> dict[str, int]:
    """The Differences table's row on a silent database: the whole seconds within which each driver's
    requests are answered 503 once the bound (its figure is the code's DATABASE_BOUND) runs out."""
    from guide_tools.website.content import DOCS
    from performance.optimizing.fastapi_app import DATABASE_BOUND

    row = re.search(r"\| The database stops answering \| `503` once the session dependency's bound \((\d+) s\) runs out: "
                    r"after (\d+) to (\d+) s with asyncpg, up to (\d+) s with psycopg",
                    (DOCS / "en/performance/optimizing.md").read_text())
    assert row, "the Differences table's row on a silent database"
    assert int(row.group(1)) == int(row.group(2)) == DATABASE_BOUND, row.group(0)
    return {"asyncpg": int(row.group(3)), "psycopg": int(row.group(4))}


def test_a_silent_database_is_a_503_in_bounded_time_and_the_pool_recovers(catalogue):
    """The database stops answering (SIGSTOP: its server enforces no timeout of its own, and the
    kernel still acknowledges every packet, so TCP never gives up). 13 requests, pool_size +
    max_overflow + 3, are held by AllAtOnce until all have arrived: ten take a connection
    (pre-ping on an open one, or connecting a new one) and hang with it, the other three wait
    `pool_timeout` (the app's 5 s) for one and are answered 503. The ten are given up on by the
    app's own bound, DATABASE_BOUND, and answered 503 as well; their connections are closed, not
    returned to the pool. Without the bound, the ten waited as long as the database was silent.
    When the database answers again, no connection is left checked out and ten requests at once
    are all answered 200 on new connections."""
    import httpx

    from guide_tools.website.content import DOCS
    from performance.optimizing.fastapi_app import DATABASE_BOUND

    # The page gives the bound in words (note 9 of the pool listing); the code's constant is that figure.
    page = (DOCS / "en/performance/optimizing.md").read_text()
    stated = re.search(r"gives the request's work with its session (\d+) s", page)
    assert stated and DATABASE_BOUND == int(stated.group(1)), (DATABASE_BOUND, stated and stated.group(0))
    client, _, database, admin_dsn, _ = catalogue
    engine = fastapi_app.state.engine
    pool = engine.pool
    assert pool.size() + pool._max_overflow == 10 and pool.timeout() == 5  # the app's own settings
    requests = pool.size() + pool._max_overflow + 3
    give_up = DATABASE_BOUND + 15
    # asyncpg closes a cancelled connection within 2 s; psycopg, cancelled in a query, first asks the server
    # to cancel it (5 s) and waits for the query's end (5 s). The Differences table gives the time per
    # driver (in whole seconds): the requests the bound gave up on are answered within it.
    late = silent_database_answered_within()[engine.dialect.driver] + 1 - DATABASE_BOUND

    async def run() -> tuple[list[tuple[int, str | None, float]], int, int, bool, bool, list[int]]:
        gate = AllAtOnce(fastapi_app)
        transport = httpx.ASGITransport(app=gate, raise_app_exceptions=False)  # a server's 500, not a raise
        async with httpx.AsyncClient(transport=transport, base_url="http://catalogue", timeout=120) as burst_client:
            async def one() -> tuple[int, str | None, float]:
                start = time.monotonic()
                response = await burst_client.get("/products", params={"limit": 1})
                return response.status_code, response.headers.get("retry-after"), time.monotonic() - start

            gate.expect(10)  # the pool keeps pool_size connections open: the database will fall silent on them
            assert {r.status_code for r in await asyncio.gather(*(burst_client.get("/products") for _ in range(10)))} == {200}
            assert len(backends(admin_dsn, database)) == pool.size()
            with database_hangs(admin_dsn, database):
                gate.expect(requests)
                tasks = [asyncio.create_task(one()) for _ in range(requests)]
                lent, deadline = 0, time.monotonic() + give_up
                while not all(task.done() for task in tasks) and time.monotonic() < deadline:
                    lent = max(lent, pool.checkedout())
                    await asyncio.sleep(0.05)
                bounded = all(task.done() for task in tasks)  # all answered while the database was silent
            await asyncio.gather(*tasks)  # without the bound, they are answered once it speaks again
            left = pool.checkedout()
            closed = steady_backends(admin_dsn, database) == set()  # the app closed every connection it had lent
            gate.expect(10)
            after = await asyncio.gather(*(burst_client.get("/products", params={"limit": 1, "after": i})
                                           for i in range(10)))
        return [task.result() for task in tasks], lent, left, closed, bounded, [r.status_code for r in after]

    silent, lent, left, closed, bounded, after = client.portal.call(run)
    assert bounded, silent
    assert lent == 10, lent  # all ten lent while the others waited
    assert [(status, retry_after) for status, retry_after, _ in silent] == [(503, "5")] * requests, silent
    elapsed = sorted(seconds for *_, seconds in silent)
    assert all(pool.timeout() <= seconds < DATABASE_BOUND for seconds in elapsed[:3]), elapsed  # the pool's wait
    assert all(DATABASE_BOUND <= seconds < DATABASE_BOUND + late for seconds in elapsed[3:]), elapsed  # the app's bound
    assert left == 0 and closed  # nothing is still checked out once the database answers again
    assert after == [200] * 10


@pytest.mark.parametrize("driver", DRIVERS)
@pytest.mark.parametrize("ends", ["returns", "raises"])
def test_a_database_silent_before_the_sessions_close_is_still_a_503_in_bounded_time(driver, postgres_dsn, redis_url,
                                                                                     monkeypatch, ends):
    """Note 9: the bound holds the session's whole life, its close included. An endpoint runs its
    query and the database falls silent (SIGSTOP) before the endpoint returns, so the session's close,
    the ROLLBACK that gives the connection back to the pool, meets the silence. Answered 503 within
    the table's time for the driver, with the app's own bound. With the session entered outside
    `asyncio.timeout`, that close has no bound, and the request waits as long as the silence lasts
    (here until the watchdog lets the database go on, bound + 15 s). `raises`: the endpoint raises after its
    query (as change_price's 404 does), and the close must still be inside the bound (a `finally`)."""
    from fastapi import HTTPException
    from sqlalchemy import text

    name, dsn = seeded_catalogue(postgres_dsn, f"optimizing_close_{driver}")
    monkeypatch.setenv("DATABASE_URL", dsn.replace("postgresql://", f"postgresql+{driver}://"))
    monkeypatch.setenv("REDIS_URL", redis_db(redis_url, 11))
    module = fresh_fastapi_module()
    silence, fall_silent = contextlib.ExitStack(), threading.Event()

    async def query_then_silence(session):
        products = await session.scalar(text("SELECT count(*) FROM product"))  # the transaction begins
        if fall_silent.is_set():
            fall_silent.clear()
            silence.enter_context(database_hangs(postgres_dsn, name))
            if ends == "raises":
                raise HTTPException(404, "No such product")
        return {"products": products}  # the dependency closes the session after this

    query_then_silence.__annotations__ = {"session": module.SessionDep}
    module.app.get("/query-then-silence")(query_then_silence)
    within = silent_database_answered_within()[driver]
    watchdog = threading.Timer(module.DATABASE_BOUND + 15, silence.close)
    with TestClient(module.app, raise_server_exceptions=False) as client:
        try:
            assert client.get("/query-then-silence").json() == {"products": 30}  # the database still answers
            fall_silent.set()
            watchdog.start()
            started = time.monotonic()
            response = client.get("/query-then-silence")
            seconds = time.monotonic() - started
            still_silent = watchdog.is_alive()
        finally:
            watchdog.cancel()
            silence.close()
        again = client.get("/query-then-silence").json()  # the database answers again, and so does the app
        left = module.app.state.engine.pool.checkedout()
    assert again == {"products": 30} and left == 0, (again, left)
    assert still_silent, f"answered {response.status_code} only once the database went on, after {seconds:.1f} s"
    assert (response.status_code, response.headers.get("retry-after")) == (503, "5"), response
    assert module.DATABASE_BOUND <= seconds < within + 1, seconds


class Undefined(Exception):
    sqlstate = "42P01"  # undefined table: a bug, not a busy database


class LockNotAvailable(Exception):
    sqlstate = "55P03"  # lock_timeout ran out


def database_error(cause: Exception):
    from sqlalchemy.exc import DBAPIError

    return DBAPIError("SELECT 1 FROM product", None, cause)


@pytest.mark.parametrize(("raised", "with_session"), [
    (lambda: TimeoutError("an HTTP call or Redis, not the database"), 500),
    (lambda: database_error(Undefined()), 500),
    (lambda: database_error(LockNotAvailable()), 503),
    (lambda: __import__("sqlalchemy.exc").exc.TimeoutError("QueuePool limit reached"), 503),
], ids=["TimeoutError", "undefined-table", "lock-timeout", "pool-timeout"])
def test_only_the_databases_own_timeouts_are_called_busy(raised, with_session, postgres_dsn, redis_url, monkeypatch):
    """There is no app-wide handler for TimeoutError: a timeout raised by anything but the database
    (an HTTP client, Redis) is a 500, in an endpoint with a session too. The session dependency
    turns the database's own timeouts into DatabaseBusy (503), and any other database error, here
    an undefined table (42P01), goes on to the server's 500, as the bug it is."""
    monkeypatch.setenv("DATABASE_URL", postgres_dsn.replace("postgresql://", "postgresql+psycopg://"))
    monkeypatch.setenv("REDIS_URL", redis_db(redis_url, 11))
    module = fresh_fastapi_module()

    async def with_a_session(session):
        raise raised()

    async def without_a_session():
        raise raised()

    with_a_session.__annotations__ = {"session": module.SessionDep}  # not a string: this file's annotations are
    module.app.get("/with-session")(with_a_session)
    module.app.get("/without")(without_a_session)

    with TestClient(module.app, raise_server_exceptions=False) as client:
        answered = client.get("/with-session")
        assert client.get("/without").status_code == 500
    assert answered.status_code == with_session
    if with_session == 503:
        assert answered.headers["retry-after"] == "5"


def test_a_statement_past_its_timeout_is_a_503_not_a_500(postgres_dsn, redis_url, monkeypatch):
    """A real statement_timeout (PostgreSQL's 57014), through the app: a query that runs longer than
    the connections' 5 s is cancelled by the server, and the session dependency calls it busy (503
    with Retry-After) before the app's own 8 s bound, instead of passing it on as a bug (500)."""
    monkeypatch.setenv("DATABASE_URL", postgres_dsn.replace("postgresql://", "postgresql+psycopg://"))
    monkeypatch.setenv("REDIS_URL", redis_db(redis_url, 11))
    module = fresh_fastapi_module()

    async def slow_query(session):
        await session.execute(__import__("sqlalchemy").text("SELECT pg_sleep(7)"))

    slow_query.__annotations__ = {"session": module.SessionDep}
    module.app.get("/slow-query")(slow_query)
    with TestClient(module.app, raise_server_exceptions=False) as client:
        start = time.monotonic()
        answered = client.get("/slow-query")
        seconds = time.monotonic() - start
    assert (answered.status_code, answered.headers.get("retry-after")) == (503, "5"), answered.text
    assert 5 <= seconds < module.DATABASE_BOUND, seconds  # the server's statement_timeout, not the app's bound


def test_the_bound_counts_every_await_of_the_endpoint(postgres_dsn, redis_url, monkeypatch):
    """Note 10: the bound wraps the endpoint's whole work while it holds the session, not only its
    queries. An endpoint with a session that waits on something else (a slow cache or upstream
    call) past the bound is answered the same 503 as a silent database; without a session, the
    same wait is answered. (The bound is shortened here to keep the test short.)"""
    monkeypatch.setenv("DATABASE_URL", postgres_dsn.replace("postgresql://", "postgresql+psycopg://"))
    monkeypatch.setenv("REDIS_URL", redis_db(redis_url, 11))
    module = fresh_fastapi_module()
    monkeypatch.setattr(module, "DATABASE_BOUND", 0.5)

    async def upstream_with_a_session(session):
        await asyncio.sleep(1)  # no query at all
        return {"upstream": "ok"}

    async def upstream_alone():
        await asyncio.sleep(1)
        return {"upstream": "ok"}

    upstream_with_a_session.__annotations__ = {"session": module.SessionDep}
    module.app.get("/with-session")(upstream_with_a_session)
    module.app.get("/without")(upstream_alone)
    with TestClient(module.app, raise_server_exceptions=False) as client:
        busy = client.get("/with-session")
        assert client.get("/without").json() == {"upstream": "ok"}
    assert (busy.status_code, busy.json()["detail"]) == (503, "The database is busy; try again shortly.")


def a_real_error(postgres_dsn: str, statement: str) -> psycopg.Error:
    """What psycopg raises for `statement` on a real connection whose statement_timeout is 50 ms."""
    with psycopg.connect(postgres_dsn, options="-c statement_timeout=50") as connection:
        with pytest.raises(psycopg.Error) as raised:
            connection.execute(statement)
    return raised.value


@pytest.mark.parametrize(("statement", "status"), [
    ("SELECT pg_sleep(1)", 503),  # 57014: statement_timeout ran out
    ("SELECT * FROM no_such_table", 500),  # 42P01: a bug
    ("SELECT 1/0", 500),  # 22012: a bug
], ids=["statement-timeout", "undefined-table", "division-by-zero"])
def test_the_drf_handler_calls_only_the_databases_timeouts_busy(statement, status, postgres_dsn):
    """Django wraps psycopg's error in its own OperationalError or ProgrammingError, with psycopg's
    as the cause; the project's exception handler reads the SQLSTATE there. A real statement
    timeout from the server becomes DatabaseBusy (503 with Retry-After); any other database error
    is left to DRF, which answers none of them, so the server's 500 follows."""
    from types import SimpleNamespace

    from django.db.utils import DatabaseErrorWrapper

    from performance.optimizing.django_app.errors import database_busy

    cause = a_real_error(postgres_dsn, statement)
    assert (cause.sqlstate == "57014") == (status == 503), cause.sqlstate
    postgresql_backend = SimpleNamespace(Database=psycopg, errors_occurred=False)  # as Django's own sets it
    with pytest.raises(Exception) as wrapped, DatabaseErrorWrapper(postgresql_backend):
        raise cause
    assert wrapped.value.__cause__ is cause
    response = database_busy(wrapped.value, {})
    if status == 503:
        assert (response.status_code, response["Retry-After"]) == (503, "5")
    else:
        assert response is None  # not handled: the view's error goes on to a 500


def burst(client: TestClient, app, paths: list[str], sample) -> tuple[list, int]:
    """Every path requested at once on the app's own event loop (the client's portal, inside its
    lifespan), each request held by AllAtOnce until all have arrived. While they run, `sample()` is
    read at every turn of the loop: (the responses, the largest value it returned)."""
    import httpx

    async def run() -> tuple[list, int]:
        gate = AllAtOnce(app)
        gate.expect(len(paths))
        peak, done = sample(), False

        async def watch() -> None:
            nonlocal peak
            while not done:
                peak = max(peak, sample())
                await asyncio.sleep(0)

        transport = httpx.ASGITransport(app=gate)
        async with httpx.AsyncClient(transport=transport, base_url="http://catalogue") as burst_client:
            watcher = asyncio.create_task(watch())
            try:
                responses = await asyncio.gather(*(burst_client.get(path) for path in paths))
            finally:
                done = True
                await watcher
        return responses, peak

    return client.portal.call(run)


def test_the_pool_reuses_connections(catalogue, outputs):
    client, _, database, admin_dsn, cache = catalogue
    cache.flushdb()  # every request below goes to PostgreSQL
    engine = fastapi_app.state.engine
    client.portal.call(engine.dispose)  # start from an empty pool, on the app's event loop
    for product_id in range(1, 21):
        assert client.get(f"/products/{product_id}").headers["x-cache"] == "miss"
    sequential = backends(admin_dsn, database)
    assert len(sequential) == 1  # one connection, checked out and returned 20 times
    # pool_pre_ping: a connection the server has dropped is noticed on checkout and replaced.
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(%s)", (next(iter(sequential)),))
    cache.flushdb()
    assert client.get("/products/1").status_code == 200
    assert backends(admin_dsn, database) != sequential
    cache.flushdb()
    # 20 misses at once on the app's event loop; the connections lent are counted while they run.
    responses, peak = burst(client, fastapi_app, [f"/products/{i}" for i in range(1, 21)], engine.pool.checkedout)
    assert [(r.status_code, r.headers["x-cache"]) for r in responses] == [(200, "miss")] * 20
    assert 2 <= peak <= 10  # they overlapped; never more than pool_size + max_overflow at once
    concurrent = backends(admin_dsn, database)
    assert 1 <= len(concurrent) <= 5  # the overflow is closed again: at most pool_size stay open
    assert engine.pool.checkedout() == 0  # every session gave its connection back
    outputs.check(f"{OUT}/fastapi_pool.txt",
                  f"20 requests, one after another: {len(sequential)} PostgreSQL connection, reused\n"
                  "that connection killed on the server: the next request still gets 200 OK (pre-ping)\n"
                  f"20 requests at once: {'2-10' if 2 <= peak <= 10 else peak} connections lent at the peak "
                  "(pool_size=5 + max_overflow=5)\n"
                  f"after them: {'1-5' if 1 <= len(concurrent) <= 5 else len(concurrent)} connections "
                  f"kept open (pool_size=5), {engine.pool.checkedout()} checked out\n")


# --------------------------------------------------------------------------- asyncpg without SQLAlchemy

# Python 3.14 adds "(missed __aenter__ method)" to this TypeError; the page shows what 3.11-3.13 say.
MISSED_METHOD = (re.compile(r" \(missed __aenter__ method\)"), "")


@pytest.fixture(scope="module")
def asyncpg_catalogue(postgres_dsn):
    name, dsn = seeded_catalogue(postgres_dsn, "optimizing_asyncpg")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("POSTGRES_DSN", dsn)
        yield name, postgres_dsn


def test_asyncpg_pool_opened_in_lifespan(asyncpg_catalogue, outputs):
    database, admin_dsn = asyncpg_catalogue
    with TestClient(asyncpg_app.app) as client:
        response = client.get("/products/3")
        assert response.status_code == 200
        assert response.json() == {"id": 3, "name": "Product 3", "price": "39.90"}
        assert client.get("/products/999").status_code == 404  # not a 200 with an error in the body
        assert client.get("/products/2147483647").status_code == 404  # the largest integer id
        assert client.get("/products/2147483648").status_code == 422  # asyncpg's DataError (a 500) without the bound
        pool = asyncpg_app.app.state.pool
        # 20 requests at once; the connections the pool holds open are counted while they run.
        responses, peak = burst(client, asyncpg_app.app, [f"/products/{i}" for i in range(1, 21)], pool.get_size)
        assert [r.status_code for r in responses] == [200] * 20
        assert 2 <= peak <= 5  # they overlapped; never more than max_size=5 open
        assert 1 <= len(backends(admin_dsn, database)) <= 5
    assert backends(admin_dsn, database) == set()  # lifespan closed the pool at shutdown
    outputs.check(f"{OUT}/asyncpg_get.txt", render(response, "GET /products/3"))


def test_async_with_connect_fails(asyncpg_catalogue, outputs):
    """The note's `async with asyncpg.connect(...)`: connect() is a coroutine function, and a
    coroutine is not an async context manager. Every request fails; nothing connects."""
    database, admin_dsn = asyncpg_catalogue
    with TestClient(asyncpg_app.app) as client, pytest.warns(RuntimeWarning) as warned:
        with pytest.raises(TypeError) as raised:
            client.get("/v1/products/3")
        error = f"{type(raised.value).__name__}: {raised.value}"
        del raised  # its traceback holds the unawaited coroutine
        gc.collect()
    assert error.startswith("TypeError: 'coroutine' object does not support the asynchronous context manager protocol")
    messages = [str(w.message) for w in warned]
    assert messages == ["coroutine 'connect' was never awaited"]
    outputs.check(f"{OUT}/asyncpg_wrong.txt", f"GET /v1/products/3\n\n{error}\nRuntimeWarning: {messages[0]}\n",
                  normalisers=[MISSED_METHOD])


def test_asyncpg_pool_bounds_each_query(asyncpg_catalogue):
    """asyncpg waits for a query as long as it takes unless the pool sets command_timeout; the
    endpoint turns that timeout into a 503 with Retry-After, not a 500."""
    database, admin_dsn = asyncpg_catalogue
    with TestClient(asyncpg_app.app) as client, table_locked(admin_dsn.rsplit("/", 1)[0] + f"/{database}", "product") as let_go:
        busy = client.get("/products/3")
        assert not let_go.is_set()  # the query was given up while the lock was still held
    assert busy.status_code == 503 and busy.headers["retry-after"] == "5"


def test_asyncpg_pool_bounds_a_silent_database(asyncpg_catalogue):
    """The database stops answering (SIGSTOP) under max_size + 3 requests at once: five hold a
    connection and are given up on by command_timeout, three wait acquire's timeout; all eight are
    503, and once the database answers again the pool lends no connection still and ten requests
    at once are all 200. The bounds are asyncpg's own, on the client's side."""
    import httpx

    database, admin_dsn = asyncpg_catalogue

    async def run() -> tuple[list[int], list[float], bool, int, list[int]]:
        async with asyncpg_app.app.router.lifespan_context(asyncpg_app.app):
            pool = asyncpg_app.app.state.pool
            gate = AllAtOnce(asyncpg_app.app)
            transport = httpx.ASGITransport(app=gate, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://catalogue", timeout=120) as client:
                async def one(path: str) -> tuple[int, float]:
                    start = time.monotonic()
                    response = await client.get(path)
                    return response.status_code, time.monotonic() - start

                gate.expect(10)
                assert {s for s, _ in await asyncio.gather(*(one(f"/products/{i}") for i in range(1, 11)))} == {200}
                requests = pool.get_max_size() + 3
                with database_hangs(admin_dsn, database):
                    gate.expect(requests)
                    tasks = [asyncio.create_task(one(f"/products/{i}")) for i in range(1, requests + 1)]
                    done, _ = await asyncio.wait(tasks, timeout=25)
                    bounded = len(done) == requests
                silent = [await task for task in tasks]
                idle = pool.get_idle_size() == pool.get_size()  # nothing lent once the database answers again
                gate.expect(10)
                after = await asyncio.gather(*(one(f"/products/{i}") for i in range(11, 21)))
        return [s for s, _ in silent], sorted(t for _, t in silent), bounded, idle, [s for s, _ in after]

    statuses, elapsed, bounded, idle, after = asyncio.run(run())
    assert bounded and statuses == [503] * 8, (statuses, elapsed)
    assert all(5 <= seconds < 20 for seconds in elapsed), elapsed
    # The three that never got a connection wait acquire's timeout, the page's 5 s, and no longer (the
    # five that did are given up on later: command_timeout, then asyncpg's wait to cancel the query).
    assert all(seconds < 5.9 for seconds in elapsed[:3]), elapsed
    assert idle
    assert after == [200] * 10


def test_asyncpg_refuses_sqlalchemys_driver_scheme():
    """The page: `+asyncpg` is SQLAlchemy's way of naming the driver; asyncpg's own DSN must be
    plain `postgresql://`. The scheme is refused before any connection is attempted."""
    import asyncpg

    with pytest.raises(asyncpg.ClientConfigurationError, match='got .postgresql\\+asyncpg.'):
        asyncio.run(asyncpg.connect("postgresql+asyncpg://user:secret@127.0.0.1:1/db"))


def test_one_connection_runs_one_query_at_a_time(asyncpg_catalogue):
    """Two queries gathered on one connection do not run side by side: asyncpg refuses the second."""
    import asyncpg

    async def run():
        conn = await asyncpg.connect(os.environ["POSTGRES_DSN"])
        try:
            with pytest.raises(asyncpg.InterfaceError, match="another operation is in progress"):
                await asyncio.gather(conn.fetch("SELECT pg_sleep(0.2)"), conn.fetch("SELECT 1"))
        finally:
            await conn.close()

    asyncio.run(run())


def test_startup_events_are_deprecated():
    from fastapi import FastAPI

    with pytest.warns(DeprecationWarning, match="on_event is deprecated, use lifespan"):
        FastAPI().on_event("startup")
    assert hasattr(importlib.import_module("redis.asyncio"), "Redis")  # aioredis lives on here


def test_orjson_response_is_deprecated():
    """FastAPI 0.130+ serializes a declared return type with Pydantic (in Rust): the custom JSON
    response classes are deprecated. orjson is not installed here, so the warning is shown with
    UJSONResponse, which carries the same deprecation."""
    from fastapi.exceptions import FastAPIDeprecationWarning
    from fastapi.responses import ORJSONResponse, UJSONResponse

    assert "serializes data directly to JSON" in ORJSONResponse.__deprecated__
    with pytest.warns(FastAPIDeprecationWarning, match="serializes data directly to JSON"):
        UJSONResponse({"ok": True})


# --------------------------------------------------------------------------- Django / DRF


def django_env(**extra: str) -> dict[str, str]:
    return {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "POSTGRES_DB": "unused", "POSTGRES_USER": "postgres",
            "POSTGRES_HOST": "127.0.0.1", "POSTGRES_PORT": "5432", **extra}


@pytest.fixture
def redis_cache(settings, redis_url, monkeypatch):
    """The project's CACHES setting (Django's own RedisCache), on a Redis database of our own."""
    for key, value in django_env(REDIS_URL=redis_db(redis_url, 12)).items():
        monkeypatch.setenv(key, value)
    project = importlib.reload(importlib.import_module(DJANGO_SETTINGS))
    settings.CACHES = project.CACHES
    settings.ROOT_URLCONF = DJANGO_URLS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests only
    from django.core.cache import caches

    cache = caches["default"]
    cache.clear()
    assert type(cache).__name__ == "FailSoftRedisCache"
    yield cache
    cache.clear()


@pytest.fixture
def products(db):
    from performance.optimizing.django_app.models import Product as DjangoProduct

    return DjangoProduct.objects.bulk_create(
        DjangoProduct(name=f"Product {i}", price=Decimal(f"{i}9.90"), supplier_cost=Decimal(f"{i}1.00"))
        for i in range(1, 26)
    )


def basic(username: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:pw-{username}".encode()).decode()


def test_cursor_pagination_bounds_the_list(products, client, settings, outputs, django_assert_num_queries):
    settings.ROOT_URLCONF = DJANGO_URLS
    with django_assert_num_queries(1):  # one page, one query (no COUNT with a cursor)
        first = client.get("/products/")
    data = first.json()
    assert len(data["results"]) == 20 and data["previous"] is None and "cursor=" in data["next"]
    assert set(data["results"][0]) == {"id", "name", "price"}
    second = client.get(data["next"])
    assert len(second.json()["results"]) == 5 and second.json()["next"] is None
    shown = {"next": data["next"], "previous": None, "results": data["results"][:2] + ["…18 more…"]}
    import json

    outputs.check(f"{OUT}/drf_cursor.txt", "GET /products/\n\nHTTP/1.1 200 OK\n\n"
                  + json.dumps(shown, indent=2, ensure_ascii=False) + "\n")


@pytest.mark.parametrize("position", ["abc", "1\x00", "", "-1", "2.5"])
def test_a_cursor_the_client_wrote_is_a_404_not_a_500(products, client, settings, position):
    """The cursor is base64 of `p=<id>`, which anyone can write. DRF checks the offset and the
    direction in it, not the position: `p=abc` reached the query, and Django's ValueError
    ("Field 'id' expected a number") was a 500."""
    settings.ROOT_URLCONF = DJANGO_URLS
    cursor = base64.b64encode(f"p={position}".encode("latin-1")).decode()
    response = client.get("/products/", {"cursor": cursor})
    assert (response.status_code, response.json()) == (404, {"detail": "Invalid cursor"})


def test_a_cursor_past_the_last_id_is_an_empty_page(products, client, settings):
    """The largest id the column holds is a position like any other; one past it is refused, as
    FastAPI's `after` is (le=2**31 - 1)."""
    settings.ROOT_URLCONF = DJANGO_URLS
    for position, status in ((2**31 - 1, 200), (2**31, 404), (2**63, 404)):
        cursor = base64.b64encode(f"p={position}".encode()).decode()
        response = client.get("/products/", {"cursor": cursor})
        assert response.status_code == status, position
    assert response.json() == {"detail": "Invalid cursor"}


def cursor_samples(count: int, seed: int = 48) -> list[str]:
    """Cursors a client could write, seeded: a base64 query string of p (position), o (offset) and
    r (reverse) whose values mix digits, signs, spaces, dots, NULs, non-ASCII digits and letters, at
    lengths around the id column's ten digits and Python's int() limit of 4,300; and raw text that
    is not base64 at all."""
    import random
    from urllib.parse import urlencode

    rng = random.Random(seed)
    alphabet = "0123456789" * 4 + "-+ ._x\x00\u0663\uff11e"
    lengths = [*range(13), 4300, 4301, 5000]

    def value() -> str:
        length = rng.choice(lengths)
        if rng.random() < 0.5:  # all digits: the case a number check lets through
            return "".join(rng.choice("0123456789") for _ in range(length))
        return "".join(rng.choice(alphabet) for _ in range(length))

    samples = []
    for _ in range(count):
        fields = {key: value() for key in "por" if rng.random() < (0.95 if key == "p" else 0.3)}
        query = urlencode(fields)
        if rng.random() < 0.1:
            samples.append(query)  # not base64
        else:
            samples.append(base64.b64encode(query.encode()).decode())
    return samples


def test_no_cursor_a_client_writes_is_a_500(products, client, settings):
    """The rule, not a list of cases: whatever cursor a client sends, the answer is a page (200) or
    DRF's `Invalid cursor` (404). A position of 5,000 digits passed `isdecimal()` and then failed
    `int()` (Python refuses more than 4,300 digits) with a 500."""
    settings.ROOT_URLCONF = DJANGO_URLS
    long_position = base64.b64encode(b"p=" + b"7" * 5000).decode()
    statuses = collections.Counter()
    for cursor in [long_position, *cursor_samples(300)]:
        response = client.get("/products/", {"cursor": cursor})
        assert response.status_code in (200, 404), cursor[:80]
        statuses[response.status_code] += 1
    assert statuses[200] and statuses[404]  # both kinds of answer were met


def test_private_after_caching_marks_a_plain_http_response_too(db, settings):
    """The decorator on a view that returns a plain HttpResponse (nothing is rendered later, and it
    has no add_post_render_callback): the response is stored by cache_page, then marked private."""
    from django.http import HttpResponse
    from django.test import RequestFactory
    from django.views.decorators.cache import cache_page
    from django.views.decorators.vary import vary_on_cookie
    from performance.optimizing.django_app.views import private_after_caching

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"private-{uuid.uuid4()}"}}
    calls = []

    @private_after_caching
    @cache_page(60)
    @vary_on_cookie
    def greeting(request):
        calls.append(request.path)
        return HttpResponse("hello")

    responses = [greeting(RequestFactory().get("/greeting/", HTTP_COOKIE="sessionid=s1")) for _ in range(2)]
    assert calls == ["/greeting/"]  # the second came from the cache
    for response in responses:
        assert response.content == b"hello"
        assert {d.strip() for d in response["Cache-Control"].split(",")} == {"max-age=60", "private"}


def test_page_number_pagination_counts_every_time(products, django_assert_num_queries):
    """PageNumberPagination runs a COUNT(*) for every page; CursorPagination does not (above)."""
    from performance.optimizing.django_app.views import ProductList
    from rest_framework.pagination import PageNumberPagination
    from rest_framework.test import APIRequestFactory

    class Numbered(PageNumberPagination):
        page_size = 20

    view = ProductList.as_view(pagination_class=Numbered)
    with django_assert_num_queries(2) as captured:
        response = view(APIRequestFactory().get("/products/", {"page": 2}))
    assert response.data["count"] == 25 and len(response.data["results"]) == 5
    assert "COUNT(*)" in captured.captured_queries[0]["sql"]


def test_cache_page_serves_a_public_list_from_redis(products, client, redis_cache, django_assert_num_queries):
    with django_assert_num_queries(1):
        first = client.get("/cached/products/")
    with django_assert_num_queries(0):  # the whole response came from Redis
        again = client.get("/cached/products/")
    assert again.content == first.content
    assert again["Cache-Control"] == "max-age=60"


def test_cache_page_without_vary_leaks_another_users_response(db, client, redis_cache, outputs):
    from django.contrib.auth.models import User
    from django.test import Client

    alice, bob = (User.objects.create_user(name, password=f"pw-{name}") for name in ("alice", "bob"))
    as_alice, as_bob = Client(), Client()
    as_alice.force_login(alice)
    as_bob.force_login(bob)
    first = as_alice.get("/me-wrong/")
    leaked = as_bob.get("/me-wrong/")
    assert first.json() == leaked.json() == {"username": "alice"}  # bob was served alice's page
    assert client.get("/me-wrong/").status_code == 403  # authentication still runs first
    outputs.check(f"{OUT}/drf_leak.txt", render(leaked, "GET /me-wrong/   (bob's session cookie)", headers=HEADERS))
    assert as_alice.get("/me/").json() == {"username": "alice"}
    right = as_bob.get("/me/")
    assert right.json() == {"username": "bob"} and "Cookie" in right["Vary"]
    outputs.check(f"{OUT}/drf_vary.txt", render(right, "GET /me/   (bob's session cookie)", headers=HEADERS))


def test_a_per_user_response_is_private_yet_cached_by_django(db, redis_cache):
    """`private` keeps shared caches (a CDN, a proxy that ignores Vary: Cookie) from storing /me/;
    set outside cache_page, it still lets Django's own cache keep one copy per session."""
    from django.contrib.auth.models import User
    from django.test import Client

    erin = User.objects.create_user("erin", password="pw-erin")
    as_erin = Client()
    as_erin.force_login(erin)
    first = as_erin.get("/me/")
    User.objects.filter(pk=erin.pk).update(username="erin2")
    again = as_erin.get("/me/")
    assert again.json() == first.json() == {"username": "erin"}  # the view did not run again: a cached copy
    for response in (first, again):
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert directives == {"max-age=60", "private"} and "Cookie" in response["Vary"]


def test_django_varies_on_authorization_by_itself(db, client, redis_cache):
    """Since the request carries an Authorization header, the cache adds Vary: Authorization."""
    from django.contrib.auth.models import User

    for name in ("carol", "dave"):
        User.objects.create_user(name, password=f"pw-{name}")
    assert client.get("/me-wrong/", HTTP_AUTHORIZATION=basic("carol")).json() == {"username": "carol"}
    dave = client.get("/me-wrong/", HTTP_AUTHORIZATION=basic("dave"))
    assert dave.json() == {"username": "dave"} and "Authorization" in dave["Vary"]


def test_get_or_set_skips_the_query(products, client, redis_cache, redis_url, django_assert_num_queries, outputs):
    import redis

    with django_assert_num_queries(1):
        first = client.get("/products/summary/")
    with django_assert_num_queries(0):
        second = client.get("/products/summary/")
    assert first.json() == second.json() == {"products": 25, "highest_price": 259.9}
    # Note 1 of the listing states the entry's lifetime and its key in Redis: read there, so code and page cannot drift.
    page = (DOCS / "en/performance/optimizing.md").read_text(encoding="utf-8")
    seconds = re.search(r"calls `product_summary` and stores its result for (\d+) seconds", page)
    key = re.search(r"The key in Redis is `([^`]+)`", page)
    assert seconds and key, "note 1 of the get_or_set listing no longer states the TTL and the key"
    with redis.Redis.from_url(redis_db(redis_url, 12)) as raw:
        assert raw.keys("*") == [key.group(1).encode()]  # the only entry, under the page's name
        ttl = raw.ttl(key.group(1))
    assert int(seconds.group(1)) - 10 <= ttl <= int(seconds.group(1)), (ttl, seconds.group(0))
    outputs.check(f"{OUT}/drf_summary.txt", render(second, "GET /products/summary/"))


def test_the_fail_soft_cache_keeps_djangos_default_timeout(redis_cache, redis_url):
    """A set() or add() without a timeout expires after the cache's TIMEOUT (300 s by default), as
    with Django's own backend. Overridden with `timeout=None`, the default Django reads as "never
    expire", both stored the value for ever."""
    import redis

    redis_cache.set("plain", 1)
    assert redis_cache.add("added", 1) is True
    with redis.Redis.from_url(redis_db(redis_url, 12)) as raw:
        ttls = [raw.ttl(redis_cache.make_key(key)) for key in ("plain", "added")]
    assert all(0 < ttl <= 300 for ttl in ttls), ttls


def test_a_new_cache_version_does_not_read_the_previous_releases_entries(products, client, redis_cache, settings,
                                                                        django_assert_num_queries):
    """During a rolling deploy both releases share Redis. One that stores something else under a
    key (here a summary without `highest_price`) raises CACHES' VERSION: each release then reads
    only its own entries, instead of the new one serving the old shape (or the old one the new)."""
    from django.core.cache import caches

    redis_cache.set("products:summary", {"products": 25}, version=1)  # what the previous release cached
    settings.CACHES = {"default": {**settings.CACHES["default"], "VERSION": 2}}
    with django_assert_num_queries(1):  # a miss: computed again, not the previous release's entry
        assert client.get("/products/summary/").json() == {"products": 25, "highest_price": 259.9}
    assert caches["default"].get("products:summary", version=1) == {"products": 25}  # still there for it


@contextlib.contextmanager
def refusing_redis():
    """A port nothing listens on: a Redis that is down (or restarting)."""
    yield BrokenRedis(f"redis://127.0.0.1:{free_port()}/0")


@pytest.fixture
def redis_calls(monkeypatch) -> list[str]:
    """The calls FailSoftRedisCache passed on to Django's RedisCache, which sends them to Redis; the
    pause after a failure starts empty and the clock stands still (nothing here depends on speed)."""
    from django.core.cache.backends.redis import RedisCache
    from performance.optimizing.django_app import cache as module

    monkeypatch.setattr(module.FailSoftRedisCache, "paused_until", {}, raising=False)
    monkeypatch.setattr(module, "monotonic", lambda: 1000.0, raising=False)
    calls: list[str] = []
    for name in ("get", "set", "add", "delete"):
        def counted(self, *args, _name=name, _real=getattr(RedisCache, name), **kwargs):
            calls.append(_name)
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(RedisCache, name, counted)
    return calls


@pytest.mark.parametrize("redis_state", [refusing_redis, unanswering_redis], ids=["down", "hanging"])
def test_django_treats_a_failing_redis_as_a_miss(redis_state, products, client, settings, monkeypatch, redis_calls):
    """Django's built-in RedisCache lets every RedisError through, after redis-py's 5 s timeouts:
    a cache outage would be a 500 on every cached view. The project's backend makes it a miss, and
    then leaves Redis alone: of the six calls the two views make (get_or_set: get, add, get;
    cache_page: get, set, set), only the first goes to Redis. Without the pause, a hanging Redis
    made each of them wait for two tries of 0.25 s: 1.5 s of a sync worker per cached view."""
    from django.core.cache import caches

    with redis_state() as redis_:
        for key, value in django_env(REDIS_URL=redis_.url).items():
            monkeypatch.setenv(key, value)
        project = importlib.reload(importlib.import_module(DJANGO_SETTINGS))
        settings.CACHES = project.CACHES
        settings.ROOT_URLCONF = DJANGO_URLS
        summary = client.get("/products/summary/")
        listed = client.get("/cached/products/")
        caches["default"].close()
        tries = redis_.tries() if redis_.listener else None
    assert summary.status_code == 200 and summary.json() == {"products": 25, "highest_price": 259.9}
    assert listed.status_code == 200 and len(listed.json()["results"]) == 20
    assert redis_calls == ["get"]
    assert tries == (2 if redis_.listener else None)  # hanging: one call, two tries (retries=1)


def test_pool_refuses_persistent_connections():
    from django.core.exceptions import ImproperlyConfigured
    from django.db.backends.postgresql.base import DatabaseWrapper

    wrapper = DatabaseWrapper({"CONN_MAX_AGE": 60, "OPTIONS": {"pool": True}}, alias="pool-check")
    with pytest.raises(ImproperlyConfigured, match="Pooling doesn't support persistent connections"):
        _ = wrapper.pool


def test_max_conns_is_not_a_django_option():
    """OPTIONS go to psycopg as connection parameters: an invented one is refused by libpq."""
    from psycopg import ProgrammingError
    from psycopg.conninfo import make_conninfo

    with pytest.raises(ProgrammingError, match="invalid connection option"):
        make_conninfo("", dbname="shop", MAX_CONNS=20)


def test_default_pagination_setting():
    env = django_env(REDIS_URL="redis://127.0.0.1:6379/0")
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        project = importlib.reload(importlib.import_module(DJANGO_SETTINGS))
    from rest_framework.pagination import PageNumberPagination

    assert project.REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"].endswith(PageNumberPagination.__name__)
    # Without a page size the pagination class does not paginate at all.
    unsized = PageNumberPagination()
    unsized.page_size = None
    assert unsized.paginate_queryset([1, 2, 3], request=None) is None
    assert project.DATABASES["default"]["OPTIONS"]["pool"]["max_size"] == 4


@pytest.fixture(scope="module")
def django_database(postgres_dsn, redis_url):
    """A PostgreSQL database whose schema Django's migrate created, and the env the settings read."""
    name, dsn = create_database(postgres_dsn, "optimizing_django")
    parts = urlsplit(dsn)
    env = {**os.environ, **python_env(), **django_env(
        POSTGRES_DB=name, POSTGRES_USER=parts.username, POSTGRES_HOST=parts.hostname, POSTGRES_PORT=str(parts.port),
        REDIS_URL=redis_db(redis_url, 12), DJANGO_ALLOWED_HOSTS="127.0.0.1")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    migrate = subprocess.run([sys.executable, "-m", "django", "migrate", "--run-syncdb", "--settings", DJANGO_SETTINGS],
                             cwd=SNIPPETS, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert migrate.returncode == 0, migrate.stderr
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("INSERT INTO optimizing_shop_product (name, price, supplier_cost) VALUES ('Lamp', 19.90, 11.00)")
    return name, postgres_dsn, env


def steady_backends(admin_dsn: str, database: str) -> set[int]:
    """The backends connected to `database` once the set has not changed for a second."""
    last, since = backends(admin_dsn, database), time.monotonic()
    deadline = since + 30
    while time.monotonic() - since < 1:
        assert time.monotonic() < deadline, "the connections never settled"
        time.sleep(0.1)
        if (now := backends(admin_dsn, database)) != last:
            last, since = now, time.monotonic()
    return last


def requests_and_backends(server, admin_dsn: str, database: str) -> list[set[int]]:
    """A warm-up request, then three one after another; the backends left connected after each."""
    seen = []
    for _ in range(4):
        assert httpx2.get(f"{server.url}/products/", timeout=30).json()["results"][0]["name"] == "Lamp"
        seen.append(steady_backends(admin_dsn, database))
    return seen[1:]


# One sync worker serving Django's WSGI application (gunicorn calls the factory).
GUNICORN = 'gunicorn --workers 1 --bind "127.0.0.1:$PORT" "django.core.wsgi:get_wsgi_application()"'


def test_django_pool_keeps_the_same_connections(django_database, tmp_path, outputs):
    database, admin_dsn, env = django_database
    with run_server(GUNICORN, cwd=SNIPPETS, env={**env, "DJANGO_SETTINGS_MODULE": DJANGO_SETTINGS}) as server:
        pooled = requests_and_backends(server, admin_dsn, database)
    # The very same backends stay connected between requests: at least min_size, at most max_size.
    assert pooled[0] == pooled[1] == pooled[2] and 2 <= len(pooled[0]) <= 4
    # The same project without OPTIONS["pool"] (CONN_MAX_AGE=0): each request connects and disconnects.
    (tmp_path / "nopool_settings.py").write_text(
        f"from {DJANGO_SETTINGS} import *  # noqa: F403\n"
        'DATABASES["default"]["OPTIONS"] = {}  # noqa: F405\n')
    env = {**env, "PYTHONPATH": f"{tmp_path}{os.pathsep}{SNIPPETS}"}
    with run_server(GUNICORN, cwd=SNIPPETS, env={**env, "DJANGO_SETTINGS_MODULE": "nopool_settings"}) as server:
        unpooled = requests_and_backends(server, admin_dsn, database)
    assert unpooled == [set(), set(), set()]  # each request closed its own connection at its end
    # psycopg_pool may open one more than min_size while the first request waits: shown as a range.
    lines = [f"with OPTIONS['pool']:     after request {i}: {'2-4' if 2 <= len(b) <= 4 else len(b)} connections "
             f"open, the same ones as after request 1: {'yes' if b == pooled[0] else 'no'}" for i, b in enumerate(pooled, 1)]
    lines += [f"without (CONN_MAX_AGE=0): after request {i}: {len(b)} connections open" for i, b in enumerate(unpooled, 1)]
    outputs.check(f"{OUT}/django_pool.txt", "\n".join(lines) + "\n")


def database_restarted(admin_dsn: str, database: str) -> None:
    """What a restart does to a pool: every connection it holds is closed by the server."""
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                     "AND pid <> pg_backend_pid()", (database,))
    assert steady_backends(admin_dsn, database) == set()


def statuses_after_a_restart(settings_module: str, env: dict[str, str], admin_dsn: str, database: str) -> list[int]:
    with run_server(GUNICORN, cwd=SNIPPETS, env={**env, "DJANGO_SETTINGS_MODULE": settings_module}) as server:
        assert httpx2.get(f"{server.url}/products/", timeout=30).status_code == 200
        steady_backends(admin_dsn, database)  # the pool has filled up to min_size
        database_restarted(admin_dsn, database)
        return [httpx2.get(f"{server.url}/products/", timeout=30).status_code for _ in range(3)]


def test_pool_health_checks_replace_dead_connections(django_database, tmp_path):
    """CONN_HEALTH_CHECKS (off by default) makes Django give psycopg_pool a check: without it, the
    pool lends the connections a database restart killed, and requests fail with 500."""
    database, admin_dsn, env = django_database
    assert statuses_after_a_restart(DJANGO_SETTINGS, env, admin_dsn, database) == [200, 200, 200]
    (tmp_path / "unchecked_settings.py").write_text(
        f"from {DJANGO_SETTINGS} import *  # noqa: F403\n"
        'DATABASES["default"]["CONN_HEALTH_CHECKS"] = False  # noqa: F405  (Django\'s default)\n')
    env = {**env, "PYTHONPATH": f"{tmp_path}{os.pathsep}{SNIPPETS}"}
    assert 500 in statuses_after_a_restart("unchecked_settings", env, admin_dsn, database)


def project_settings(env: dict[str, str], monkeypatch):
    """The project's settings module as the server reads it, with the env of `django_database`."""
    for key in ("DJANGO_SECRET_KEY", "POSTGRES_DB", "POSTGRES_USER", "POSTGRES_HOST", "POSTGRES_PORT", "REDIS_URL"):
        monkeypatch.setenv(key, env[key])
    return importlib.reload(importlib.import_module(DJANGO_SETTINGS))


def test_django_gives_up_on_a_locked_table_in_seconds(django_database, monkeypatch):
    """The settings' lock_timeout: a request that meets a table lock fails after 2 s instead of
    holding its worker, and a pooled connection, for as long as the lock is held; the exception
    handler answers it 503 with Retry-After, not 500."""
    database, admin_dsn, env = django_database
    options = project_settings(env, monkeypatch).DATABASES["default"]["OPTIONS"]["options"]
    with psycopg.connect(admin_dsn.rsplit("/", 1)[0] + f"/{database}", options=options) as connection:
        assert [connection.execute(f"SHOW {name}").fetchone()[0] for name in ("lock_timeout",
                                                                              "statement_timeout")] == ["2s", "5s"]
    with run_server(GUNICORN, cwd=SNIPPETS, env={**env, "DJANGO_SETTINGS_MODULE": DJANGO_SETTINGS}) as server:
        assert httpx2.get(f"{server.url}/products/", timeout=30).status_code == 200
        with table_locked(admin_dsn.rsplit("/", 1)[0] + f"/{database}", "optimizing_shop_product") as let_go:
            busy = httpx2.get(f"{server.url}/products/", timeout=60)
            held = not let_go.is_set()  # the request gave up while the lock was still held
    status, retry_after = busy.status_code, busy.headers.get("retry-after")
    assert status == 503 and retry_after == "5" and held, (status, retry_after, held)


def test_a_thread_past_the_pool_waits_its_timeout_then_fails(django_database, django_db_blocker, monkeypatch):
    """The project's pool lends at most max_size connections per process, and a request keeps its
    connection until it ends. One more thread than that (a gthread worker's --threads, or ASGI's
    thread per request) waits `timeout` seconds and fails with OperationalError, a 500. The holders
    give their connections back only after that, so nothing here depends on timing."""
    from django.db import OperationalError
    from django.db.utils import ConnectionHandler

    database, admin_dsn, env = django_database
    project = project_settings(env, monkeypatch)
    pool = project.DATABASES["default"]["OPTIONS"]["pool"]
    handler = ConnectionHandler({"default": {"ENGINE": "django.db.backends.dummy"},
                                 "pool-limit": project.DATABASES["default"]})
    failed = threading.Event()
    outcomes: list[str] = []

    def request() -> None:
        connection = handler["pool-limit"]  # one per thread, as Django gives each request's thread
        try:
            connection.ensure_connection()
            outcomes.append("connected")
            failed.wait(30)  # the request is still running: its connection stays lent
        except OperationalError as error:
            outcomes.append(f"{type(error).__name__}: {error}")
            failed.set()
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(pool["max_size"] + 1)]
    with django_db_blocker.unblock():  # the project's own database, not pytest-django's
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        handler["pool-limit"].close_pool()
    assert sorted(outcomes) == [f"OperationalError: couldn't get a connection after {pool['timeout']:.2f} sec",
                                *["connected"] * pool["max_size"]]
    assert steady_backends(admin_dsn, database) == set()


ASGI_SERVER = 'uvicorn --factory django.core.asgi:get_asgi_application --host 127.0.0.1 --port "$PORT"'


def test_limit_concurrency_sized_to_the_pool_refuses_while_the_pool_is_idle(django_database, monkeypatch):
    """Note 2 of the pool listing (and async_io.md's table): under ASGI, Uvicorn's --limit-concurrency
    is no bound for the pool. The project under Uvicorn with the limit set to the pool's max_size,
    behind a proxy that keeps its upstream connections open: with max_size - 1 of them idle, nothing
    in flight and no connection lent, a new request is answered 503 by Uvicorn (no Retry-After,
    which the project's errors.py would add), not served."""
    from guide_tools.website.content import DOCS

    optimizing = re.sub(r"\s+", " ", (DOCS / "en/performance/optimizing.md").read_text())
    async_io = re.sub(r"\s+", " ", (DOCS / "en/performance/async_io.md").read_text())
    assert "Uvicorn's `--limit-concurrency` is no such bound" in optimizing
    assert "There the pool's `timeout` is the bound." in optimizing
    assert "Uvicorn's `--limit-concurrency` is no bound for them" in async_io
    database, admin_dsn, env = django_database
    pool = project_settings(env, monkeypatch).DATABASES["default"]["OPTIONS"]["pool"]
    limited = f"{ASGI_SERVER} --limit-concurrency {pool['max_size']}"
    with run_server(limited, cwd=SNIPPETS, env={**env, "DJANGO_SETTINGS_MODULE": DJANGO_SETTINGS}) as server:
        idle = [httpx2.Client(base_url=server.url, timeout=30) for _ in range(pool["max_size"] - 1)]
        try:
            assert [client.get("/products/").status_code for client in idle] == [200] * len(idle)  # kept open
            time.sleep(0.5)
            with psycopg.connect(admin_dsn, autocommit=True) as conn:  # what the app's connections are doing
                busy = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND state <> 'idle' "
                                    "AND pid <> pg_backend_pid()", (database,)).fetchone()[0]
            refused = httpx2.get(f"{server.url}/products/", timeout=30)
        finally:
            for client in idle:
                client.close()
        time.sleep(0.5)
        served = httpx2.get(f"{server.url}/products/", timeout=30).status_code  # once the idle ones are gone
    assert busy == 0, busy  # the database was idle: no request was using a connection
    assert refused.status_code == 503 and "retry-after" not in refused.headers, (refused, refused.headers)
    assert refused.text == "Service Unavailable"  # Uvicorn's own answer
    assert served == 200


@pytest.mark.parametrize("server", ["gthread", "uvicorn"])
def test_requests_past_the_django_pool_are_a_503(django_database, monkeypatch, server):
    """The project under Gunicorn with max_size + 3 threads, or under Uvicorn (ASGI, a thread per
    request, nothing bounding them), its pool's connections all open, and the
    database falls silent (SIGSTOP). As many requests as threads come in at once: one per open
    connection takes it and hangs (Django's sync psycopg has no bound of its own: the check the pool
    runs before lending waits as long as the server is stopped), and every other waits the pool's
    `timeout` and is answered 503 with Retry-After by the exception handler, not 500. When the
    database answers again, the ones that hung are answered 200."""
    from concurrent.futures import ThreadPoolExecutor

    database, admin_dsn, env = django_database
    pool = project_settings(env, monkeypatch).DATABASES["default"]["OPTIONS"]["pool"]
    requests = pool["max_size"] + 3
    threaded = GUNICORN.replace("--workers 1", f"--workers 1 --threads {requests}")
    with run_server(threaded if server == "gthread" else ASGI_SERVER, cwd=SNIPPETS, env={**env, "DJANGO_SETTINGS_MODULE": DJANGO_SETTINGS}) as server:
        def get(_: int) -> tuple[int, str | None, float]:
            start = time.monotonic()
            response = httpx2.get(f"{server.url}/products/", timeout=120)
            return response.status_code, response.headers.get("retry-after"), time.monotonic() - start

        with ThreadPoolExecutor(requests) as clients:
            assert {status for status, *_ in clients.map(get, range(3 * requests))} == {200}  # the pool grows
            lent = len(steady_backends(admin_dsn, database))
            assert 2 <= lent <= pool["max_size"]
            with database_hangs(admin_dsn, database):
                futures = [clients.submit(get, i) for i in range(requests)]
                deadline = time.monotonic() + pool["timeout"] + 10
                while sum(future.done() for future in futures) < requests - lent and time.monotonic() < deadline:
                    time.sleep(0.1)
                time.sleep(1)  # one more answer now would be a request that did not wait for a connection
                answered = [future for future in futures if future.done()]
            while_silent = [future.result() for future in answered]
            afterwards = [future.result() for future in futures if future not in answered]
        again = httpx2.get(f"{server.url}/products/", timeout=30).status_code
    assert [(status, retry_after) for status, retry_after, _ in while_silent] == [(503, "5")] * (requests - lent)
    assert all(pool["timeout"] <= seconds < pool["timeout"] + 3 for *_, seconds in while_silent), while_silent
    assert len(afterwards) == lent and {status for status, *_ in afterwards} == {200}, afterwards
    assert again == 200


# --------------------------------------------------------------------------- what older examples claim


def test_drf_views_cannot_be_async(db):
    """An `async def get` on a DRF APIView is not awaited by DRF: the view fails instead of answering."""
    import asyncio
    import gc
    import warnings

    from rest_framework.response import Response
    from rest_framework.test import APIRequestFactory
    from rest_framework.views import APIView

    class AsyncLooking(APIView):
        authentication_classes = []
        permission_classes = []

        async def get(self, request):
            return Response({"never": "sent"})

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # the handler's coroutine is never awaited
        with pytest.raises(AssertionError, match="received a `<class 'coroutine'>`"):
            asyncio.run(AsyncLooking.as_view()(APIRequestFactory().get("/")))
        gc.collect()


def test_querysets_have_no_aall():
    """Async ORM access is `async for` and the a-prefixed methods (aget, acount, …); there is no aall()."""
    from django.db.models import QuerySet

    assert not hasattr(QuerySet, "aall")
    assert all(hasattr(QuerySet, name) for name in ("__aiter__", "aget", "acount", "aexists"))


# --------------------------------------------------------------------------- psycopg 3 or asyncpg: the figures


def test_driver_figures_come_from_the_results_file(outputs):
    """The page's table is drivers.table() of the committed drivers.json (a run by hand, never a timed test)."""
    results = json.loads((SNIPPETS / "performance/optimizing/drivers.json").read_text())
    rows = [(run["workers"], run["driver"]) for run in results["runs"]]
    counts = results["settings"]["worker_counts"]
    assert rows == [(count, driver) for count in counts for driver in drivers.DRIVERS]
    for run in results["runs"]:
        assert len(run["repeats"]) == results["settings"]["repeats"]
        # The page: every answer was a correct 200; the errors are wrk's 5 s timeouts.
        assert all(r["non_2xx_3xx"] == 0 and r["socket_errors"] == r["errors"]["timeout"] for r in run["repeats"])
    outputs.check(f"{OUT}/drivers.txt", drivers.table(results))


def test_what_the_page_says_about_the_driver_figures_holds():
    """The page reads the committed run: begun on an idle machine; with two workers asyncpg about a tenth
    faster, each of its runs faster than each of psycopg's; with one worker a higher median but overlapping
    ranges, a p99 in seconds and a few requests that wrk gave up on after its 5-second timeout (no other
    socket error); only 200s; and the Benchmarks page's idle figure for
    the same app, endpoint and worker count close to this run's psycopg figure."""
    results = json.loads((SNIPPETS / "performance/optimizing/drivers.json").read_text())
    assert results["machine"]["cores"] == 2 and results["machine"]["load_average"][0] < 2
    runs = {(run["workers"], run["driver"]): run["repeats"] for run in results["runs"]}
    rps = {key: [r["rps"] for r in repeats] for key, repeats in runs.items()}
    median = {key: statistics.median(values) for key, values in rps.items()}
    assert 1.05 <= median[(2, "asyncpg")] / median[(2, "psycopg")] <= 1.15  # about a tenth
    assert min(rps[(2, "asyncpg")]) > max(rps[(2, "psycopg")])
    assert median[(1, "asyncpg")] > median[(1, "psycopg")]
    assert max(rps[(1, "psycopg")]) >= min(rps[(1, "asyncpg")]) and max(rps[(1, "asyncpg")]) >= min(rps[(1, "psycopg")])
    assert all(statistics.median(r["p99_ms"] for r in runs[(1, driver)]) > 1000 for driver in drivers.DRIVERS)
    assert 0 < sum(r["socket_errors"] for driver in drivers.DRIVERS for r in runs[(1, driver)]) <= 20
    # Every counted error is wrk's timeout (an answer slower than --timeout), none a broken socket.
    assert all(r["socket_errors"] == r["errors"]["timeout"] for repeats in runs.values() for r in repeats)
    assert "--timeout=5s" in (SNIPPETS / "performance/bench/harness.py").read_text()
    assert all(r["non_2xx_3xx"] == 0 for repeats in runs.values() for r in repeats)
    bench = json.loads((SNIPPETS / "performance/bench/results.json").read_text())
    (idle,) = [run for run in bench["runs"] if (run["target"], run["endpoint"], run["workers"]) == ("fastapi", "products", 1)]
    assert 0.67 <= statistics.median(r["rps"] for r in idle["repeats"]) / median[(1, "psycopg")] <= 1.5


@pytest.mark.slow
def test_drivers_script_runs_both_drivers(bench_dsn, wrk, tmp_path):  # noqa: F811
    """A smoke run: one short wrk run per driver (figures that mean nothing), both rows printed. The
    results' date is an aware UTC time, run in a time zone that is not UTC (the table prints its day)."""
    import datetime

    output = tmp_path / "drivers.json"
    started = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    done = subprocess.run(
        [sys.executable, "-m", "performance.optimizing.drivers", "--duration", "1", "--warmup", "1", "--repeats", "1",
         "--workers", "1", "--connections", "4", "--wrk-threads", "1", "--database-url", bench_dsn,
         "--output", str(output)],
        cwd=SNIPPETS, env=bench_env(TZ="Asia/Seoul"), capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    results = json.loads(output.read_text())
    date = datetime.datetime.fromisoformat(results["date"])
    assert date.utcoffset() == datetime.timedelta(0), results["date"]
    assert started <= date <= datetime.datetime.now(datetime.UTC), results["date"]
    assert [(run["workers"], run["driver"], len(run["repeats"])) for run in results["runs"]] == [
        (1, "psycopg", 1), (1, "asyncpg", 1)]
    assert all(run["repeats"][0]["requests"] > 0 and run["repeats"][0]["non_2xx_3xx"] == 0 for run in results["runs"])
    assert done.stdout == drivers.table(results)
    assert re.search(r"^ +1  psycopg ", done.stdout, re.MULTILINE) and re.search(r"^ +1  asyncpg ", done.stdout, re.MULTILINE)


@pytest.mark.parametrize("driver", drivers.DRIVERS)
def test_the_benchmark_app_uses_the_driver_it_is_given(driver, bench_dsn, monkeypatch):  # noqa: F811
    """The one change the comparison needs: BENCH_ASYNC_DRIVER picks SQLAlchemy's driver, and the
    endpoint answers the same rows with either."""
    from performance.bench import database
    from performance.bench.catalog import PRODUCT_COUNT, products
    from performance.bench.fastapi_app import app

    database.seed(bench_dsn)
    monkeypatch.setenv("BENCH_DATABASE_URL", bench_dsn)
    monkeypatch.setenv("BENCH_ASYNC_DRIVER", driver)
    with TestClient(app) as client:
        assert app.state.sessions.kw["bind"].dialect.driver == driver
        assert client.get("/products").json() == products()[:PRODUCT_COUNT]


def test_the_script_refuses_a_server_on_the_wrong_driver():
    """check_driver() reads which driver's compiled code a process has mapped."""
    code = "import sys, time; import {}; print('ready', flush=True); time.sleep(60)"
    with contextlib.ExitStack() as stack:
        procs = {name: stack.enter_context(subprocess.Popen([sys.executable, "-c", code.format(module)], stdout=subprocess.PIPE,
                                                             text=True))
                 for name, module in (("asyncpg", "asyncpg"), ("psycopg", "psycopg.pq"), ("neither", "json"))}
        for proc in procs.values():
            assert proc.stdout.readline() == "ready\n"
            stack.callback(proc.kill)
        drivers.check_driver([procs["asyncpg"].pid], "asyncpg")
        drivers.check_driver([procs["psycopg"].pid], "psycopg")
        for driver, pid in (("psycopg", procs["asyncpg"].pid), ("asyncpg", procs["psycopg"].pid),
                            ("asyncpg", procs["neither"].pid)):
            with pytest.raises(RuntimeError, match=rf"process {pid} does not run on {driver} alone: was BENCH_ASYNC_DRIVER"):
                drivers.check_driver([pid], driver, timeout=0.5)


def test_the_fail_soft_cache_answers_every_call_with_redis_down(redis_calls, monkeypatch):
    """FailSoftRedisCache (django_app/cache.py) with nothing listening: each call a view makes is a
    miss or a no-op, never an exception (delete, which a write's invalidation calls, included). The
    methods it does not override (has_key, get_many, incr, ...) still raise RedisError."""
    from performance.optimizing.django_app import cache as module

    monkeypatch.setattr(module, "PAUSE", 0)  # every call goes to Redis and fails there
    cache = module.FailSoftRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.25}})
    assert cache.get("k", "default") == "default"
    assert cache.set("k", 1) is None
    assert cache.add("k", 1) is False
    assert cache.delete("k") is False
    assert redis_calls == ["get", "set", "add", "delete"]
    # Only those four: the page says the others still raise.
    from redis.exceptions import RedisError

    for call in (lambda: cache.has_key("k"), lambda: cache.get_many(["k"]), lambda: cache.incr("k")):
        with pytest.raises(RedisError):
            call()


def test_the_fail_soft_cache_leaves_a_failing_redis_alone_for_five_seconds(redis_calls, monkeypatch):
    """After a failure, every FailSoftRedisCache object of the process for that Redis answers as a
    miss without asking it, for PAUSE seconds: Django makes one object per thread, and one per
    request under ASGI, so a pause kept on the object would cost each of them the timeouts again."""
    from django.core.cache import caches
    from performance.optimizing.django_app import cache as module
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    options = {"OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25, "retry": Retry(NoBackoff(), retries=1)}}
    now = [1000.0]
    monkeypatch.setattr(module, "monotonic", lambda: now[0])
    with unanswering_redis() as redis_:
        first, other = (module.FailSoftRedisCache(redis_.url, options) for _ in range(2))
        assert first.get("k", "miss") == "miss" and redis_calls == ["get"]
        now[0] += 4.9
        assert other.get("k", "miss") == "miss" and other.add("k", 1) is False and other.delete("k") is False
        assert redis_calls == ["get"]  # paused, for every object
        with unanswering_redis() as elsewhere:  # another Redis server is not paused
            assert module.FailSoftRedisCache(elsewhere.url, options).get("k") is None
        now[0] += 0.2
        assert other.get("k", "miss") == "miss"
        assert redis_calls == ["get", "get", "get"]  # 5.1 s later: Redis is asked again

    async def one_request_object():
        return caches["default"]

    async def two_requests():
        return await asyncio.gather(one_request_object(), one_request_object())

    objects = []  # in a new thread, as a server's loop starts with no cache object made yet
    server = threading.Thread(target=lambda: objects.extend(asyncio.run(two_requests())))
    server.start()
    server.join()
    assert len(objects) == 2 and objects[0] is not objects[1]  # each request's task context gets its own


test_allowed_hosts_from_the_environment = django_snippets.allowed_hosts_test(
    SNIPPETS / "performance/optimizing/django_app/settings.py", unset=["localhost"], REDIS_URL="redis://unused",
    **{name: "unused" for name in ("POSTGRES_DB", "POSTGRES_USER", "POSTGRES_HOST", "POSTGRES_PORT")})
