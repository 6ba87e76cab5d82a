"""PostgreSQL for the benchmark: a throwaway local server (unless BENCH_DATABASE_URL is given), seeded."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg

from performance.bench.catalog import PRODUCT_TABLE, products

HOST = "127.0.0.1"
SEARCH = ("/usr/lib/postgresql/*/bin", "/usr/local/opt/postgresql*/bin", "/opt/homebrew/opt/postgresql*/bin")
HOW = "install PostgreSQL (`apt install postgresql`, `brew install postgresql`) or set BENCH_DATABASE_URL"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def find_initdb() -> str:
    found = shutil.which("initdb")
    candidates = [found] if found else []
    candidates += [str(p / "initdb") for pattern in SEARCH for p in sorted(Path("/").glob(pattern[1:]), reverse=True)]
    for candidate in candidates:
        if Path(candidate).is_file():
            return candidate
    raise SystemExit(f"initdb not found: {HOW}")


def wait_ready(dsn: str, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with psycopg.connect(dsn, connect_timeout=2) as conn:
                conn.execute("select 1")
            return
        except psycopg.OperationalError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("PostgreSQL did not start") from None
            time.sleep(0.1)


@contextlib.contextmanager
def throwaway_postgres(max_connections: int = 200) -> Iterator[str]:
    """A private cluster in a temp dir on a free loopback port; removed on exit. Yields its DSN."""
    initdb = find_initdb()
    postgres = str(Path(initdb).with_name("postgres"))
    with tempfile.TemporaryDirectory(prefix="bench-postgres-") as tmp:
        data = Path(tmp) / "data"
        drop: list[str] = []
        if os.geteuid() == 0:  # initdb and postgres refuse to run as root
            user = pwd.getpwnam("nobody")
            os.chmod(tmp, 0o755)
            data.mkdir()
            os.chown(data, user.pw_uid, user.pw_gid)
            drop = ["setpriv", "--reuid=nobody", f"--regid={user.pw_gid}", "--clear-groups", "--"]
        subprocess.run([*drop, initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "--no-sync"],
                       check=True, capture_output=True, cwd=tmp)
        port = free_port()
        argv = [*drop, postgres, "-D", str(data), "-h", HOST, "-p", str(port), "-k", str(data),
                "-c", f"max_connections={max_connections}", "-c", "fsync=off"]
        proc = subprocess.Popen(argv, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        try:
            dsn = f"postgresql://postgres@{HOST}:{port}/postgres"
            wait_ready(dsn, proc)
            yield dsn
        finally:
            proc.terminate()  # "smart" shutdown would wait for clients; SIGTERM is fine for a throwaway
            proc.wait(30)


def seed(dsn: str) -> str:
    """(Re)create the products table with known rows; returns the server's version."""
    with psycopg.connect(dsn) as conn:
        conn.execute(f"drop table if exists {PRODUCT_TABLE}")
        conn.execute(f"create table {PRODUCT_TABLE} (id integer primary key, name varchar(100) not null,"
                     " price_cents integer not null, in_stock boolean not null)")
        with conn.cursor() as cur:
            cur.executemany(f"insert into {PRODUCT_TABLE} values (%(id)s, %(name)s, %(price_cents)s, %(in_stock)s)",
                            products())
        return conn.execute("show server_version").fetchone()[0]
