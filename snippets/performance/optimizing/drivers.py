"""psycopg 3 or asyncpg: the benchmark's FastAPI app on GET /products, once per driver, driven by wrk.

    cd snippets && python -m performance.optimizing.drivers

The harness of the Benchmarks page does the work (its server, check, warm-up and wrk runs); only the
SQLAlchemy driver differs between the two servers, which take turns. Writes drivers.json, prints the table.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib.metadata
import json
import os
import statistics
import sys
import time
from pathlib import Path

from performance.bench import database, harness

HERE = Path(__file__).resolve().parent
DRIVERS = ("psycopg", "asyncpg")
FASTAPI = next(target for target in harness.TARGETS if target.name == "fastapi")
ENDPOINT = "products"


MARKERS = {"psycopg": "libpq", "asyncpg": "/asyncpg/"}  # compiled code each driver maps into its process


def check_driver(pids: list[int], driver: str, timeout: float = 60) -> None:
    """Refuse to measure a server whose processes did not load the driver they were given, judged by the
    shared libraries in their memory maps (Linux). A worker may still be starting: wait for it."""
    (other,) = set(DRIVERS) - {driver}
    deadline = time.monotonic() + timeout
    for pid in pids:
        while MARKERS[driver] not in (maps := Path(f"/proc/{pid}/maps").read_text()) or MARKERS[other] in maps:
            if MARKERS[other] in maps or time.monotonic() > deadline:
                raise RuntimeError(f"process {pid} does not run on {driver} alone: was BENCH_ASYNC_DRIVER passed to it?")
            time.sleep(0.1)


# --8<-- [start:run]
def run(options: argparse.Namespace) -> dict:
    wrk = harness.find_wrk()
    deadline = time.monotonic() + options.time_limit
    workers = sorted({(os.cpu_count() or 1) if w == "auto" else int(w) for w in options.workers.split(",")})
    results = {"date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
               "machine": harness.machine(wrk), "settings": {**vars(options), "worker_counts": workers},
               "runs": []}
    del results["settings"]["database_url"], results["settings"]["output"]
    results["machine"]["packages"]["asyncpg"] = importlib.metadata.version("asyncpg")
    with contextlib.ExitStack() as stack:
        dsn = options.database_url or stack.enter_context(database.throwaway_postgres())
        results["machine"]["postgres"] = database.seed(dsn)
        env = {**os.environ, "BENCH_DATABASE_URL": dsn}
        for count in workers:
            with contextlib.ExitStack() as servers:  # the same app and server; only the URL's driver differs
                started = {driver: servers.enter_context(harness.serve(FASTAPI, count, {**env, "BENCH_ASYNC_DRIVER": driver}))
                           for driver in DRIVERS}
                for driver, server in started.items():
                    check_driver(harness.workers_of(server.proc.pid), driver)
                runs = {driver: {"driver": driver, "workers": count, "repeats": []} for driver in DRIVERS}
                for round_ in range(options.repeats):  # taking turns: a change in load hits both drivers alike
                    once = argparse.Namespace(**{**vars(options), "repeats": 1, "warmup": 0 if round_ else options.warmup})
                    for driver, server in started.items():
                        runs[driver]["repeats"] += harness.measure(server, ENDPOINT, once, wrk, deadline)["repeats"]
                results["runs"] += runs.values()
    return results
# --8<-- [end:run]


def table(results: dict) -> str:
    """The figures as the page shows them: per worker count and driver, the median of the repeats."""
    machine, settings = results["machine"], results["settings"]
    lines = [
        f"FastAPI on GET /{ENDPOINT} (5 rows from PostgreSQL {machine['postgres'].split()[0]}), Uvicorn; "
        f"wrk {settings['wrk_threads']} threads x {settings['connections']} connections, "
        f"{settings['repeats']} x {settings['duration']} s after a {settings['warmup']} s warm-up",
        f"{'workers':>7}  {'driver':<8}  {'requests/s':>10}  {'(min-max)':>13}  {'p50 ms':>6}  {'p99 ms':>6}  errors",
    ]
    for run in results["runs"]:
        repeats = run["repeats"]
        rps = [r["rps"] for r in repeats]
        errors = sum(r["non_2xx_3xx"] + r["socket_errors"] for r in repeats)
        lines.append(f"{run['workers']:>7}  {run['driver']:<8}  {statistics.median(rps):>10.0f}  "
                     f"{f'({min(rps):.0f}-{max(rps):.0f})':>13}  "
                     f"{statistics.median(r['p50_ms'] for r in repeats):>6.1f}  "
                     f"{statistics.median(r['p99_ms'] for r in repeats):>6.1f}  {errors}")
    packages = machine["packages"]
    lines.append(f"{machine['cpu']}, {machine['cores']} cores, load average {machine['load_average'][0]:.1f} "
                 f"at the start; Python {machine['python']}, SQLAlchemy {packages['sqlalchemy']}, "
                 f"psycopg {packages['psycopg']}, asyncpg {packages['asyncpg']}, {results['date'][:10]}")
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m performance.optimizing.drivers", description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=HERE / "drivers.json")
    harness.add_load_options(parser)
    parser.add_argument("--time-limit", type=int, default=1800, help="seconds; stop the whole run after this")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    results = run(options)
    options.output.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results), end="")
    print(f"wrote {options.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
