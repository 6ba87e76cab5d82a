"""Where an async Django view leaves the event loop: every sync_to_async call of one request.

    cd snippets && python -m performance.bench.django_hops

Under ASGI, Django runs each synchronous part of its request handling in a thread through
asgiref's `sync_to_async`. This sends one GET to the benchmark's async `/async/hello` view,
through the same settings the benchmark uses, and lists those calls; then again with no
middleware. Nothing is timed: it counts.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import threading
from unittest import mock

from asgiref.sync import SyncToAsync


async def get(app, path: str) -> int:
    """One HTTP GET through an ASGI app, without a server; returns the status."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
             "root_path": "", "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 50000),
             "server": ("127.0.0.1", 8000)}
    sent = []
    request_sent = False

    async def receive():
        nonlocal request_sent
        if not request_sent:
            request_sent = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()  # no disconnect: the handler cancels this when it is done

    async def send(message):
        sent.append(message)

    await app(scope, receive, send)
    return sent[0]["status"]


# --8<-- [start:hops]
def hops(path: str = "/async/hello") -> tuple[list[str], int]:
    """The functions the request sent to a thread, in order, and how many threads it started."""
    from django.core.handlers.asgi import ASGIHandler

    calls, started = [], []
    original, start = SyncToAsync.__call__, threading.Thread.start

    async def counting(self, *args, **kwargs):
        calls.append(getattr(self.func, "__qualname__", type(self.func).__qualname__))
        return await original(self, *args, **kwargs)

    def starting(thread):
        started.append(thread.name)
        return start(thread)

    with mock.patch.object(SyncToAsync, "__call__", counting), mock.patch.object(threading.Thread, "start", starting):
        status = asyncio.run(get(ASGIHandler(), path))  # a new handler loads the current MIDDLEWARE
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}")
    return calls, len(started)
# --8<-- [end:hops]


def main() -> None:
    os.environ.setdefault("BENCH_DATABASE_URL", "postgresql://bench@127.0.0.1/bench")  # not connected to
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["DJANGO_SETTINGS_MODULE"] = "performance.bench.django_project.settings"
    import django
    from django.conf import settings
    from django.test.utils import override_settings

    django.setup()
    for label, middleware in (("the benchmark's settings", settings.MIDDLEWARE), ("no middleware", [])):
        with override_settings(MIDDLEWARE=middleware):
            calls, threads = hops()
        print(f"GET /async/hello, {label}: {len(calls)} calls to sync_to_async, {threads} threads started")
        for name in calls:
            print(f"  {name}")


if __name__ == "__main__":
    main()
