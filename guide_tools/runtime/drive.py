"""Drivers: what produces a captured output, run by the tests and by the page's Run button alike.

A topic whose outputs run in the browser has a `drive.py` beside its snippets (for example
snippets/compare/routing/drive.py) declaring, for each captured output file, the framework and the
request that produced it:

    APPS = {"flask": "compare.routing.flask_app:app", "fastapi": "...:app", "django": "...settings"}
    OUTPUTS = {"flask_static.txt": ("flask", "GET /"), ...}

(an OUTPUTS entry may add a third item, the headers its transcript shows, when not the default).

Its test sends the request with `send(client, request)` and checks the text against the output
file; in the browser `run_output(module, output)` makes the framework's client from APPS and sends
the same request through the same `send`. `render` is the transcript both print.

This module is copied into the browser (guide_tools/runtime/listings.py) and imports nothing of
the project beyond itself: keep it that way.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import sys
from collections.abc import Iterable

# Headers worth showing by default; the rest (length, date, server) only add noise.
DEFAULT_HEADERS = ("content-type", "location", "allow", "set-cookie", "www-authenticate")
IN_BROWSER = sys.platform == "emscripten"


# --------------------------------------------------------------------------- the transcript


def _parts(response) -> tuple[str, list[tuple[str, str]], str]:
    """(status line, headers, body) of a Werkzeug, httpx or Django test response."""
    if hasattr(response, "get_data"):  # Werkzeug (Flask test client)
        status = response.status  # e.g. "404 NOT FOUND", exactly what Werkzeug sends
        headers = list(response.headers.items())
        body = response.get_data(as_text=True)
    elif hasattr(response, "reason_phrase") and not hasattr(response, "streaming"):  # httpx (Starlette TestClient)
        status = f"{response.status_code} {response.reason_phrase}"
        headers = list(response.headers.items())
        body = response.text
    else:  # Django test client: cookies live in response.cookies, not in the headers
        status = f"{response.status_code} {response.reason_phrase}"
        headers = list(response.headers.items())
        headers += [("Set-Cookie", morsel.output(header="").strip()) for morsel in response.cookies.values()]
        body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    return status, headers, body


def render(response, request: str, *, headers: Iterable[str] = DEFAULT_HEADERS) -> str:
    """A short HTTP transcript: the request line, the status, the headers that matter, the body.

    JSON bodies are pretty-printed (the page says so); everything else is shown as sent.
    """
    status, all_headers, body = _parts(response)
    wanted = {h.lower() for h in headers}
    lines = [request, "", f"HTTP/1.1 {status}"]
    lines += [f"{name.lower()}: {value}" for name, value in all_headers if name.lower() in wanted]
    content_type = {k.lower(): v for k, v in all_headers}.get("content-type", "")
    if body and "json" in content_type:
        body = json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    lines += ["", body] if body else []
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- sending a request


def _split(request: str) -> tuple[str, str, dict[str, str], str]:
    """A request as the transcripts show it: "METHOD /path", then header lines, then a blank line
    and the body ("POST /orders\nContent-Type: application/json\n\n{...}")."""
    head, _, body = request.partition("\n\n")
    first, *lines = head.split("\n")
    method, _, path = first.partition(" ")
    headers = dict(line.split(": ", 1) for line in lines)
    return method.upper(), path, headers, body


def send(client, request: str, shown: Iterable[str] = DEFAULT_HEADERS) -> str:
    """Send `request` (see `_split`) through a synchronous test client (Flask's, Django's, or
    Starlette's TestClient), redirects not followed, and return its transcript."""
    method, path, headers, body = _split(request)
    if hasattr(client, "generic") and not hasattr(client, "open"):  # Django's test Client
        content_type = headers.pop("Content-Type", "application/octet-stream")
        response = client.generic(method, path, body, content_type, headers=headers or None)
    elif hasattr(client, "open"):  # Werkzeug's (Flask's) test client
        response = client.open(path, method=method, headers=headers, data=body or None, follow_redirects=False)
    else:  # httpx.Client (Starlette's TestClient is one)
        response = client.request(method, path, headers=headers, content=body or None, follow_redirects=False)
    text = render(response, request, headers=shown)
    if hasattr(response, "get_data"):
        response.close()  # Werkzeug's: a static file's response holds the file open until closed
    return text


async def send_async(client, request: str, shown: Iterable[str] = DEFAULT_HEADERS) -> str:
    """`send` through an httpx2.AsyncClient (FastAPI in the browser, through ASGITransport)."""
    method, path, headers, body = _split(request)
    response = await client.request(method, path, headers=headers, content=body or None, follow_redirects=False)
    return render(response, request, headers=shown)


# --------------------------------------------------------------------------- in a fresh interpreter (the browser)


def _attribute(reference: str):
    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)


def browser_setup() -> None:
    """What the browser needs that the tests do not; each change is said on the page (run.js, NOTES).

    - No threads in a browser page: Starlette runs a plain `def` endpoint or dependency in a thread
      pool (anyio.to_thread.run_sync); here it is called inline, in the event loop.
    - Pyodide always has a running event loop, so Django's guard against calling the ORM from one
      would refuse every query: DJANGO_ALLOW_ASYNC_UNSAFE turns it off.
    """
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        import anyio.to_thread
    except ImportError:
        return

    async def run_inline(function, *args, abandon_on_cancel=False, cancellable=None, limiter=None):
        return function(*args)

    anyio.to_thread.run_sync = run_inline


# Django settings for a topic without a settings module of its own (APPS["django"] is then a dict
# of the settings it needs, such as ROOT_URLCONF): what tests/django_settings.py sets that matters
# to a response.
DJANGO_DEFAULTS = {
    "DEBUG": False, "USE_TZ": True, "ALLOWED_HOSTS": [],
    "MIDDLEWARE": ["django.middleware.security.SecurityMiddleware", "django.middleware.common.CommonMiddleware"],
}


def _django_client(settings_module: str | dict):
    import django
    from django.conf import empty, settings
    from django.test import Client
    from django.urls import clear_url_caches, set_urlconf

    if isinstance(settings_module, dict):
        import secrets

        values = {**DJANGO_DEFAULTS, "SECRET_KEY": secrets.token_urlsafe(50), **settings_module}
    else:
        module = importlib.import_module(settings_module)
        values = {n: getattr(module, n) for n in dir(module) if n.isupper() and not n.startswith("_")}
    values["ALLOWED_HOSTS"] = [*values.get("ALLOWED_HOSTS", []), "testserver"]
    values.setdefault("DATABASES", {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}})
    settings._wrapped = empty  # a Run after an edit configures Django again, in the same interpreter
    settings.configure(**values)
    django.setup()
    clear_url_caches()
    set_urlconf(None)
    return Client(raise_request_exception=False)  # a server error is a response on the page, as in the tests


async def run_output(module: str, output: str) -> str:
    """The transcript of `output` (a file name in the topic's out/ folder), produced by the
    request `module` (a topic's drive.py, dotted) declares for it, through a client made here."""
    driver = importlib.import_module(module)
    framework, request, *shown = driver.OUTPUTS[output]  # shown: the headers the transcript shows, if not the default
    shown = shown[0] if shown else DEFAULT_HEADERS
    target = driver.APPS[framework]
    if framework == "django":
        return send(_django_client(target), request, shown)
    if framework == "fastapi":
        import httpx2  # the HTTP client of Starlette's TestClient, which the tests use

        transport = httpx2.ASGITransport(app=_attribute(target))
        async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await send_async(client, request, shown)
    return send(_attribute(target).test_client(), request, shown)


async def call(entry: str, *args):
    """The worker's one entry point: `module:function` called with `args`, awaited if it is a
    coroutine function; its value is returned as text (a later caller can run pytest this way)."""
    value = _attribute(entry)(*args)
    if inspect.isawaitable(value):
        value = await value
    return value if isinstance(value, str) else repr(value)
