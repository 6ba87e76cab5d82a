"""Benchmark harness: every app under its production server, driven by wrk, results to JSON.

    cd snippets && python -m performance.bench.harness    (or: python3 dev.py bench)

Starts each server on a free loopback port, checks that every endpoint answers correctly,
warms up, runs wrk `--repeats` times per endpoint, and records requests/s, p50/p99 latency,
errors and the RSS of each worker process. Every process it starts is stopped, whatever happens.
With the defaults, a run takes about (targets x worker counts x endpoints) x (warmup + repeats x
duration) = 8 x 2 x 4 x 33 s, some 36 minutes: run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib.metadata
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from performance.bench import database
from performance.bench.catalog import HELLO, PRODUCT_COUNT, UPSTREAM, order_dict, orders, products

HERE = Path(__file__).resolve().parent
SNIPPETS = HERE.parents[1]  # the folder the apps import from (performance.bench....)
LUA = HERE / "report.lua"
THREADS_PER_WORKER = 4  # Gunicorn gthread workers
PACKAGES = ("fastapi", "starlette", "pydantic", "pydantic-core", "flask", "werkzeug", "django",
            "djangorestframework", "sqlalchemy", "psycopg", "psycopg-pool", "uvicorn", "gunicorn",
            "uvloop", "httptools")
ENDPOINTS = {
    "hello": HELLO,
    "orders": [order_dict(order) for order in orders()],
    "upstream": UPSTREAM,
    "products": products()[:PRODUCT_COUNT],
}


# --8<-- [start:targets]
@dataclass(frozen=True)
class Target:
    name: str
    server: str  # uvicorn | gunicorn-sync | gunicorn-gthread
    app: str  # module:attribute, imported from SNIPPETS
    prefix: str = ""  # URL prefix of the endpoints

    def argv(self, port: int, workers: int) -> list[str]:
        if self.server == "uvicorn":
            return [sys.executable, "-m", "uvicorn", self.app, "--host", "127.0.0.1", "--port", str(port),
                    "--workers", str(workers), "--no-access-log", "--log-level", "warning"]
        threads = ["--threads", str(THREADS_PER_WORKER)] if self.server == "gunicorn-gthread" else []
        return [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
                "--worker-class", self.server.removeprefix("gunicorn-"), *threads, "--log-level", "warning",
                self.app]


DJANGO_WSGI = "performance.bench.django_project.wsgi:application"
TARGETS = [
    Target("fastapi", "uvicorn", "performance.bench.fastapi_app:app"),
    Target("django-async", "uvicorn", "performance.bench.django_project.asgi:application", "/async"),
    *(Target(f"{name}-{kind}", f"gunicorn-{kind}", app, prefix)
      for name, app, prefix in [("flask", "performance.bench.flask_app:app", ""), ("django", DJANGO_WSGI, ""),
                                ("drf", DJANGO_WSGI, "/drf")]
      for kind in ("sync", "gthread")),
]
# --8<-- [end:targets]


class Interrupted(Exception):
    """SIGINT (Ctrl-C), SIGTERM or SIGHUP: unwind so every `finally` stops its processes."""


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted(signal.Signals(signum).name)


# --------------------------------------------------------------------------- processes


def free_port() -> int:
    return database.free_port()


# --8<-- [start:stop]
def stop(proc: subprocess.Popen) -> None:
    """SIGTERM the whole process group, then SIGKILL what is left."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(15)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # anything still alive in the group
    proc.wait()
# --8<-- [end:stop]


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return sorted(found)


def memory_kb(pid: int) -> dict[str, int]:
    """VmRSS (now) and VmHWM (peak) of a process, in KiB, from /proc/<pid>/status."""
    text = Path(f"/proc/{pid}/status").read_text()
    return {key: int(re.search(rf"^{key}:\s+(\d+) kB", text, re.MULTILINE).group(1)) for key in ("VmRSS", "VmHWM")}


def workers_of(pid: int) -> list[int]:
    """The processes that serve requests: the children (Gunicorn, Uvicorn --workers N), else the server."""
    kids = [kid for kid in children(pid) if b"resource_tracker" not in Path(f"/proc/{kid}/cmdline").read_bytes()]
    return kids or [pid]


@dataclass
class Server:
    target: Target
    workers: int
    port: int
    proc: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.target.prefix}"


# --8<-- [start:serve]
@contextlib.contextmanager
def serve(target: Target, workers: int, env: dict[str, str], timeout: float = 60) -> Iterator[Server]:
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="bench-server-") as tmp:
        log = Path(tmp) / "server.log"
        with log.open("wb") as sink:
            proc = subprocess.Popen(target.argv(port, workers), cwd=SNIPPETS, env={**env, "XDG_RUNTIME_DIR": tmp},
                                    stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
        server = Server(target, workers, port, proc, log)
        try:
            print(f"started {target.name} workers={workers} pid={proc.pid} port={port}", file=sys.stderr, flush=True)
            wait_ready(server, timeout)
            yield server
        finally:
            stop(proc)
# --8<-- [end:serve]


# One request's time limit, for the readiness probe and the check before each endpoint is measured.
# Generous: under CI (coverage tracing the server, the test suite on both cores) Django's async
# views under Uvicorn once left the check of /orders (an in-memory list) unanswered for 10 s, right
# after a one-second burst of load on /hello.
FETCH_TIMEOUT = 30


def fetch(url: str) -> tuple[int, str, object]:
    with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT) as response:
        return response.status, response.headers.get_content_type(), json.load(response)


def wait_ready(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if server.proc.poll() is not None:
            raise RuntimeError(f"{server.target.name} exited with code {server.proc.returncode}:\n"
                               f"{server.log.read_text(errors='replace')}")
        try:
            fetch(f"{server.url}/hello")
            return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{server.target.name} not ready within {timeout} s:\n"
                                   f"{server.log.read_text(errors='replace')}") from None
            time.sleep(0.1)


# --8<-- [start:check]
def same_json(got: object, expected: object) -> bool:
    """Equal and of the same JSON types: `==` alone takes 2.0 for 2 and True for 1."""
    if type(got) is not type(expected):
        return False
    if isinstance(got, dict) and isinstance(expected, dict):
        return got.keys() == expected.keys() and all(same_json(got[key], expected[key]) for key in expected)
    if isinstance(got, list) and isinstance(expected, list):
        return len(got) == len(expected) and all(map(same_json, got, expected))
    return got == expected


def check(server: Server, endpoint: str) -> None:
    """The endpoint answers 200 with exactly the expected JSON, before it is measured."""
    url = f"{server.url}/{endpoint}"
    status, content_type, data = fetch(url)
    if (status, content_type) != (200, "application/json") or not same_json(data, ENDPOINTS[endpoint]):
        raise AssertionError(f"{url} answered {status} {content_type} with unexpected data: {str(data)[:200]}")
# --8<-- [end:check]


# --------------------------------------------------------------------------- wrk


def find_wrk() -> str:
    wrk = shutil.which("wrk")
    if not wrk:
        raise SystemExit("wrk not found: install it with `apt install wrk` (Debian/Ubuntu) or `brew install wrk`.")
    return wrk


# --8<-- [start:wrk]
def wrk_argv(wrk: str, url: str, duration: int, connections: int, threads: int) -> list[str]:
    return [wrk, f"--threads={threads}", f"--connections={connections}", f"--duration={duration}s",
            "--timeout=5s", f"--script={LUA}", "--latency", url]
# --8<-- [end:wrk]


def parse_wrk(output: str) -> dict:
    """The figures of one wrk run, from the JSON line report.lua prints."""
    match = re.search(r"^BENCH-JSON (\{.*\})$", output, re.MULTILINE)
    if not match:
        raise ValueError(f"no BENCH-JSON line in wrk output:\n{output}")
    raw = json.loads(match.group(1))
    latency = raw["latency_us"]
    errors = raw["errors"]
    return {
        "requests": raw["requests"],
        "seconds": raw["duration_us"] / 1e6,
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        "p50_ms": latency["p50"] / 1000,
        "p90_ms": latency["p90"] / 1000,
        "p99_ms": latency["p99"] / 1000,
        "max_ms": latency["max"] / 1000,
        "non_2xx_3xx": errors["status"],
        "socket_errors": errors["connect"] + errors["read"] + errors["write"] + errors["timeout"],
        "errors": errors,
    }


def run_wrk(argv: list[str], duration: int) -> dict:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=duration + 30, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr}{done.stdout}")
    return parse_wrk(done.stdout)


# --------------------------------------------------------------------------- the run


def machine(wrk: str) -> dict:
    cpu = re.search(r"^model name\s*:\s*(.*)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    wrk_version = subprocess.run([wrk, "--version"], capture_output=True, text=True, check=False).stdout
    return {
        "cpu": cpu.group(1).strip() if cpu else platform.processor(),
        "cores": os.cpu_count(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "packages": versions,
        "wrk": wrk_version.splitlines()[0] if wrk_version else None,
        "load_average": os.getloadavg(),
    }


# --8<-- [start:measure]
def measure(server: Server, endpoint: str, options: argparse.Namespace, wrk: str, deadline: float) -> dict:
    check(server, endpoint)
    url = f"{server.url}/{endpoint}"
    if options.warmup:
        run_wrk(wrk_argv(wrk, url, options.warmup, options.connections, options.wrk_threads), options.warmup)
    repeats = []
    for _ in range(options.repeats):
        if time.monotonic() + options.duration > deadline:
            raise TimeoutError(f"the run would exceed --time-limit={options.time_limit} s")
        argv = wrk_argv(wrk, url, options.duration, options.connections, options.wrk_threads)
        result = run_wrk(argv, options.duration)
        result["memory_kb"] = {str(pid): memory_kb(pid) for pid in workers_of(server.proc.pid)}
        repeats.append(result)
    return {
        "target": server.target.name, "server": server.target.server, "workers": server.workers,
        "endpoint": endpoint, "pid": server.proc.pid, "port": server.port,
        "server_command": " ".join(server.target.argv(server.port, server.workers)),
        "wrk_command": " ".join(argv), "repeats": repeats,
    }
# --8<-- [end:measure]


def run(options: argparse.Namespace) -> dict:
    wrk = find_wrk()
    started = time.monotonic()
    deadline = started + options.time_limit
    targets = [t for t in TARGETS if not options.only or t.name in options.only]
    workers = sorted({(os.cpu_count() or 1) if w == "auto" else int(w) for w in options.workers.split(",")})
    endpoints = options.endpoints.split(",")
    estimate = len(targets) * len(workers) * len(endpoints) * (options.warmup + options.repeats * options.duration)
    print(f"{len(targets)} targets x {len(workers)} worker counts x {len(endpoints)} endpoints: "
          f"about {estimate / 60:.0f} min of load plus start-up", file=sys.stderr, flush=True)
    results = {
        "kind": options.kind,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(wrk),
        "settings": {**{key: value for key, value in vars(options).items() if key not in ("database_url", "output")},
                     "worker_counts": workers, "gthread_threads": THREADS_PER_WORKER},
        "command": " ".join([Path(sys.executable).name, "-m", "performance.bench.harness", *sys.argv[1:]]),
        "runs": [],
    }
    with contextlib.ExitStack() as stack:
        dsn = options.database_url or stack.enter_context(database.throwaway_postgres(max_connections=50 + 30 * max(workers)))
        results["machine"]["postgres"] = database.seed(dsn)
        env = {**os.environ, "BENCH_DATABASE_URL": dsn, "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
               "DJANGO_SETTINGS_MODULE": "performance.bench.django_project.settings"}
        for name in ("WEB_CONCURRENCY", "GUNICORN_CMD_ARGS", "PYTHONPATH"):
            env.pop(name, None)
        for target in targets:
            for count in workers:
                with serve(target, count, env) as server:
                    for endpoint in endpoints:
                        results["runs"].append(measure(server, endpoint, options, wrk, deadline))
                        print(f"{target.name} workers={count} {endpoint}: "
                              f"{results['runs'][-1]['repeats'][-1]['rps']:.0f} req/s", file=sys.stderr, flush=True)
    results["seconds"] = round(time.monotonic() - started, 1)
    return results


def add_load_options(parser: argparse.ArgumentParser) -> None:
    """The options of a measured run, shared with performance/optimizing/drivers.py."""
    parser.add_argument("--duration", type=int, default=10, help="seconds per measured wrk run")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk before measuring (0: none)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", default="1,auto", help="worker counts; auto = one per core")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"),
                        help="PostgreSQL to use (default: a throwaway local server)")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m performance.bench.harness", description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=HERE / "results.json")
    parser.add_argument("--kind", default="benchmark", help="'smoke' for a quick check whose figures mean nothing")
    add_load_options(parser)
    parser.add_argument("--only", type=lambda s: s.split(","), help=f"targets: {','.join(t.name for t in TARGETS)}")
    parser.add_argument("--endpoints", default=",".join(ENDPOINTS))
    parser.add_argument("--time-limit", type=int, default=4 * 3600, help="seconds; stop the whole run after this")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    # SIGINT too, not left to Python's KeyboardInterrupt: a process started with SIGINT ignored (a
    # background job, some test runners) would otherwise not stop on it.
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _interrupt)
    try:
        results = run(options)
    except Interrupted as stop_reason:
        print(f"interrupted ({stop_reason}); every server was stopped", file=sys.stderr)
        return 130
    options.output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {options.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
