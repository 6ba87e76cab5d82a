"""Call a web app through its standard interface alone: no server, no framework test client."""

from __future__ import annotations

import asyncio
from wsgiref.util import setup_testing_defaults


# --8<-- [start:wsgi]
def call_wsgi(app, path: str) -> tuple[str, bytes]:
    """WSGI (PEP 3333): the app is a callable taking (environ, start_response)."""
    environ = {"PATH_INFO": path}
    setup_testing_defaults(environ)  # (1)!
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"] = status

    chunks = app(environ, start_response)  # (2)!
    try:
        body = b"".join(chunks)
    finally:
        if hasattr(chunks, "close"):
            chunks.close()
    return started["status"], body
# --8<-- [end:wsgi]


# --8<-- [start:asgi]
def call_asgi(app, path: str) -> tuple[int, bytes]:
    """ASGI: the app is a coroutine taking (scope, receive, send)."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
        "method": "GET", "scheme": "http", "path": path, "raw_path": path.encode(),
        "query_string": b"", "root_path": "", "headers": [(b"host", b"localhost")],
    }
    messages = []

    async def run():
        finished = asyncio.Event()
        requested = False

        async def receive():  # (1)!
            nonlocal requested
            if not requested:
                requested = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await finished.wait()
            return {"type": "http.disconnect"}

        async def send(message):  # (2)!
            messages.append(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                finished.set()

        await app(scope, receive, send)

    asyncio.run(run())
    status = messages[0]["status"]
    body = b"".join(m.get("body", b"") for m in messages[1:])
    return status, body
# --8<-- [end:asgi]
