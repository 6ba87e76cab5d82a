"""Daphne, Gunicorn, Uvicorn: one Django + Channels project under each server, as run.sh starts it.

Every line of snippets/django_ecosystem/servers/run.sh runs exactly as shown on a free loopback port.
Each ASGI set-up answers an HTTP request and holds a WebSocket conversation with the `websockets`
client; Gunicorn's sync workers answer HTTP through the WSGI entry point and cannot run the ASGI one.
What each server can speak (HTTP/2 in particular) is read from the installed packages.
"""

from __future__ import annotations

import inspect
import os
import re
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from guide_tools.website.content import SNIPPETS
from tests.support import django_snippets
from tests.support.capture import render
from tests.support.services import Server, children_of, python_env, run_server, wait_for_children
from tests.support.shell import shown_commands

TOPIC = SNIPPETS / "django_ecosystem/servers"
PROJECT = TOPIC / "django_project"
OUT = "django_ecosystem/servers/out"
HEADERS = ("content-type", "server")


def commands() -> dict[str, str]:
    return shown_commands(TOPIC / "run.sh")


def project_env(tmp_path_factory, **extra: str) -> dict[str, str]:
    """The venv first on PATH, the project's own settings module (pytest-django set the test run's
    in this process), a fresh secret key, and Gunicorn's control socket in a temporary folder."""
    env = {**os.environ, **python_env()}
    for name in ("WEB_CONCURRENCY", "GUNICORN_CMD_ARGS", "PORT", "DJANGO_DEBUG"):
        env.pop(name, None)
    return {**env, "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "XDG_RUNTIME_DIR": str(tmp_path_factory.mktemp("xdg")), **extra}


def start(name: str, tmp_path_factory, **extra: str):
    return run_server(commands()[name], cwd=PROJECT, env=project_env(tmp_path_factory, **extra), timeout=90)


def get(server: Server, path: str = "/") -> httpx2.Response:
    return httpx2.get(f"{server.url}{path}", timeout=60)


def conversation(server: Server, text: str = "hello") -> str:
    """A WebSocket exchange with the echo consumer, as a transcript; the Origin is the site itself."""
    url = f"ws://127.0.0.1:{server.port}/ws/echo/"
    with connect(url, origin=f"http://127.0.0.1:{server.port}", open_timeout=60) as ws:
        ws.send(text)
        reply = ws.recv(timeout=60)
    assert reply == f"echo: {text}"
    return f"WebSocket {url}\n\n> {text}\n< {reply}\n"


def http_and_websocket(server: Server, server_header: str) -> str:
    response = get(server)
    assert response.status_code == 200
    assert response.json() == {"handler": "ASGIRequest"}  # Django's ASGI handler built the request
    assert response.headers["server"] == server_header
    return render(response, "GET /", headers=HEADERS) + "\n" + conversation(server)


# --------------------------------------------------------------------------- Daphne


@pytest.fixture(scope="module")
def daphne(tmp_path_factory) -> Iterator[Server]:
    with start("daphne", tmp_path_factory) as server:
        yield server


@pytest.mark.slow
def test_daphne_serves_http_and_websocket(daphne, outputs):
    from tests.support.methods import assert_takes_only

    outputs.check(f"{OUT}/daphne.txt", http_and_websocket(daphne, "daphne"))
    # The view takes GET and HEAD (require_safe), through Channels' ASGI app as through WSGI.
    assert_takes_only(lambda method, path: httpx2.request(method, f"{daphne.url}{path}", timeout=60).status_code,
                   {"/": {"GET", "HEAD"}})


@pytest.mark.slow
def test_daphne_closes_every_websocket_after_websocket_timeout(tmp_path_factory):
    """Daphne closes a WebSocket once it has been open for --websocket_timeout seconds (86400, a day, unless
    set), however busy it is, with the normal close code 1000: a client that reconnects only after an
    abnormal close stays disconnected. Here the page's line with 2 seconds, and a client sending twice a second."""
    import time

    from daphne.cli import CommandLineInterface
    from websockets.exceptions import ConnectionClosedOK

    assert CommandLineInterface().parser.get_default("websocket_timeout") == 86400
    line = commands()["daphne"].replace(" config.asgi:application", " --websocket_timeout 2 config.asgi:application")
    with run_server(line, cwd=PROJECT, env=project_env(tmp_path_factory), timeout=90) as server:
        url = f"ws://127.0.0.1:{server.port}/ws/echo/"
        with connect(url, origin=f"http://127.0.0.1:{server.port}", open_timeout=60) as ws:
            opened = time.monotonic()
            with pytest.raises(ConnectionClosedOK) as closed:
                for _ in range(60):  # 30 s of messages, far longer than the 2 s limit
                    ws.send("still here")
                    assert ws.recv(timeout=30) == "echo: still here"
                    time.sleep(0.5)
    assert closed.value.rcvd.code == 1000
    assert time.monotonic() - opened >= 2
    # Uvicorn's WebSocket settings: a size, a queue, pings that close an unresponsive client, compression;
    # nothing ends a connection that answers.
    from uvicorn.config import Config

    ws_settings = {name for name in inspect.signature(Config).parameters if name.startswith("ws")}
    assert ws_settings == {"ws", "ws_max_size", "ws_max_queue", "ws_ping_interval", "ws_ping_timeout", "ws_per_message_deflate"}


@pytest.mark.slow
def test_a_binary_frame_is_echoed_as_bytes(daphne):
    """The echo consumer answers a binary frame with the same bytes, not with the text
    "echo: None" (text_data is None for a binary frame). It does not close with 1003 as
    compare/websockets does: Daphne sends only 1000 or 3000-4999 (autobahn's sendClose raises on
    any other code), so close(code=1003) reaches the client as 1011."""
    url = f"ws://127.0.0.1:{daphne.port}/ws/echo/"
    with connect(url, origin=f"http://127.0.0.1:{daphne.port}", open_timeout=60) as ws:
        ws.send(b"\x00\x01")
        assert ws.recv(timeout=30) == b"\x00\x01"
        ws.send("hello")
        assert ws.recv(timeout=30) == "echo: hello"  # the connection is still open


@pytest.mark.slow
def test_websocket_from_another_site_is_refused(daphne):
    url = f"ws://127.0.0.1:{daphne.port}/ws/echo/"
    with pytest.raises(InvalidStatus) as refused, connect(url, origin="https://evil.example", open_timeout=60):
        pass
    assert refused.value.response.status_code == 403  # AllowedHostsOriginValidator


# --------------------------------------------------------------------------- runserver with daphne installed


STARTUP = [
    (re.compile(r"^.*?(Starting ASGI/Daphne) version [\d.]+ (development server at \S+)$", re.MULTILINE),
     r"\1 version <version> \2"),
]


@pytest.mark.slow
def test_runserver_is_daphne_in_development(tmp_path_factory, outputs):
    with start("runserver", tmp_path_factory, DJANGO_ALLOWED_HOSTS="") as server:
        transcript = http_and_websocket(server, "daphne")
        log = server.output()
    [startup] = [line for line in log.splitlines() if "Starting ASGI/Daphne" in line]
    assert startup.endswith(f"development server at http://127.0.0.1:{server.port}/")
    assert "Starting development server" not in log  # Django's own WSGI runserver did not start
    outputs.check(f"{OUT}/runserver_startup.txt", startup + "\n", normalisers=STARTUP)
    outputs.check(f"{OUT}/runserver.txt", transcript)


@pytest.mark.slow
def test_daphne_replaces_runserver_only_when_listed_first():
    """manage.py takes the first app that has a `runserver` command: daphne's, above staticfiles'."""
    from daphne.management.commands.runserver import Command
    from django.contrib.staticfiles.management.commands.runserver import (
        Command as StaticRunserver,
    )

    assert not issubclass(Command, StaticRunserver)
    text = (PROJECT / "config/settings.py").read_text()
    assert text.index('"daphne"') < text.index('"django.contrib.staticfiles"')


# --------------------------------------------------------------------------- Uvicorn, Gunicorn


@pytest.mark.slow
def test_uvicorn_workers(tmp_path_factory, outputs):
    """The page: `--workers 2` starts a manager process and two workers. The line runs as shown, so
    the process started is Uvicorn's manager; its children are two spawned workers (and multiprocessing's
    resource tracker, which serves no requests)."""
    with start("uvicorn", tmp_path_factory) as server:
        manager = server.proc.pid
        assert "uvicorn" in Path(f"/proc/{manager}/cmdline").read_text()  # the server, not a shell around it
        workers = wait_for_children(manager, 2, running="multiprocessing.spawn")
        outputs.check(f"{OUT}/uvicorn.txt", http_and_websocket(server, "uvicorn"))
        others = [Path(f"/proc/{pid}/cmdline").read_text() for pid in children_of(manager) - workers]
        assert len(workers) == 2  # two workers...
        assert len(others) <= 1 and all("multiprocessing.resource_tracker" in o for o in others), others  # ...and at most
        # the helper that the spawn start method starts on its own (it cleans up shared resources)
        assert all(children_of(worker) == set() for worker in workers)


@pytest.mark.slow
def test_gunicorn_with_uvicorn_workers(tmp_path_factory, outputs):
    with start("gunicorn-uvicorn", tmp_path_factory) as server:
        # Uvicorn's workers answer, so the Server header is uvicorn's, not gunicorn's.
        outputs.check(f"{OUT}/gunicorn_uvicorn.txt", http_and_websocket(server, "uvicorn"))
        assert "Using worker: uvicorn_worker.UvicornWorker" in server.output()


@pytest.mark.slow
def test_slow_clients_hold_every_sync_worker(tmp_path_factory):
    """Why sync workers need a proxy that buffers: the page's line (2 workers) and 2 clients that
    send half a request and stop; a third client's GET gets nothing for 5 s. Once they leave, it
    is served. Bounded: 2 sockets, loopback, one GET."""
    import socket as sockets

    with start("gunicorn-wsgi", tmp_path_factory) as server:
        assert get(server).status_code == 200
        slow = [sockets.create_connection(("127.0.0.1", server.port), timeout=10) for _ in range(2)]
        try:
            for s in slow:
                s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # the blank line never comes
            with pytest.raises(httpx2.TimeoutException):
                httpx2.get(f"{server.url}/", timeout=5)
        finally:
            for s in slow:
                s.close()
        assert get(server).status_code == 200


@pytest.mark.slow
def test_gunicorn_sync_workers_serve_wsgi_only(tmp_path_factory, outputs):
    with start("gunicorn-wsgi", tmp_path_factory) as server:
        response = get(server)
        assert response.status_code == 200
        assert response.json() == {"handler": "WSGIRequest"}
        assert response.headers["server"] == "gunicorn"
        url = f"ws://127.0.0.1:{server.port}/ws/echo/"
        with pytest.raises(InvalidStatus) as refused, connect(url, open_timeout=60):
            pass
        # The handshake is a plain GET to Django, whose URLconf has no /ws/echo/: no upgrade, 404.
        assert refused.value.response.status_code == 404
        outputs.check(f"{OUT}/gunicorn_wsgi.txt", render(response, "GET /", headers=HEADERS)
                      + f"\nWebSocket {url}\n\nHTTP/1.1 {refused.value.response.status_code} "
                        f"{refused.value.response.reason_phrase}\n")


@pytest.mark.slow
def test_gunicorn_sync_workers_cannot_run_asgi(tmp_path_factory, outputs):
    """A sync worker calls application(environ, start_response); an ASGI app wants (scope, receive, send)."""
    with start("gunicorn-asgi-wrong", tmp_path_factory) as server:
        response = get(server)
        log = server.output()
    assert response.status_code == 500
    [worker] = [line for line in log.splitlines() if "Using worker:" in line]
    [error] = [line for line in log.splitlines() if line.startswith("TypeError")]
    assert worker.endswith("Using worker: sync")
    assert error == "TypeError: ProtocolTypeRouter.__call__() missing 1 required positional argument: 'send'"
    outputs.check(f"{OUT}/gunicorn_asgi_wrong.txt",
                  f"GET /\n\nHTTP/1.1 {response.status_code} {response.reason_phrase}\n\n"
                  f"gunicorn's log:\n{worker.split('] ', 2)[-1]}\n...\n{error}\n")


def test_uvicorn_runs_wsgi_only_with_interface_wsgi():
    """`uvicorn config.wsgi:application --interface wsgi` works: Uvicorn wraps the WSGI callable in
    its own adapter, deprecated in favour of a2wsgi (not installed here), and serves no WebSockets.
    Without the flag, a plain function is taken for ASGI 2. Daphne has no such option."""
    import uvicorn
    from asgiref.sync import async_to_sync
    from daphne.cli import CommandLineInterface
    from uvicorn.middleware.wsgi import _WSGIMiddleware

    def application(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"WSGI under Uvicorn"]

    config = uvicorn.Config(application, interface="wsgi")
    with pytest.warns(DeprecationWarning, match="native WSGI implementation is deprecated, you should switch to a2wsgi"):
        config.load()
    assert isinstance(config.loaded_app.app, _WSGIMiddleware)  # inside ProxyHeadersMiddleware
    assert config.ws_protocol_class is None  # no WebSocket protocol for a WSGI app

    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": "/", "root_path": "", "query_string": b"", "headers": [], "server": ("127.0.0.1", 8000),
             "client": ("127.0.0.1", 50000)}
    async_to_sync(config.loaded_app)(scope, receive, send)
    assert sent[0]["status"] == 200 and b"".join(m.get("body", b"") for m in sent[1:]) == b"WSGI under Uvicorn"

    auto = uvicorn.Config(application)
    auto.load()
    assert auto.interface == "asgi2"  # the default "auto" does not detect WSGI

    options = {a.dest for a in CommandLineInterface().parser._actions}
    assert not any("wsgi" in o or "interface" in o for o in options)


# --------------------------------------------------------------------------- what each server speaks


def test_uvicorn_http2_needs_zttp():
    """Uvicorn's HTTP/2 is opt-in: --http2 with the separate zttp implementation (--http zttp)."""
    import uvicorn

    config = uvicorn.Config("config.asgi:application", http2=True)
    with pytest.raises(ValueError, match="HTTP/2 requires the `zttp` HTTP protocol"):
        config.load()
    from uvicorn.config import HTTP_PROTOCOLS

    assert set(HTTP_PROTOCOLS) == {"auto", "h11", "httptools", "zttp"}


@pytest.mark.slow  # imports Twisted (about half a second)
def test_daphne_http2_needs_twisted_extras():
    """Daphne speaks HTTP/2 only through Twisted's http2 extra (the h2 package), and only over TLS."""
    from twisted.web import http

    try:
        import h2  # noqa: F401
    except ImportError:
        assert http.H2_ENABLED is False  # not installed here: Daphne speaks HTTP/1.1 only
    else:  # pragma: no cover - the guide's environment does not install Twisted[http2]
        assert http.H2_ENABLED is True


def test_gunicorn_http2_is_a_setting():
    from gunicorn.config import Config

    cfg = Config()
    assert cfg.http_protocols == ["h1"]  # HTTP/1.1 unless configured, and h2 needs gunicorn[http2]


test_allowed_hosts_from_the_environment = django_snippets.allowed_hosts_test(PROJECT / "config/settings.py", unset=[])


def test_gunicorn_starts_one_worker_unless_told():
    """Gunicorn's default is WEB_CONCURRENCY or 1 worker, and a sync worker serves one request at a
    time: a production command without --workers serves every visitor one after another. The
    page's production table names the number for every server that takes one."""
    from gunicorn.config import Config

    from guide_tools.website.content import DOCS, LANGUAGES

    assert Config().workers == int(os.environ.get("WEB_CONCURRENCY", 1))  # read when gunicorn.config is imported
    assert Config().timeout == 30  # a request running longer is killed with its worker
    for language in LANGUAGES:  # every translation's table, found by the section's anchor
        table = (DOCS / language / "django/servers.md").read_text().split("{ #production }", 1)[1].split("\n## ", 1)[0]
        commands = re.findall(r"`((?:gunicorn|uvicorn) [^`]*)`", table)
        assert len(commands) == 3 and all("--workers" in command for command in commands), (language, commands)


def test_gunicorn_sync_workers_do_not_speak_http2():
    """HTTP/2 is served by the gthread, gevent (AsyncWorker) and asgi workers; the sync worker warns
    and stays on HTTP/1.1 even with h2 in http_protocols."""
    from types import SimpleNamespace

    from gunicorn.config import Config
    from gunicorn.workers.base_async import AsyncWorker
    from gunicorn.workers.gthread import ThreadWorker
    from gunicorn.workers.sync import SyncWorker

    assert hasattr(ThreadWorker, "handle_http2") and hasattr(AsyncWorker, "handle_http2")
    assert not hasattr(SyncWorker, "handle_http2")
    import gunicorn.asgi.protocol as asgi_protocol

    assert asgi_protocol.negotiation.__name__ == "gunicorn.http2.negotiation"

    cfg = Config()
    cfg.set("http_protocols", "h2,h1")
    logged: list[str] = []
    worker = SyncWorker.__new__(SyncWorker)  # run() up to its loop, which alive=False skips
    worker.cfg, worker.timeout, worker.alive = cfg, 1, False
    worker.sockets = [SimpleNamespace(setblocking=lambda flag: None)]
    worker.log = SimpleNamespace(warning=logged.append)
    worker.run()
    assert logged and logged[0].startswith("HTTP/2 is not supported by the sync worker")


def test_gunicorn_has_its_own_stable_asgi_worker():
    """Gunicorn's own ASGI worker: beta in 24.0, stable since 25.1.0; HTTP/2 is still beta."""
    from importlib.metadata import metadata

    from gunicorn.workers import SUPPORTED_WORKERS

    assert SUPPORTED_WORKERS["asgi"] == "gunicorn.workers.gasgi.ASGIWorker"
    readme = metadata("gunicorn").get_payload()
    assert "**ASGI support** for" in readme and "ASGI support (beta)" not in readme
    assert "**HTTP/2 support** (beta)" in readme


def test_uvicorn_workers_module_is_deprecated():
    """`uvicorn.workers` still imports, with a DeprecationWarning pointing to uvicorn-worker."""
    sys.modules.pop("uvicorn.workers", None)
    try:
        with pytest.warns(DeprecationWarning, match="Please use `uvicorn-worker` package instead"):
            import uvicorn.workers  # noqa: F401
    finally:
        sys.modules.pop("uvicorn.workers", None)


@pytest.mark.slow  # imports Twisted (about half a second)
def test_daphne_has_no_workers_option():
    from daphne.cli import CommandLineInterface

    help_text = CommandLineInterface().parser.format_help()
    assert "--workers" not in help_text  # one process; run several behind the proxy to use more cores
    assert "--proxy-headers" in help_text  # trust X-Forwarded-For / -Proto from the proxy in front


def test_daphne_proxy_headers_believe_the_first_entry():
    """--proxy-headers: X-Forwarded-For/-Port/-Proto, from any peer, the first X-Forwarded-For entry."""
    from daphne.cli import CommandLineInterface
    from daphne.utils import parse_x_forwarded_for

    cli = CommandLineInterface()
    args = cli.parser.parse_args(["--proxy-headers", "config.asgi:application"])
    assert (cli._get_forwarded_host(args), cli._get_forwarded_port(args)) == ("X-Forwarded-For", "X-Forwarded-Port")
    # The client wrote 203.0.113.9; a proxy that appends added the address it saw, 198.51.100.7.
    headers = {b"x-forwarded-for": [b"203.0.113.9, 198.51.100.7"], b"x-forwarded-proto": [b"https"]}
    address, scheme = parse_x_forwarded_for(
        headers, "X-Forwarded-For", "X-Forwarded-Port", "X-Forwarded-Proto", ["10.0.0.2", 51000], "http",
    )  # the call Daphne's HTTP protocol makes for each request; the peer (10.0.0.2) is not checked
    assert address[0] == "203.0.113.9"
    assert scheme == "https"


def test_largest_websocket_message_per_server():
    """Daphne refuses a WebSocket message over 1 MiB; Uvicorn takes up to 16 MiB, and so does its Gunicorn
    worker, whose Config gets only what a subclass puts in CONFIG_KWARGS. A consumer that parses JSON must
    bound the frame itself (channel_layers' MAX_FRAME)."""
    from daphne.cli import CommandLineInterface
    from uvicorn.config import Config
    from uvicorn_worker import UvicornWorker

    assert CommandLineInterface().parser.get_default("websocket_max_message_size") == 1024 * 1024
    assert Config(app=None).ws_max_size == 16 * 1024 * 1024
    assert "ws_max_size" not in UvicornWorker.CONFIG_KWARGS


def test_no_daphne_worker_for_gunicorn():
    import importlib.util

    from gunicorn.workers import SUPPORTED_WORKERS

    assert not any("daphne" in path for path in SUPPORTED_WORKERS.values())
    assert importlib.util.find_spec("daphne.workers") is None
    assert importlib.util.find_spec("daphne.worker") is None


@pytest.mark.slow
def test_runserver_command_comes_from_the_first_app(tmp_path_factory):
    """With the project's settings, Django's command registry maps runserver to daphne."""
    import subprocess

    code = "import django; django.setup(); from django.core.management import get_commands; print(get_commands()['runserver'])"
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=project_env(tmp_path_factory),
                            capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == "daphne"


@pytest.mark.django_db  # Channels closes old database connections around a sync consumer; the latest stack counts that as access
@pytest.mark.parametrize(("allowed", "origin", "accepted"), [
    (["shop.example.com"], b"https://shop.example.com", True),
    # a sibling subdomain: the same *site*, so SameSite lets cookies through
    (["shop.example.com"], b"https://blog.example.com", False),
    (["shop.example.com"], b"https://evil.example", False),
    # ...but only an exact ALLOWED_HOSTS entry refuses it: a leading dot accepts every subdomain
    ([".example.com"], b"https://blog.example.com", True),
    # an ALLOWED_HOSTS entry has no scheme or port, so neither is compared
    (["shop.example.com"], b"http://shop.example.com:8443", True),
    # "*" (set for a load balancer that checks health by IP) lets every origin in
    (["*"], b"https://evil.example", True),
    # OriginValidator with an explicit list compares scheme, host and port
    ("https://shop.example.com", b"https://shop.example.com", True),
    ("https://shop.example.com", b"http://shop.example.com:8443", False),
    ("https://shop.example.com", b"https://blog.example.com", False),
])
def test_origin_check_refuses_a_sibling_subdomain(settings, allowed, origin, accepted):
    """AllowedHostsOriginValidator compares the handshake's Origin with ALLOWED_HOSTS by host
    only: what SameSite cannot tell apart (two subdomains of one site), an exact entry does, a
    `.example.com` entry does not. OriginValidator(app, ["https://..."]) also checks scheme and port.
    A list parameter is ALLOWED_HOSTS; a string is the one origin OriginValidator is given."""
    from asgiref.sync import async_to_sync
    from channels.generic.websocket import WebsocketConsumer
    from channels.security.websocket import AllowedHostsOriginValidator, OriginValidator
    from channels.testing import WebsocketCommunicator

    class Accept(WebsocketConsumer):
        def connect(self):
            self.accept()

    if isinstance(allowed, list):
        settings.ALLOWED_HOSTS = allowed
        app = AllowedHostsOriginValidator(Accept.as_asgi())
    else:
        app = OriginValidator(Accept.as_asgi(), [allowed])

    async def handshake() -> bool:
        communicator = WebsocketCommunicator(app, "/ws/", headers=[(b"origin", origin)])
        connected, _ = await communicator.connect()
        await communicator.disconnect()
        return connected

    assert async_to_sync(handshake)() is accepted
