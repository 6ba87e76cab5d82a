"""Real services for tests: find a server binary, start it on a free loopback port, always stop it.

A test that needs a binary the machine lacks is skipped with a reason that says how to get it;
under CI (`CI=true`) that skip is a failure instead, so nothing silently goes untested there.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

MISSING_PREFIX = "missing service:"  # conftest counts skips with this prefix (coverage gate)
HOST = "127.0.0.1"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def missing(what: str, how: str) -> None:
    """Skip (locally) or fail (in CI) because `what` is not installed; `how` says how to get it."""
    reason = f"{MISSING_PREFIX} {what} not found. {how}"
    if in_ci():
        pytest.fail(f"{reason} (.ci/run must install it: under CI=true a missing service is a failure)")
    pytest.skip(reason)


def find_binary(name: str, how: str, extra_dirs: Sequence[str] = ()) -> str:
    """The path of `name` on PATH (or in `extra_dirs`), or skip/fail with the how-to."""
    found = shutil.which(name)
    if not found:
        for folder in extra_dirs:
            for candidate in sorted(Path("/").glob(folder.lstrip("/")), reverse=True):
                if (candidate / name).is_file():
                    return str(candidate / name)
        missing(name, how)
    return found


# Ports for the servers tests start: below the ephemeral ranges (Linux 32768-60999, macOS 49152+),
# which bind(0) and every client connection draw from, and one slice per pytest-xdist worker. With
# bind(0), two servers started at once could be handed the same port, and the second server's test
# then talked to the first server (a Daphne test once got a Gunicorn worker's dropped connection).
PORT_SLICE, PORT_SLICES, FIRST_PORT = 1000, 12, 20000
_next_port: list[int] = []  # this process's cursor in its slice
_handing_out = threading.Lock()


def free_port() -> int:
    """A loopback port nothing listens on, from this xdist worker's slice (the controller, or a run
    without xdist, has the first), taken in turn: a port comes back only after the 999 others."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    start = FIRST_PORT + ((int(worker[2:]) + 1 if worker[2:].isdigit() else 0) % PORT_SLICES) * PORT_SLICE
    with _handing_out:
        if not _next_port:  # a random start: a test's own subprocesses have their own cursor
            _next_port.append(random.randrange(PORT_SLICE))
        for _ in range(PORT_SLICE):
            port = start + _next_port[0] % PORT_SLICE
            _next_port[0] += 1
            with socket.socket() as s:
                try:
                    s.bind((HOST, port))
                except OSError:  # in use
                    continue
            return port
    raise RuntimeError(f"no free port in {HOST}:{start}-{start + PORT_SLICE - 1}")


def wait_for_port(port: int, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode} before listening:\n{log.read_text()}")
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=0.5):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listened on {HOST}:{port} within {timeout} s:\n{log.read_text()}")


@dataclass
class Server:
    port: int
    proc: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, text: str, count: int = 1, timeout: float = 60) -> str:
        """The server's output once `text` appears in it `count` times (a server may log after it
        has answered, and a loaded machine delays it); fails with the output if it never does."""
        deadline = time.monotonic() + timeout
        while (output := self.output()).count(text) < count:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise AssertionError(f"{text!r} not seen {count} time(s) in the server's output within {timeout} s "
                                     f"(exit code {self.proc.poll()}):\n{output[-4000:]}")
            time.sleep(0.05)
        return output


# --------------------------------------------------------------------------- process trees (Linux /proc)


def parent_of(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^PPid:\s+(\d+)$", status, re.MULTILINE).group(1))


def children_of(pid: int, *, running: str = "") -> set[int]:
    """The processes whose parent is `pid` (and whose command line contains `running`)."""
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            if parent_of(int(status.parent.name)) == pid and running in (status.parent / "cmdline").read_text():
                found.add(int(status.parent.name))
        except (OSError, AttributeError):  # the process ended while we looked
            continue
    return found


def wait_for_children(pid: int, count: int, running: str = "", timeout: float = 60) -> set[int]:
    deadline = time.monotonic() + timeout
    while len(found := children_of(pid, running=running)) < count:
        assert time.monotonic() < deadline, f"{pid} has {len(found)} children, expected {count}"
        time.sleep(0.1)
    return found


def wait_until(condition: Callable[[], object], timeout: float = 30) -> None:
    """For state a server changes in another thread or process after a client has gone."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not reached within {timeout} s")
        time.sleep(0.05)


def stop(proc: subprocess.Popen, grace: float = 10) -> None:
    """Stop a process started with start_new_session=True, and everything it started."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(grace)


@contextlib.contextmanager
def run_server(
    command: str | Sequence[str],
    *,
    port: int | None = None,
    cwd: str | os.PathLike | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 30,
    measure: bool = True,
) -> Iterator[Server]:
    """Start a server and wait until it listens on 127.0.0.1:`port`; stop it on exit, whatever happens.

    `command` is an argv list, or a shell line (run by bash, with PORT set in its environment, so a
    line shown on a page such as `uvicorn app:app --port "${PORT:-8000}"` runs exactly as shown).
    `measure=False` keeps coverage out of a process tree that runs no snippet code (its data file
    could be cut short when the tree is stopped).
    """
    port = port or free_port()
    full_env = {**os.environ, **(env or {}), "PORT": str(port)}
    if not measure:
        full_env.pop("COVERAGE_PROCESS_CONFIG", None)
    argv = ["bash", "-c", command] if isinstance(command, str) else list(command)
    with tempfile.TemporaryDirectory(prefix="sbs-server-") as tmp:
        # Gunicorn 25+ creates a control socket under $XDG_RUNTIME_DIR (else ~/.gunicorn/): keep it here.
        full_env.setdefault("XDG_RUNTIME_DIR", tmp)
        log = Path(tmp) / "output.log"
        with log.open("wb") as sink:
            proc = subprocess.Popen(argv, cwd=cwd, env=full_env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_for_port(port, proc, log, timeout)
            yield Server(port, proc, log)
        finally:
            stop(proc)


# --------------------------------------------------------------------------- Redis

REDIS_HOW = "Install it with `apt-get install redis-server` (Debian/Ubuntu) or `brew install redis` (macOS)."


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """A throwaway Redis on loopback; yields its URL."""
    with restartable_redis() as redis:
        yield redis.url


class RestartableRedis:
    """A throwaway Redis on loopback, without persistence, that a test can restart on the same port."""

    def __init__(self, argv: list[str], port: int) -> None:
        self.argv, self.port = argv, port
        self.url = f"redis://{HOST}:{port}/0"
        self._running = contextlib.ExitStack()

    def start(self) -> None:
        self.server = self._running.enter_context(run_server(self.argv, port=self.port, measure=False))

    def stop(self) -> None:
        self.resume()  # a stopped process would not act on SIGTERM
        self._running.close()

    def pause(self) -> None:
        """Stop the process (SIGSTOP): its connections stay open, the kernel still accepts new
        ones, and nothing answers, as with a server stalled or a network that drops packets."""
        os.kill(self.server.proc.pid, signal.SIGSTOP)

    def resume(self) -> None:
        """Let a paused server run again (SIGCONT): it reads what waited in its sockets."""
        with contextlib.suppress(ProcessLookupError, AttributeError):
            os.kill(self.server.proc.pid, signal.SIGCONT)

    def restart(self) -> None:
        """Stop the server (SIGTERM, as a service manager does) and start a new one, empty."""
        self.stop()
        self.start()


@contextlib.contextmanager
def restartable_redis() -> Iterator[RestartableRedis]:
    binary = find_binary("redis-server", REDIS_HOW)
    with tempfile.TemporaryDirectory(prefix="sbs-redis-") as data:
        port = free_port()
        argv = [binary, "--bind", HOST, "--port", str(port), "--save", "", "--appendonly", "no", "--dir", data]
        redis = RestartableRedis(argv, port)
        redis.start()
        try:
            yield redis
        finally:
            redis.stop()


# --------------------------------------------------------------------------- PostgreSQL


def wait_until_accepting_queries(dsn: str, server: Server, timeout: float = 30) -> None:
    """PostgreSQL listens before it accepts queries ("the database system is starting up")."""
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        try:
            with psycopg.connect(dsn, connect_timeout=2) as conn:
                conn.execute("select 1")
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline or server.proc.poll() is not None:
                raise RuntimeError(f"PostgreSQL did not accept queries within {timeout} s:\n{server.output()}") from None
            time.sleep(0.1)


POSTGRES_HOW = "Install it with `apt-get install postgresql` (Debian/Ubuntu) or `brew install postgresql` (macOS)."
POSTGRES_DIRS = ("/usr/lib/postgresql/*/bin", "/usr/local/opt/postgresql*/bin")
POSTGRES_USER = "nobody"  # initdb and postgres refuse to run as root


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on loopback (trust auth, user `postgres`); yields its DSN."""
    initdb = find_binary("initdb", POSTGRES_HOW, POSTGRES_DIRS)
    postgres = str(Path(initdb).with_name("postgres"))
    as_root = os.geteuid() == 0
    with tempfile.TemporaryDirectory(prefix="sbs-postgres-") as tmp:
        data, sockets = Path(tmp) / "data", Path(tmp) / "sockets"
        sockets.mkdir()
        drop = []
        if as_root:
            os.chmod(tmp, 0o755)
            info = pwd.getpwnam(POSTGRES_USER)
            os.chown(sockets, info.pw_uid, info.pw_gid)
            data.mkdir()
            os.chown(data, info.pw_uid, info.pw_gid)
            drop = ["setpriv", f"--reuid={POSTGRES_USER}", f"--regid={info.pw_gid}", "--clear-groups", "--"]
        init = subprocess.run(
            [*drop, initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"],
            capture_output=True, text=True, check=False, cwd=tmp,
        )
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{init.stdout}\n{init.stderr}")
        port = free_port()
        argv = [*drop, postgres, "-D", str(data), "-h", HOST, "-p", str(port), "-k", str(sockets), "-F",
                "-c", "fsync=off", "-c", "full_page_writes=off"]
        with run_server(argv, port=port, cwd=tmp) as server:
            dsn = f"postgresql://postgres@{HOST}:{port}/postgres"
            wait_until_accepting_queries(dsn, server)
            yield dsn


def python_env() -> dict[str, str]:
    """Environment for a subprocess that must use this interpreter's virtualenv first."""
    bindir = str(Path(sys.executable).parent)
    return {"PATH": bindir + os.pathsep + os.environ.get("PATH", ""), "VIRTUAL_ENV": str(Path(sys.executable).parents[1])}
