"""Time requests on one keep-alive connection to Uvicorn with one worker and with two, and to
Gunicorn running two Uvicorn workers.

    cd snippets && python -m performance.bench.keepalive

Starts the benchmark's FastAPI app under `uvicorn --workers 1`, `--workers 2` and `gunicorn -k
uvicorn_worker.UvicornWorker --workers 2` (through the harness, on a throwaway PostgreSQL), sends
20 requests one after another on a single connection, and says whether they waited for the
client's delayed ACK (about 40 ms on Linux) or not (a millisecond or two). The measured medians
go to stderr: they vary from run to run.
"""

from __future__ import annotations

import http.client
import os
import socket
import statistics
import sys
import time
from dataclasses import replace

from uvicorn.config import Config

from performance.bench import database, harness

FASTAPI = harness.TARGETS[0]
UNDER_GUNICORN = replace(FASTAPI, name="fastapi-gunicorn", server="gunicorn-uvicorn_worker.UvicornWorker")


# --8<-- [start:probe]
def keepalive_ms(port: int, requests: int = 20, path: str = "/hello") -> float:
    """Median milliseconds per request, one connection, after a first request opens it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        times = []
        for _ in range(requests + 1):
            start = time.perf_counter()
            connection.request("GET", path)
            connection.getresponse().read()
            times.append(time.perf_counter() - start)
    finally:
        connection.close()
    return statistics.median(times[1:]) * 1000


def listener_proto(workers: int) -> int:
    """The `proto` of the socket Uvicorn binds itself before starting N worker processes; asyncio
    sets TCP_NODELAY on accepted connections only when it is IPPROTO_TCP (6)."""
    sock = Config(app=FASTAPI.app, host="127.0.0.1", port=0, workers=workers).bind_socket()
    with sock:
        return sock.proto
# --8<-- [end:probe]


def main() -> None:
    print(f"the socket Uvicorn binds for --workers 2: proto={listener_proto(2)} (IPPROTO_TCP is {socket.IPPROTO_TCP})")
    with database.throwaway_postgres() as dsn:
        env = {**os.environ, "BENCH_DATABASE_URL": dsn}
        for target, workers, command in [(FASTAPI, 1, "uvicorn --workers 1"), (FASTAPI, 2, "uvicorn --workers 2"),
                                         (UNDER_GUNICORN, 2, "gunicorn -k uvicorn_worker.UvicornWorker --workers 2")]:
            with harness.serve(target, workers, env) as server:
                ms = keepalive_ms(server.port)
            print(f"{command}: median {ms:.1f} ms", file=sys.stderr)
            verdict = ("over 35 ms each: every response waits for a delayed ACK" if ms > 35
                       else "under 20 ms each: no waiting" if ms < 20 else "between 20 and 35 ms: unclear, run again")
            print(f"{command}, 20 requests on one keep-alive connection: {verdict}")


if __name__ == "__main__":
    main()
