"""The benchmark harness, micro-benchmarks and report (snippets/performance/bench/).

Smoke runs only: every app starts under its production server, answers every endpoint correctly,
is driven by wrk for about a second and is stopped, leaving no process and no port behind. The
figures of a smoke run mean nothing (short, on a shared machine); the real benchmark is run by hand
on an idle machine (see the harness's docstring) and its results file is what the page shows.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from guide_tools.website.content import LANGUAGES, SNIPPETS
from performance.bench import catalog, database, harness, micro, report
from tests.support.services import find_binary, python_env

HERE = Path(__file__).resolve().parent
BENCH = SNIPPETS / "performance/bench"
CHARTS = SNIPPETS.parent / "docs/assets/images/bench"
WRK_HOW = "Install it with `apt install wrk` (Debian/Ubuntu) or `brew install wrk` (macOS)."
SVG = "{http://www.w3.org/2000/svg}"
CAPTURED = {"django_hops.txt", "keepalive.txt"}  # out/ files the tests below capture (not report.py)


# --------------------------------------------------------------------------- helpers


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in {"Z", "X"}


def port_free(port: int) -> bool:
    """Nothing listens there (connections the server closed may linger in TIME_WAIT: that is fine)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def bench_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, **python_env(), "PYTHONWARNINGS": "error"}
    for name in ("BENCH_DATABASE_URL", "DJANGO_SETTINGS_MODULE", "PYTHONPATH"):
        env.pop(name, None)
    return {**env, **extra}


def harness_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "performance.bench.harness", "--kind", "smoke", "--repeats", "1",
            "--workers", "1", "--connections", "4", "--wrk-threads", "1", *args]


def started(stderr: str) -> list[tuple[int, int]]:
    return [(int(pid), int(port)) for pid, port in re.findall(r"^started \S+ workers=\d+ pid=(\d+) port=(\d+)$",
                                                             stderr, re.MULTILINE)]


@pytest.fixture
def bench_dsn(postgres_dsn: str) -> Iterator[str]:
    """A database of its own on the session's PostgreSQL: the harness drops and seeds its table."""
    name = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_dsn, autocommit=True) as conn:
        conn.execute(f"create database {name}")
    yield postgres_dsn.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(postgres_dsn, autocommit=True) as conn:
        conn.execute(f"drop database {name} with (force)")


@pytest.fixture
def wrk() -> str:
    return find_binary("wrk", WRK_HOW)


# --------------------------------------------------------------------------- smoke runs


@pytest.mark.slow
@pytest.mark.parametrize("target", [t.name for t in harness.TARGETS])
def test_smoke_run_every_app_answers_and_is_stopped(target, bench_dsn, wrk, tmp_path):
    output = tmp_path / "results.json"
    warmup = "1" if target == "fastapi" else "0"  # one target exercises the warm-up, the rest stay short
    done = subprocess.run(
        harness_argv("--only", target, "--duration", "1", "--warmup", warmup, "--database-url", bench_dsn,
                     "--output", str(output)),
        cwd=SNIPPETS, env=bench_env(), capture_output=True, text=True, timeout=180, check=False,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(output.read_text())
    assert results["kind"] == "smoke"
    assert {"cpu", "cores", "kernel", "python", "packages", "wrk", "postgres"} <= results["machine"].keys()
    assert results["settings"]["worker_counts"] == [1]
    assert [(run["target"], run["endpoint"]) for run in results["runs"]] == [(target, e) for e in harness.ENDPOINTS]
    for run in results["runs"]:
        (repeat,) = run["repeats"]
        assert repeat["requests"] > 0 and repeat["rps"] > 0
        assert repeat["non_2xx_3xx"] == 0 and repeat["socket_errors"] == 0, run
        assert 0 < repeat["p50_ms"] <= repeat["p99_ms"]
        assert all(kb["VmRSS"] > 10_000 for kb in repeat["memory_kb"].values())
    (server,) = started(done.stderr)
    pids = {server[0], *(int(pid) for run in results["runs"] for pid in run["repeats"][0]["memory_kb"])}
    assert not [pid for pid in pids if alive(pid)], "a server process outlived the harness"
    assert port_free(server[1])


@pytest.mark.slow
def test_harness_starts_its_own_postgres_and_stops_everything_on_failure(wrk, tmp_path):
    """No DSN: a throwaway PostgreSQL; --time-limit 0 fails the run right after the answer check."""
    done = subprocess.run(
        harness_argv("--only", "fastapi", "--duration", "1", "--warmup", "0", "--time-limit", "0",
                     "--output", str(tmp_path / "results.json")),
        cwd=SNIPPETS, env=bench_env(), capture_output=True, text=True, timeout=180, check=False,
    )
    assert done.returncode == 1
    assert "TimeoutError: the run would exceed --time-limit=0 s" in done.stderr
    assert not (tmp_path / "results.json").exists()
    ((pid, port),) = started(done.stderr)
    assert not alive(pid) and port_free(port)
    assert not orphaned_postgres()


def orphaned_postgres() -> list[str]:
    """Throwaway PostgreSQL servers (database.throwaway_postgres) still running after their temp
    folder was removed, that is after the run that started them ended. A server another test
    runs at the same time (another xdist worker) still has its folder, so it is not counted."""
    orphans = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            argv = cmdline.read_bytes().split(b"\0")
        except OSError:  # the process ended while we looked
            continue
        if b"-D" in argv[:-1] and b"bench-postgres-" in (data := argv[argv.index(b"-D") + 1]):
            if alive(int(cmdline.parent.name)) and not Path(data.decode()).exists():
                orphans.append(f"pid {cmdline.parent.name}: {data.decode()}")
    return orphans


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_harness_stops_every_server(sig, bench_dsn, wrk, tmp_path):
    argv = harness_argv("--only", "flask-sync", "--duration", "20", "--warmup", "0", "--database-url", bench_dsn,
                        "--output", str(tmp_path / "results.json"))
    # Started with SIGINT ignored, as a background job is (and as a test worker once left it, once in
    # a full run): the harness handles SIGINT itself, so it stops all the same.
    with subprocess.Popen(  # closes the pipe whatever happens: a leak would fail a later test
        ["bash", "-c", 'trap "" INT; exec "$@"', "harness", *argv],
        cwd=SNIPPETS, env=bench_env(), stderr=subprocess.PIPE, text=True,
    ) as proc:
        try:
            assert "about 1 min of load" in proc.stderr.readline()  # 1 target x 1 worker count x 4 endpoints x 20 s
            ((pid, port),) = started(proc.stderr.readline())
            time.sleep(3)  # the server is up and wrk is running its 20 s
            proc.send_signal(sig)
            _, rest = proc.communicate(timeout=60)
        finally:
            proc.kill()
    assert proc.returncode == 130
    assert f"interrupted ({sig.name}); every server was stopped" in rest, rest
    assert not alive(pid) and port_free(port)
    assert not (tmp_path / "results.json").exists()


# --------------------------------------------------------------------------- harness parts


def test_parse_wrk_output_captured_from_a_real_run():
    text = (HERE / "wrk_output_sample.txt").read_text()
    figures = harness.parse_wrk(text)
    assert figures["requests"] == 2266
    assert figures["p50_ms"] == 1.626 and figures["p90_ms"] == 2.428 and figures["p99_ms"] == 4.04
    assert figures["non_2xx_3xx"] == 0 and figures["socket_errors"] == 0
    # The same run as wrk's own summary prints it (rounded there).
    assert f"Requests/sec:   {figures['rps']:.2f}" in text
    assert "50%    1.63ms" in text and "99%    4.04ms" in text


def test_parse_wrk_output_counts_error_responses():
    text = (HERE / "wrk_output_404.txt").read_text()
    figures = harness.parse_wrk(text)
    assert f"Non-2xx or 3xx responses: {figures['non_2xx_3xx']}" in text
    assert figures["non_2xx_3xx"] == figures["requests"] == 2859


def test_parse_wrk_output_without_the_report_line():
    with pytest.raises(ValueError, match="no BENCH-JSON line"):
        harness.parse_wrk("Running 1s test @ http://127.0.0.1:1/\n")


def test_wrk_missing_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(harness.shutil, "which", lambda name: None)
    with pytest.raises(SystemExit, match="apt install wrk"):
        harness.find_wrk()


def test_wrk_failure_is_reported(wrk):
    port = harness.free_port()  # nothing listens there
    with pytest.raises(RuntimeError, match="wrk failed"):
        harness.run_wrk(harness.wrk_argv(wrk, f"http://127.0.0.1:{port}/", 1, 1, 1), 1)


@pytest.mark.slow
def test_server_that_exits_or_never_answers_is_reported_and_stopped():
    env = bench_env(BENCH_DATABASE_URL="postgresql://nobody@127.0.0.1:1/none")
    broken = harness.Target("broken", "uvicorn", "performance.bench.no_such_module:app")
    with pytest.raises(RuntimeError, match="broken exited with code"), harness.serve(broken, 1, env):
        pass
    servers = []
    with pytest.raises(TimeoutError, match="not ready within 0 s"), harness.serve(harness.TARGETS[0], 1, env,
                                                                                   timeout=0) as server:
        servers.append(server)
    assert not servers


@contextlib.contextmanager
def answering(body: bytes) -> Iterator[harness.Server]:
    """A loopback HTTP server that answers every GET with `body` as JSON, as a harness Server."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield harness.Server(harness.Target("stub", "uvicorn", "none:app"), 1, httpd.server_address[1],
                                 None, Path(os.devnull))  # type: ignore[arg-type]
        finally:
            httpd.shutdown()
            thread.join()


DJANGO_BODIES = """
import base64, json, os, secrets
os.environ.update(DJANGO_SETTINGS_MODULE="performance.bench.django_project.settings",
                  DJANGO_SECRET_KEY=secrets.token_urlsafe(50))
import django
django.setup()
from django.test import RequestFactory
from rest_framework.test import APIRequestFactory
from performance.bench.django_project import api, views
bodies = {"django": views.list_orders(RequestFactory().get("/orders")).content,
          "drf": api.OrdersView.as_view()(APIRequestFactory().get("/orders")).render().content}
print(json.dumps({name: base64.b64encode(body).decode() for name, body in bodies.items()}))
"""


def test_every_app_returns_the_same_data_but_not_the_same_bytes(monkeypatch):
    """Both pages say the apps return the same data, not the same bytes: Django's JsonResponse keeps
    json.dumps' default separators, a space after each `,` and `:`, so its /orders is about a tenth
    longer than the compact JSON of FastAPI, Flask and DRF (the harness compares parsed JSON). The
    Django project runs in a process of its own, with its own settings."""
    import base64

    from fastapi.testclient import TestClient

    env = bench_env(BENCH_DATABASE_URL="postgresql://bench@127.0.0.1/bench")  # engines are made, never connected
    done = subprocess.run([sys.executable, "-c", DJANGO_BODIES], cwd=SNIPPETS, env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    bodies = {name: base64.b64decode(body) for name, body in json.loads(done.stdout).items()}
    monkeypatch.setenv("BENCH_DATABASE_URL", env["BENCH_DATABASE_URL"])
    from performance.bench import fastapi_app, flask_app

    bodies["fastapi"] = TestClient(fastapi_app.app).get("/orders").content
    bodies["flask"] = flask_app.app.test_client().get("/orders").data
    expected = harness.ENDPOINTS["orders"]
    assert all(harness.same_json(json.loads(body), expected) for body in bodies.values())
    compact = len(json.dumps(expected, separators=(",", ":")))
    assert {len(bodies[name].rstrip(b"\n")) for name in ("fastapi", "flask", "drf")} == {compact}  # Flask ends with \n
    assert bodies["django"] == json.dumps(expected).encode()
    assert 1.05 < len(bodies["django"]) / compact < 1.15, (len(bodies["django"]), compact)


@pytest.mark.parametrize("url", ["postgresql://bench:s3cret@db.internal:6543/bench",
                                 "postgresql://bench@127.0.0.1/bench",
                                 "postgresql://b%40nch:p%2Fw%3Ad@localhost/bench_db"])
def test_django_settings_read_the_url_as_libpq_does(url, monkeypatch):
    """The Django project connects where the other frameworks' engines do: its DATABASES entry holds
    what libpq reads from the same URL (user and password decoded, the port 5432 when none is given)."""
    import importlib.util

    from psycopg.conninfo import conninfo_to_dict

    monkeypatch.setenv("BENCH_DATABASE_URL", url)
    monkeypatch.setenv("DJANGO_SECRET_KEY", "not-used-here-" + "x" * 40)
    path = SNIPPETS / "performance/bench/django_project/settings.py"
    spec = importlib.util.spec_from_file_location("bench_settings_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    db = module.DATABASES["default"]
    libpq = conninfo_to_dict(url)
    assert {key: str(db[key.upper()]) for key in ("name", "user", "password", "host", "port")} == {
        "name": libpq["dbname"], "user": libpq["user"], "password": libpq.get("password", ""),
        "host": libpq["host"], "port": libpq.get("port", "5432")}


def test_check_is_type_strict_a_float_quantity_is_refused():
    """An /orders that sends `"quantity": 2.0` is a wrong answer, although 2.0 == 2 in Python."""
    expected = harness.ENDPOINTS["orders"]
    exact = json.dumps(expected).encode()
    with answering(exact) as server:
        harness.check(server, "orders")
    wrong = [{**order, "lines": [{**line, "quantity": float(line["quantity"])} for line in order["lines"]]}
             for order in expected]
    floats = json.dumps(wrong).encode()
    assert b'"quantity": 1.0' in floats and json.loads(floats) == expected  # what `==` would have let through
    with answering(floats) as server, pytest.raises(AssertionError, match="unexpected data"):
        harness.check(server, "orders")
    ones = json.dumps([{**order, "paid": int(order["paid"])} for order in expected]).encode()
    with answering(ones) as server, pytest.raises(AssertionError, match="unexpected data"):
        harness.check(server, "orders")


@pytest.mark.slow
def test_wrong_answer_is_refused(monkeypatch, bench_dsn):
    database.seed(bench_dsn)
    monkeypatch.setitem(harness.ENDPOINTS, "hello", {"message": "something else"})
    with harness.serve(harness.TARGETS[0], 1, bench_env(BENCH_DATABASE_URL=bench_dsn)) as server:
        with pytest.raises(AssertionError, match="unexpected data"):
            harness.check(server, "hello")
        harness.check(server, "products")
        (worker,) = harness.workers_of(server.proc.pid)
        assert harness.memory_kb(worker)["VmRSS"] > 10_000
    assert not alive(server.proc.pid)


@pytest.mark.slow
def test_throwaway_postgres_is_seeded_and_removed():
    with database.throwaway_postgres() as dsn:
        database.seed(dsn)
        database.seed(dsn)  # seeding twice starts again from the same rows
        with psycopg.connect(dsn) as conn:
            rows = conn.execute("select id, name from bench_product order by id").fetchall()
    # The pages: 20 rows, ids 1 to 20, of which the database endpoint reads the first five.
    assert [row_id for row_id, _ in rows] == list(range(1, 21)) and catalog.PRODUCT_COUNT == 5
    assert rows[:2] == [(1, "Product 1"), (2, "Product 2")]
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(dsn, connect_timeout=2)


def test_postgres_missing_or_not_starting(monkeypatch):
    monkeypatch.setattr(database.shutil, "which", lambda name: None)
    monkeypatch.setattr(database, "SEARCH", ())
    with pytest.raises(SystemExit, match="BENCH_DATABASE_URL"):
        database.find_initdb()
    exited = subprocess.Popen(["true"])
    exited.wait()
    with pytest.raises(RuntimeError, match="did not start"):
        database.wait_ready(f"postgresql://nobody@127.0.0.1:{database.free_port()}/none", exited)


# --------------------------------------------------------------------------- micro-benchmarks


def test_micro_benchmarks_run_and_agree(tmp_path):
    output = tmp_path / "micro.json"
    done = subprocess.run(
        [sys.executable, "-m", "performance.bench.micro", "--objects", "50", "--repeats", "2", "--output", str(output)],
        cwd=SNIPPETS, env=bench_env(), capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(output.read_text())
    assert results["objects"] == 50
    assert {(r["library"], r["operation"]) for r in results["results"]} == {
        (lib, op) for lib in ("pydantic", "drf", "json") for op in ("validate", "dump")}
    assert all(len(r["seconds"]) == 2 and r["min"] <= r["median"] <= r["max"] for r in results["results"])


def test_micro_benchmarks_refuse_libraries_that_disagree():
    """The check compares values and their JSON types, for both operations: `==` takes 1.0 for 1 and
    1 for True, and a list of the right length says nothing about what is in it."""
    from decimal import Decimal

    from rest_framework import serializers
    from rest_framework.renderers import JSONRenderer

    from performance.bench.catalog import orders
    from performance.bench.django_project.serializers import LineSerializer, OrderSerializer

    class FloatLine(LineSerializer):
        quantity = serializers.FloatField()

    class LooseOrder(OrderSerializer):  # quantities as floats, `paid` as 0 or 1
        paid = serializers.IntegerField()
        lines = FloatLine(many=True)

    work = micro.cases(3)
    micro.check(work)
    loose = JSONRenderer().render(LooseOrder(orders(3), many=True).data)
    assert b'"paid":1,' in loose and b'"quantity":1.0,' in loose and json.loads(loose) == json.loads(work[("json", "dump")]())
    validated = work[("pydantic", "validate")]()
    wrong = {
        ("drf", "dump"): lambda: loose,
        ("drf", "validate"): lambda: [{}, {}, {}],
        ("pydantic", "validate"): lambda: [{**order.model_dump(), "id": Decimal(order.id)} for order in validated],
        ("pydantic", "dump"): lambda: b"[]",
    }
    for case, fake in wrong.items():
        with pytest.raises(AssertionError, match="disagree"):
            micro.check({**work, case: fake})


# --------------------------------------------------------------------------- report


def small_results() -> dict:
    def run(target: str, workers: int, endpoint: str, rps: list[float]) -> dict:
        return {"target": target, "workers": workers, "endpoint": endpoint, "repeats": [
            {"rps": r, "p50_ms": 2.0, "p99_ms": 9.5, "non_2xx_3xx": 0, "socket_errors": 1 if target == "drf-sync" else 0,
             "memory_kb": {"10": {"VmRSS": 40960, "VmHWM": 41000}, "11": {"VmRSS": 51200, "VmHWM": 52000}}}
            for r in rps]}

    return {"runs": [
        run("fastapi", 1, "hello", [1000, 1100, 1200]),
        run("fastapi", 1, "orders", [300, 310, 320]),
        run("drf-sync", 1, "hello", [500, 550, 600]),
        run("drf-sync", 2, "hello", [900, 1000, 1100]),  # no FastAPI figure to compare with, no /orders
    ]}


SMALL_MICRO = {"objects": 10000, "results": [
    {"library": lib, "operation": op, "median": m, "min": m * 0.9, "max": m * 1.2}
    for lib, op, m in [("pydantic", "validate", 0.01), ("drf", "validate", 0.12), ("json", "validate", 0.008),
                       ("pydantic", "dump", 0.004), ("drf", "dump", 0.06), ("json", "dump", 0.009)]]}


def test_report_tables_and_charts_from_a_small_results_file(tmp_path):
    (tmp_path / "results.json").write_text(json.dumps(small_results()))
    (tmp_path / "micro.json").write_text(json.dumps(SMALL_MICRO))
    tables, charts = tmp_path / "out", tmp_path / "charts"
    tables.mkdir()
    charts.mkdir()
    for stale in (tables / "rps-w9.md", charts / "rps-w9-hello.svg"):  # an earlier run's, no longer produced
        stale.write_text("old")
    (tables / "notes.txt").write_text("not the report's")
    assert report.main(["--results", str(tmp_path / "results.json"), "--micro", str(tmp_path / "micro.json"),
                        "--tables", str(tables), "--charts", str(charts)]) == 0
    assert (tables / "rps-w1.md").read_text() == (
        "|  | `/hello` | `/orders` |\n"
        "| --- | ---: | ---: |\n"
        "| `fastapi` | 1100 (1000–1200) · 1.00× | 310 (300–320) · 1.00× |\n"
        "| `drf-sync` | 550 (500–600) · 0.50× | – |\n"
    )
    assert (tables / "headline-w1.md").read_text() == (  # 1100/550; 1000/600 to 1200/500
        "|  | `fastapi` req/s | ÷ `drf` | ÷ `flask` | ÷ `django` |\n"
        "| --- | ---: | ---: | ---: | ---: |\n"
        "| `/hello` | 1100 | 2.00× (1.67–2.40) `drf-sync` | – | – |\n"
        "| `/orders` | 310 | – | – | – |\n"
    )
    assert not (tables / "environment.txt").exists()  # written only for a real run, which records the machine
    assert not (tables / "rps-w9.md").exists() and not (charts / "rps-w9-hello.svg").exists()
    assert (tables / "notes.txt").read_text() == "not the report's"  # only the report's own files are removed
    assert (tables / "rps-w2.md").read_text().splitlines()[-1] == "| `drf-sync` | 1000 (900–1100) · – |"
    assert (tables / "latency-w1.md").read_text().splitlines()[-1] == "| `drf-sync` | 2.0 / 9.5 ms | – |"
    assert (tables / "memory-w1.md").read_text().splitlines()[2:] == ["| `fastapi` | 45.0 | 2 | 0 |",
                                                                      "| `drf-sync` | 45.0 | 2 | 3 |"]
    assert (tables / "micro.md").read_text().splitlines()[3] == \
        "| `drf` | 120.0 ms (108.0–144.0) · 12.00× | 60.0 ms (54.0–72.0) · 15.00× |"
    assert sorted(p.name for p in charts.iterdir()) == [
        "micro-dump.svg", "micro-validate.svg", "rps-w1-hello.svg", "rps-w1-orders.svg", "rps-w2-hello.svg"]
    svg = ET.parse(charts / "rps-w1-hello.svg").getroot()
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "title desc"
    assert svg.find(f"{SVG}title").text == "GET /hello · req/s · workers=1"
    assert svg.find(f"{SVG}desc").text == "fastapi: 1100 req/s (1000–1200); drf-sync: 550 req/s (500–600)"
    assert {t.get("fill") for t in svg.iter(f"{SVG}text")} == {report.TEXT}
    assert [t.text for t in svg.iter(f"{SVG}text")][1:] == ["fastapi", "1100 req/s", "drf-sync", "550 req/s"]
    micro_svg = ET.parse(charts / "micro-validate.svg").getroot()
    assert micro_svg.find(f"{SVG}title").text == "validate · 10000 objects · ms"


def test_report_refuses_a_run_with_error_answers(tmp_path):
    """wrk counts an answer that is not 2xx or 3xx as a request served, so a server that fails fast
    would look fast: the report stops, naming the run, instead of publishing its figures. Socket
    errors and timeouts are no answers at all; the memory table counts them."""
    results = small_results()
    results["runs"][2]["repeats"][1]["non_2xx_3xx"] = 3
    (tmp_path / "results.json").write_text(json.dumps(results))
    done = subprocess.run(
        [sys.executable, "-m", "performance.bench.report", "--results", str(tmp_path / "results.json"),
         "--micro", str(tmp_path / "none.json"), "--tables", str(tmp_path / "out"), "--charts", str(tmp_path / "svg")],
        cwd=SNIPPETS, env=bench_env(), capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 2 and not (tmp_path / "out").exists()
    assert done.stderr.splitlines()[-1].endswith(
        "results.json: drf-sync /hello with 1 worker(s) gave 3 answers that were not 2xx or 3xx under load: "
        "fix the app and run the benchmark again")
    assert report.summarise(small_results())[(1, "drf-sync", "hello")]["errors"] == 3  # socket errors: counted


def test_report_without_results_says_what_to_run(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "performance.bench.report", "--results", str(tmp_path / "none.json"),
         "--micro", str(tmp_path / "none.json")],
        cwd=SNIPPETS, env=bench_env(), capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 2
    assert "run the harness and micro-benchmarks first" in done.stderr


def test_published_figures_equal_the_results_file(outputs):
    """The tables under out/ and the charts under docs/assets/images/bench/ are what the committed
    results produce. Until a real benchmark has been run on an idle machine there is nothing to check."""
    missing = [name for name in ("results.json", "micro.json") if not (BENCH / name).is_file()]
    assert not missing, f"snippets/performance/bench/{missing[0]} is missing: run `python3 dev.py bench` on an idle machine"
    tables, charts = report.generate(BENCH / "results.json", BENCH / "micro.json")
    command = "`cd snippets && python -m performance.bench.report`"
    for name, text in tables.items():  # compared as they are: the dates in environment.txt are data
        path = BENCH / "out" / name
        assert path.is_file() and path.read_text(encoding="utf-8") == text, f"{path}: stale or missing; run {command}"
        outputs.checked.add(f"performance/bench/out/{name}")  # checked here, against the results file
    for name, text in charts.items():
        path = CHARTS / name
        assert path.is_file() and path.read_text(encoding="utf-8") == text, f"{path}: stale or missing; run {command}"
    extra = sorted(p.name for p in CHARTS.glob("*.svg") if p.name not in charts)
    assert not extra, f"{CHARTS}: charts no results produce: {extra}; run {command}"
    extra = sorted(p.name for p in (BENCH / "out").iterdir() if p.name not in tables and p.name not in CAPTURED)
    assert not extra, f"{BENCH / 'out'}: tables no results produce: {extra}; run {command}"


def test_hops_refuses_to_count_a_request_that_failed():
    """A path the project does not serve: the count would describe an error page, so it is refused."""
    from performance.bench import django_hops

    with pytest.raises(RuntimeError, match="GET /no-such-page/ answered 404"):
        django_hops.hops("/no-such-page/")


def test_django_async_view_thread_hops(outputs):
    """The calls to sync_to_async one request to an async Django view makes, as the page lists them,
    and the threads it starts: asgiref gives each request a new one-thread executor (Django's ASGI
    handler opens a ThreadSensitiveContext per request), and one more thread shuts it down."""
    done = subprocess.run([sys.executable, "-m", "performance.bench.django_hops"], cwd=SNIPPETS, env=bench_env(),
                          capture_output=True, text=True, timeout=120, check=True)
    assert done.stderr == ""
    assert "SecurityMiddleware.process_request" in done.stdout and "no middleware: 2 calls" in done.stdout
    assert re.findall(r"(\d+) threads started", done.stdout) == ["2", "2"]  # with and without middleware
    outputs.check("performance/bench/out/django_hops.txt", done.stdout)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_quotes_the_measured_values_beside_the_notes_claims(lang):
    """The measured column of the claims table on each language's page is what the results give,
    written as that language writes numbers (ru: decimal comma, мс, МиБ, запросов/с)."""
    results = json.loads((BENCH / "results.json").read_text())
    measured = report.claims(results, json.loads((BENCH / "micro.json").read_text()), lang)
    page = f"docs/{lang}/performance/benchmarks.md"
    text = (SNIPPETS.parent / page).read_text(encoding="utf-8")
    claims = text[text.index("{ #claims }"):]
    stale = {key: value for key, value in measured.items() if f"| {value} |" not in claims}
    assert not stale, (f"{page}: the claims table does not show these measured values from results.json "
                       f"(report.claims); copy them into its rows: {stale}")


@pytest.mark.parametrize("value,digits,lang,written", [
    (47832.4, 0, "ru", "47\u00a0832"), (10000, 0, "ru", "10\u00a0000"), (2261.2, 0, "ru", "2261"),
    (3.8, 1, "ru", "3,8"), (13.584, 2, "ru", "13,58"), (-12456.0, 0, "ru", "-12\u00a0456"),
    (47832.4, 0, "en", "47832"), (13.584, 2, "en", "13.58"), (13.584, 2, "ko", "13.58"),
])
def test_a_claims_figure_is_written_as_the_pages_language_writes_numbers(value, digits, lang, written):
    """ru-style.md §4: a Russian reader reads 47,832 as 47.832 and 3.8 as a version."""
    assert report.figure(value, digits, lang) == written


def test_uvicorn_workers_wait_for_delayed_acks(outputs):
    """The page's explanation of the per-core figures of the Uvicorn targets: with --workers 2 the
    listening socket has proto 0, so asyncio leaves Nagle's algorithm on and each keep-alive
    response waits for the client's delayed ACK (uvicorn issue #3149). If a Uvicorn release fixes
    it, this fails: rerun the benchmark and rewrite the page's section on it."""
    done = subprocess.run([sys.executable, "-m", "performance.bench.keepalive"], cwd=SNIPPETS, env=bench_env(),
                          capture_output=True, text=True, timeout=180, check=True)
    verdicts = dict(line.split(", 20 requests on one keep-alive connection: ") for line in done.stdout.splitlines()[1:])
    # The page's way out keeps the cores: Gunicorn sets TCP_NODELAY on the socket it binds.
    assert verdicts["gunicorn -k uvicorn_worker.UvicornWorker --workers 2"].startswith("under 20 ms"), done.stdout
    assert verdicts["uvicorn --workers 2"].startswith("over 35 ms"), done.stdout
    outputs.check("performance/bench/out/keepalive.txt", done.stdout)


def test_what_the_page_says_about_the_results_holds():
    """Every comparison the page states in words ("What the numbers say", the note's claims, and the
    summary in overview/at_a_glance.md#performance), checked against the committed results, so a new
    run that changes the picture fails here first."""
    data = report.summarise(json.loads((BENCH / "results.json").read_text()))
    one, cores = min(w for w, _, _ in data), max(w for w, _, _ in data)
    rps = {(w, t, e): cell["rps"] for (w, t, e), cell in data.items()}
    targets = {t for _, t, _ in data}
    gunicorn = {t for t in targets if t.endswith(("-sync", "-gthread"))}
    # /hello, one worker: FastAPI first, then Flask, Django, DRF (each at its best); async Django last.
    at_best = {f: report.best(data, one, f, "hello")[1]["rps"] for f in report.FAMILIES}
    assert rps[(one, "fastapi", "hello")] > at_best["flask"] > at_best["django"] > at_best["drf"]
    assert min(targets, key=lambda t: rps[(one, t, "hello")]) == "django-async"
    # /orders: plain Flask and Django above FastAPI; DRF's serializers the slowest way.
    assert rps[(one, "flask-sync", "orders")] > rps[(one, "fastapi", "orders")]
    assert rps[(one, "django-sync", "orders")] > rps[(one, "fastapi", "orders")]
    assert min(gunicorn, key=lambda t: rps[(one, t, "orders")]).startswith("drf-")
    # /upstream: the ceilings of a 20 ms wait (50/s per sync worker, 200/s per 4-thread worker);
    # one Uvicorn worker many times above; gthread about four times sync; async Django above Gunicorn.
    for t in gunicorn:
        ceiling = 50 if t.endswith("-sync") else 200
        assert rps[(one, t, "upstream")] <= ceiling * 1.02, t
        assert rps[(one, "fastapi", "upstream")] > 5 * rps[(one, t, "upstream")], t
        assert rps[(one, "django-async", "upstream")] > rps[(one, t, "upstream")], t
    assert 4 < rps[(one, "flask-gthread", "upstream")] / rps[(one, "flask-sync", "upstream")] < 5
    # /products: all but async Django between 0.8 and 1.4 times FastAPI.
    for t in targets - {"django-async"}:
        assert 0.8 < rps[(one, t, "products")] / rps[(one, "fastapi", "products")] < 1.4, t
    # django-async slowest on /hello and /products with either worker count; on /orders, with one
    # worker, only the DRF targets are slower.
    for w in (one, cores):
        for e in ("hello", "products"):
            assert min(targets, key=lambda t: rps[(w, t, e)]) == "django-async", (w, e)
    slower = {t for t in targets if rps[(one, t, "orders")] < rps[(one, "django-async", "orders")]}
    assert slower == {"drf-sync", "drf-gthread"}
    # One worker per core: every Gunicorn target gains on /hello; FastAPI loses (delayed ACKs), and
    # stays under the 64 connections / 40 ms ceiling.
    for t in gunicorn:
        for e in report.ENDPOINTS:
            assert rps[(cores, t, e)] > rps[(one, t, e)], (t, e)
    assert rps[(cores, "fastapi", "hello")] < rps[(one, "fastapi", "hello")]
    assert rps[(cores, "fastapi", "upstream")] < rps[(one, "fastapi", "upstream")]
    assert rps[(cores, "fastapi", "hello")] < 64 / 0.040
    # The summary's qualifiers: with one worker per core FastAPI is behind every framework at its
    # best on /hello, and ahead on /upstream by about 2.5x (against 6 to 10x with one worker).
    for family in report.FAMILIES:
        assert rps[(cores, "fastapi", "hello")] < report.best(data, cores, family, "hello")[1]["rps"], family
        ratio = rps[(cores, "fastapi", "upstream")] / report.best(data, cores, family, "upstream")[1]["rps"]
        assert 2.3 < ratio < 2.8, (family, ratio)
        ratio = rps[(one, "fastapi", "upstream")] / report.best(data, one, family, "upstream")[1]["rps"]
        assert 6 < ratio < 10, (family, ratio)
    # /products, one worker: FastAPI's median within the range of the sync targets' medians (between
    # the lowest and the highest of them), its p99 several times every other target's (the page says
    # the cause is not established).
    p50 = {t: data[(one, t, "products")]["p50"] for t in targets}
    p99 = {t: data[(one, t, "products")]["p99"] for t in targets}
    sync_p50 = [p50[t] for t in gunicorn if t.endswith("-sync")]
    assert min(sync_p50) <= p50["fastapi"] <= max(sync_p50)
    assert all(p99["fastapi"] > 3 * p99[t] for t in targets - {"fastapi"})
    # Memory: a FastAPI worker is the larger process than a DRF one.
    rss = {t: max(c["rss_mib"] for (w, tt, _), c in data.items() if (w, tt) == (one, t)) for t in targets}
    assert rss["fastapi"] > rss["drf-sync"]
    # Micro-benchmarks: Pydantic well ahead of DRF both ways (more than the note's 8x when dumping);
    # json.loads (no checks) beats Pydantic's validation; Pydantic's dump beats json.dumps.
    micro = {(r["library"], r["operation"]): r["median"] for r in json.loads((BENCH / "micro.json").read_text())["results"]}
    assert micro[("drf", "validate")] > 5 * micro[("pydantic", "validate")]
    assert micro[("drf", "dump")] > 8 * micro[("pydantic", "dump")]
    assert micro[("json", "validate")] < micro[("pydantic", "validate")]
    assert micro[("pydantic", "dump")] < micro[("json", "dump")]


def test_the_summary_names_the_machine_the_results_come_from():
    """overview/at_a_glance.md#performance says where the figures come from: a 2-core machine
    without uvloop or httptools. A results file from another machine fails here: update the summary."""
    machine = json.loads((BENCH / "results.json").read_text())["machine"]
    assert machine["cores"] == 2, "results.json is from another machine: update overview/at_a_glance.md"
    assert not machine["packages"].get("uvloop") and not machine["packages"].get("httptools")


def test_the_upstream_answer_says_how_long_it_waited():
    """Every app's waiting endpoint sleeps UPSTREAM_DELAY and answers UPSTREAM: the payload's
    `waited_ms` is that delay, so a change of one without the other shows here."""
    assert catalog.UPSTREAM == {"upstream": "ok", "waited_ms": round(catalog.UPSTREAM_DELAY * 1000)}
    assert catalog.UPSTREAM_DELAY == 0.02  # the page: a 20 ms upstream call


def test_each_order_has_three_lines_with_growing_prices():
    """The orders payload: each order has three lines, their quantities 1, 2, 3 and their prices
    2.50 apart from 9.99 (what the serializers of every app are measured on)."""
    for order in catalog.orders(7):
        assert [line.quantity for line in order.lines] == [1, 2, 3]
        assert [line.unit_price for line in order.lines] == [9.99, 12.49, 14.99]
        assert order.paid == (order.status != "new")


NUMBER_WORDS = {"en": {"five": 5, "three": 3}, "ko": {"다섯": 5, "세": 3}, "ru": {"пять": 5, "три": 3}}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_endpoint_table_describes_what_the_apps_serve(lang):
    """The page's table of the four endpoints, in each language, against the payloads every app is
    checked on (the harness's ENDPOINTS): the /hello body as shown, as many orders as it says, the
    lines per order, the upstream wait in ms and the rows /products reads. The tests compare the apps
    with catalog.py; this compares catalog.py with what the reader is told."""
    from guide_tools.website.content import DOCS

    text = (DOCS / lang / "performance" / "benchmarks.md").read_text(encoding="utf-8")
    rows = {m[1]: m[2] for m in re.finditer(r"^\| `GET /(\w+)` \| (.+?) \|", text, re.MULTILINE)}
    assert set(rows) == {"hello", "orders", "upstream", "products"}, rows
    words = NUMBER_WORDS[lang]

    def numbers(cell: str) -> list[int]:
        found = [(m.start(), int(m[0])) for m in re.finditer(r"\d+", cell)]
        found += [(m.start(), words[m[0]]) for m in re.finditer("|".join(words), cell)]
        return [value for _, value in sorted(found)]

    assert json.loads(re.search(r"`(\{.+\})`", rows["hello"])[1]) == harness.ENDPOINTS["hello"] == catalog.HELLO
    orders = harness.ENDPOINTS["orders"]
    assert numbers(rows["orders"]) == [len(orders), 3], rows["orders"]
    assert {len(order["lines"]) for order in orders} == {3} and all(order["customer"] for order in orders)
    assert numbers(rows["upstream"]) == [round(catalog.UPSTREAM_DELAY * 1000)], rows["upstream"]
    assert numbers(rows["products"]) == [catalog.PRODUCT_COUNT], rows["products"]
