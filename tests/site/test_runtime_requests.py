"""The drivers' requests (guide_tools/runtime/drive.py) beyond one plain request: a multipart body and
a long one written short, a conditional request that sends back the URL's ETag, a list of requests
shown one status line each, and a Django Run that starts with its storages forgotten. Each test
holds the test's side and the browser's alike: both send through these functions."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from types import SimpleNamespace

import httpx2
import pytest
from flask import Flask, request
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from guide_tools.runtime import listings
from guide_tools.runtime.drive import converse, converse_async, joined, render, send, send_async, shown_part, wire_body
from guide_tools.website.content import ROOT

UPLOAD = ('POST /upload\nContent-Type: multipart/form-data; boundary=b\n\n--b\nContent-Disposition: form-data; '
          'name="file"; filename="a.bin"\nContent-Type: application/octet-stream\n\n{content}\n--b--')


def upload_app() -> Flask:
    app = Flask("uploads")

    @app.post("/upload")
    def upload():
        file = request.files["file"]
        data = file.read()
        return {"name": file.filename, "size": len(data), "only_x": set(data) == {ord("x")}}

    return app


def test_a_multipart_body_is_sent_with_crlf_and_a_long_file_written_short():
    """The transcript shows the body with plain line ends and `<N bytes of file data>`; the wire gets
    CRLF line ends, a last one too, and N bytes. Other bodies are sent as written."""
    body = UPLOAD.format(content="<5 bytes of file data>").partition("\n\n")[2]
    multipart = {"Content-Type": "multipart/form-data; boundary=b"}
    assert wire_body(multipart, body) == (
        '--b\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\nxxxxx\r\n--b--\r\n")
    assert wire_body({"content-type": "application/json"}, '{\n  "a": 1\n}') == '{\n  "a": 1\n}'  # no CRLF
    shown = UPLOAD.format(content="<1048576 bytes of file data>")
    text = send(upload_app().test_client(), shown)
    assert text.startswith(shown + "\n\nHTTP/1.1 200 OK")  # the request as written
    assert '"size": 1048576' in text and '"only_x": true' in text and '"name": "a.bin"' in text


def test_allow_is_shown_in_one_order_by_every_framework():
    """Allow's methods in alphabetical order, in the transcript itself (the test's output and the
    browser's Run alike): DRF sent `POST, OPTIONS` where the captured file, sorted by a normaliser
    of the tests alone, said `OPTIONS, POST` (performance/serialization's drf_lax)."""
    assert render(httpx2.Response(405, headers={"Allow": "POST, OPTIONS"}), "GET /orders").splitlines()[3] == "allow: OPTIONS, POST"
    werkzeug = Flask("allow")  # from a set: the order of one process's string hashes
    werkzeug.add_url_rule("/orders", "orders", lambda: "", methods=["POST", "PUT", "DELETE"])
    assert "\nallow: DELETE, OPTIONS, POST, PUT\n" in render(werkzeug.test_client().get("/orders"), "GET /orders")


def test_django_finds_the_part_only_with_crlf():
    """Django's multipart parser needs CRLF (Werkzeug's takes plain line ends too): the reason for the rule."""
    import io

    from django.core.files.uploadhandler import MemoryFileUploadHandler
    from django.http.multipartparser import MultiPartParser

    headers = {"Content-Type": "multipart/form-data; boundary=b"}
    body = UPLOAD.format(content="hello").partition("\n\n")[2]

    def files(data: str):
        meta = {"CONTENT_TYPE": headers["Content-Type"], "CONTENT_LENGTH": str(len(data.encode()))}
        return MultiPartParser(meta, io.BytesIO(data.encode()), [MemoryFileUploadHandler()], "utf-8").parse()[1]

    assert not files(body)  # as written: no part found
    assert files(wire_body(headers, body))["file"].read() == b"hello"


class Revalidated:
    """A static file whose ETag changes on every GET unless If-None-Match carries the current one."""

    def __init__(self) -> None:
        self.served = 0

    def etag(self) -> str:
        return f'"v{self.served}"'

    def flask(self) -> Flask:
        app = Flask("etag")

        @app.get("/file")
        def file():
            if request.headers.get("If-None-Match") == self.etag():
                return "", 304, {"ETag": self.etag()}
            self.served += 1
            return "content", 200, {"ETag": self.etag()}

        return app

    def starlette(self) -> Starlette:
        async def file(scope_request):
            if scope_request.headers.get("if-none-match") == self.etag():
                return Response(status_code=304, headers={"ETag": self.etag()})
            self.served += 1
            return PlainTextResponse("content", headers={"ETag": self.etag()})

        return Starlette(routes=[Route("/file", file)])


def test_a_conditional_request_sends_back_the_etag_a_get_answered_with():
    """`If-None-Match: "<etag>"`: a GET of the URL first (not shown), its ETag sent back: 304, in the
    test's clients and in the browser's async one; the transcript shows the request as written."""
    request_text = 'GET /file\nIf-None-Match: "<etag>"'
    site = Revalidated()
    text = send(site.flask().test_client(), request_text)
    assert text.startswith(request_text + "\n\nHTTP/1.1 304 NOT MODIFIED"), text
    assert site.served == 1  # the GET before it, and only that

    async def browser() -> str:
        transport = httpx2.ASGITransport(app=Revalidated().starlette())
        async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await send_async(client, request_text)

    assert asyncio.run(browser()).startswith(request_text + "\n\nHTTP/1.1 304 Not Modified")
    assert "200 OK" in send(site.flask().test_client(), "GET /file\nIf-None-Match: \"v0\"")  # a stale one: the file

    no_etag = Flask("none")
    no_etag.get("/file")(lambda: "content")
    with pytest.raises(LookupError, match=r"GET /file sends back the URL's ETag, but a GET of it answered none"):
        send(no_etag.test_client(), request_text)


def status_app() -> Flask:
    app = Flask("status")

    @app.get("/a")
    def a():
        return "a"

    @app.get("/longer/path")
    def moved():
        return "", 302, {"Location": "/a"}

    return app


def test_cut_status_shows_one_aligned_line_per_request():
    """CUT "status": each shown request's line and the status it got (where a redirect points),
    the arrows aligned, no blank line between; the browser's async conversation gives the same."""
    driver = SimpleNamespace(OUTPUTS={"s.txt": ("flask", ["GET /a", "GET /longer/path", "GET /missing"])},
                             CUT={"s.txt": "status"})
    expected = ("GET /a            ->  200 OK\n"
                "GET /longer/path  ->  302 FOUND  (location: /a)\n"
                "GET /missing      ->  404 NOT FOUND\n")
    assert converse(status_app().test_client(), driver, "s.txt") == expected
    assert shown_part("status", "POST /x\n\n{}\n\nHTTP/1.1 201 Created\ncontent-type: x\n\n{}\n") == "POST /x  ->  201 Created\n"
    assert joined(None, ["a\n", "b\n"]) == "a\n\nb\n"  # other outputs: a blank line between

    async def browser() -> str:
        starlette = Starlette(routes=[Route("/a", lambda r: PlainTextResponse("a"))])
        async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=starlette), base_url="http://testserver") as client:
            return await converse_async(client, SimpleNamespace(OUTPUTS={"s.txt": ("fastapi", ["GET /a", "GET /nope"])},
                                                                CUT={"s.txt": "status"}), "s.txt")

    assert asyncio.run(browser()) == "GET /a     ->  200 OK\nGET /nope  ->  404 Not Found\n"


def test_cut_status_is_a_known_view(tmp_path):
    topic = tmp_path / "compare" / "demo"
    topic.mkdir(parents=True)
    topic.joinpath("drive.py").write_text('APPS = {"flask": "compare.demo.app:app"}\nOUTPUTS = {"a.txt": ("flask", ["GET /"])}\n'
                                          'CUT = {"a.txt": "status"}\n', encoding="utf-8")
    assert "compare/demo/out/a.txt" in listings.runnable(tmp_path)


def test_a_django_run_starts_with_its_storages_forgotten(tmp_path):
    """A storage keeps its folder, a relative one made absolute against the working directory of the
    Run that first used it: the next Run's upload went into the last Run's folder, and a file of
    the same name there gave it a new name. Each Run, in a working directory of its own, as in the
    browser, saves under the same name into its own folder."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    script = (
        "import contextvars, os, sys\n"
        "from guide_tools.runtime.drive import _django_client\n"
        "settings = {'ROOT_URLCONF': 'django.contrib.flatpages.urls', 'STORAGES': {\n"
        "    'default': {'BACKEND': 'django.core.files.storage.FileSystemStorage'},\n"
        "    'staticfiles': {'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'},\n"
        "    'uploads': {'BACKEND': 'django.core.files.storage.FileSystemStorage', 'OPTIONS': {'location': 'uploads'}}}}\n"
        "def run(folder):\n"
        "    os.makedirs(folder); os.chdir(folder)\n"
        "    _django_client(settings)\n"
        "    from django.core.files.base import ContentFile\n"
        "    from django.core.files.storage import storages\n"
        "    name = storages['uploads'].save('a.txt', ContentFile(b'x'))\n"
        "    print(name, os.path.isfile(os.path.join(folder, 'uploads', name)))\n"
        f"contextvars.Context().run(run, {str(tmp_path / 'one')!r})\n"
        f"contextvars.Context().run(run, {str(tmp_path / 'two')!r})\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[:2] == ["a.txt True", "a.txt True"], done.stdout


def test_a_setup_function_counts_for_its_outputs_framework_only():
    """drive.py is every framework's file on its page; what a SETUP function imports inside itself is
    only its outputs' Runs' (static_files' collectstatic imports Django, which a Flask Run never loads)."""
    topic = "compare/static_files"
    declared = listings.drivers()[topic]
    files = listings.bundle(topic, declared)["files"]
    assert declared["SETUP"] == {"django_page.txt": "collect_static"}

    def drive_text(framework: str) -> str:
        return "\n".join(text for text in listings.framework_files(topic, files, framework, declared)
                         if "def collect_static" in text or "SETUP = " in text)

    assert "call_command" in drive_text("django")
    assert "SETUP = " in drive_text("flask") and "call_command" not in drive_text("flask")


def test_tzdata_comes_with_drf_only():
    """The browser has no system time-zone database; uv.lock gives Django tzdata on Windows only. DRF
    renders datetimes in TIME_ZONE, so its Runs load tzdata (the lock file's `depends`, which Pyodide
    follows); a Django Run without DRF does not pay for it (uv.lock's Windows-only dependency stays Windows's)."""
    from guide_tools.runtime import assemble

    wheels = assemble.locked_wheels()
    assert "tzdata" in wheels["djangorestframework"].depends
    assert wheels["tzdata"].source_file.endswith("-none-any.whl")
    assert "tzdata" not in wheels["django"].depends


def test_what_a_lifespan_yields_reaches_each_request_as_a_copy():
    """httpx2's ASGITransport runs no lifespan; the browser's Run enters it (run_output) and passes what
    it yielded into each request's scope, a shallow copy each, as TestClient and servers do: the AI
    chat service keeps its chat API client there (request.state.client), and without it every
    request answered 500."""
    from contextlib import asynccontextmanager

    from starlette.requests import Request

    from guide_tools.runtime.drive import with_lifespan_state

    @asynccontextmanager
    async def lifespan(app):
        yield {"client": "the shared client", "seen": 0}

    async def endpoint(request: Request):
        request.state.seen += 1  # a request's own copy: the next one starts from 0 again
        return PlainTextResponse(f"{request.state.client} {request.state.seen}")

    app = Starlette(routes=[Route("/", endpoint)], lifespan=lifespan)

    async def browser() -> list[str]:
        async with app.router.lifespan_context(app) as state:
            transport = httpx2.ASGITransport(app=with_lifespan_state(app, state))
            async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as client:
                return [(await client.get("/")).text for _ in range(2)]

    assert asyncio.run(browser()) == ["the shared client 1", "the shared client 1"]
    assert with_lifespan_state(app, None) is app  # a lifespan that yields nothing: the app as it is


def test_a_django_output_can_go_through_an_asgi_application():
    """OUTPUT_APPS may name, for a Django output, an ASGI application ("module:application": Channels'
    router) instead of settings; its requests go through AsgiClient, one HTTP exchange over asgiref's
    ApplicationCommunicator (Django's stack has no httpx2), and the transcript reads as any other."""
    from guide_tools.runtime.drive import AsgiClient, is_asgi_application

    seen = {}

    async def app(scope, receive, send):
        message = await receive()
        seen.update(path=scope["path"], query=scope["query_string"], headers=dict(scope["headers"]), body=message["body"])
        await send({"type": "http.response.start", "status": 201, "headers": [(b"Content-Type", b"application/json")]})
        await send({"type": "http.response.body", "body": b'{"a": ', "more_body": True})
        await send({"type": "http.response.body", "body": b"1}"})

    driver = SimpleNamespace(OUTPUTS={"d.txt": ("django", 'POST /x%20y?q=1\nContent-Type: application/json\n\n{}')})
    text = asyncio.run(converse_async(AsgiClient(app), driver, "d.txt"))
    assert text == ('POST /x%20y?q=1\nContent-Type: application/json\n\n{}\n\nHTTP/1.1 201 Created\n'
                    'content-type: application/json\n\n{\n  "a": 1\n}\n')
    assert seen == {"path": "/x y", "query": b"q=1", "body": b"{}",
                    "headers": {b"host": b"testserver", b"content-type": b"application/json", b"content-length": b"2"}}
    assert is_asgi_application("compare.websockets.django_chat.asgi:application")
    assert not is_asgi_application("compare.websockets.django_chat.settings")
    assert not is_asgi_application(("compare.demo.settings", {"DEBUG": True}))


def test_in_the_browser_asgiref_runs_sync_code_inline_and_the_page_says_so():
    """browser_setup: a page cannot start a thread, and Django's ASGI handler runs a sync view through
    sync_to_async in one: it runs inline in the event loop there (so the ThreadSensitiveContext the
    handler enters makes no executor, and starts no thread to end it), and run.js's Django note says
    so in each language. In a fresh interpreter, as a Run is, with threads refused as there."""
    script = (
        "import asyncio, threading\n"
        "from guide_tools.runtime.drive import browser_setup\n"
        "browser_setup()\n"
        "threading.Thread.start = lambda self: (_ for _ in ()).throw(RuntimeError(\"can't start new thread\"))\n"
        "from asgiref.sync import ThreadSensitiveContext, sync_to_async\n"
        "async def main():\n"
        "    async with ThreadSensitiveContext():\n"
        "        return await sync_to_async(threading.get_ident)() == threading.get_ident()\n"
        "print(asyncio.run(main()))\n")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "True", done.stderr[-2000:]
    run_js = (ROOT / "docs/assets/runtime/run.js").read_text(encoding="utf-8")
    django_notes = [line for line in run_js.splitlines() if line.strip().startswith("django: ")]
    assert len(django_notes) == 3 and all("sync_to_async" in line for line in django_notes)


def test_a_file_another_framework_imports_is_not_this_frameworks():
    """A file no name marks counts for every framework, unless it imports another framework and not
    this one: websockets' socketio_chat.py (Flask-SocketIO) is no part of a Django Run, whose extras
    it would otherwise decide (Flask, which a Django Run never loads)."""
    topic = "compare/websockets"
    declared = listings.drivers()[topic]
    files = listings.bundle(topic, declared)["files"]

    def has_socketio(framework: str) -> bool:
        return any("SocketIO(" in text for text in listings.framework_files(topic, files, framework, declared))

    assert has_socketio("flask") and not has_socketio("django") and not has_socketio("fastapi")
    assert any("ProtocolTypeRouter(" in text for text in listings.framework_files(topic, files, "django", declared))
