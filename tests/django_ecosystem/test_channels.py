"""Channels: consumers, scope, routing and authentication, through WebsocketCommunicator and Daphne.

Each assertion is a claim of docs/en/django/channels.md; each `outputs.check` is an output the page shows.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import threading

import pytest
from asgiref.sync import sync_to_async

from django_ecosystem.channels_basics import drive
from guide_tools.runtime.drive import AsgiClient, converse_async, environ, make_app
from guide_tools.website.content import SNIPPETS
from tests.support import django_snippets
from tests.support.services import python_env, run_server
from tests.support.shell import shown_commands

OUT = "django_ecosystem/channels_basics/out"
ORIGIN = "http://testserver"  # an origin whose host is in ALLOWED_HOSTS of the test settings


def headers(origin: str | None = ORIGIN, cookie: str | None = None) -> list[tuple[bytes, bytes]]:
    """The handshake headers a browser would send: Host, Origin and the session cookie."""
    found = [(b"host", b"testserver")]
    if origin is not None:
        found.append((b"origin", origin.encode()))
    if cookie is not None:
        found.append((b"cookie", cookie.encode()))
    return found


def run_commands() -> dict[str, str]:
    return shown_commands(SNIPPETS / "django_ecosystem/channels_basics/run.sh")


@pytest.fixture
def application():
    from django_ecosystem.channels_basics.asgi import application

    return application


@pytest.fixture
def site(settings, transactional_db):
    """One room and one user with a logged-in session. The consumers read the database from
    other threads (database_sync_to_async), which do not see the uncommitted transaction of the
    `db` fixture: hence `transactional_db`, where every write is committed."""
    from django.contrib.auth.models import User
    from django.test import Client

    from django_ecosystem.channels_basics.models import Room

    settings.ROOT_URLCONF = "django_ecosystem.channels_basics.urls"
    Room.objects.create(slug="lobby", title="Lobby")
    client = Client()
    client.force_login(User.objects.create_user("ada"))
    return {"ada": f"sessionid={client.cookies['sessionid'].value}"}


class Transcript:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, line: str) -> None:
        self.lines.append(line)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def test_scope_as_the_consumer_sees_it(application, site, outputs):
    from channels.testing import WebsocketCommunicator

    async def run():
        socket = WebsocketCommunicator(application, "/ws/scope/lobby/?lang=en", headers=headers(cookie=site["ada"]))
        connected, _ = await socket.connect(timeout=5)
        assert connected
        scope = await socket.receive_json_from(timeout=5)
        assert (await socket.receive_output())["type"] == "websocket.close"  # the consumer closes
        return scope

    scope = asyncio.run(run())
    assert scope["type"] == "websocket"
    assert scope["url_route"] == {"args": [], "kwargs": {"room": "lobby"}}
    assert scope["query_string"] == "lang=en"  # raw bytes in the scope, not parsed like request.GET
    assert scope["user"] == "ada"  # AuthMiddlewareStack loaded the session's user
    assert scope["client"] is None  # the communicator builds a minimal scope: no client address
    outputs.check(f"{OUT}/scope_communicator.txt", json.dumps(scope, indent=2) + "\n")


def test_sync_consumer_reads_the_orm_directly(application, site, outputs):
    from channels.testing import WebsocketCommunicator

    talk = Transcript()

    async def run():
        socket = WebsocketCommunicator(application, "/ws/echo/lobby/", headers=headers())
        connected, _ = await socket.connect(timeout=5)
        assert connected
        talk.add("connect /ws/echo/lobby/: accepted")
        await socket.send_to(text_data="hello")
        talk.add("> hello")
        reply = await socket.receive_from(timeout=5)
        assert reply == "Lobby: hello"
        talk.add(f"< {reply}")
        await socket.disconnect(timeout=5)
        talk.add("close 1000")

        missing = WebsocketCommunicator(application, "/ws/echo/attic/", headers=headers())
        connected, code = await missing.connect(timeout=5)
        await missing.disconnect(timeout=5)  # ends the consumer at once; wait() would sit out its timeout
        assert (connected, code) == (False, 4404)
        talk.add(f"connect /ws/echo/attic/: closed before accept, code {code}")

    asyncio.run(run())
    outputs.check(f"{OUT}/echo.txt", talk.text())


def test_sync_consumers_share_one_thread(application, site, monkeypatch):
    """The page: every synchronous handler of a process (and every database_sync_to_async call)
    runs in one shared thread, one after another; a slow handler delays every other connection."""
    import time

    from channels.db import database_sync_to_async
    from channels.testing import WebsocketCommunicator

    from django_ecosystem.channels_basics.consumers import EchoConsumer

    threads: set[int] = set()
    original = EchoConsumer.receive

    def slow_receive(self, text_data=None, bytes_data=None):
        threads.add(threading.get_ident())
        time.sleep(0.3)  # blocking work in a sync handler, such as a slow query
        original(self, text_data=text_data, bytes_data=bytes_data)

    monkeypatch.setattr(EchoConsumer, "receive", slow_receive)

    async def run():
        sockets = [WebsocketCommunicator(application, "/ws/echo/lobby/", headers=headers()) for _ in range(2)]
        for socket in sockets:
            assert (await socket.connect(timeout=5))[0]
        started = time.perf_counter()
        for socket in sockets:
            await socket.send_to(text_data="hello")
        replies = [await socket.receive_from(timeout=5) for socket in sockets]
        elapsed = time.perf_counter() - started
        helper_thread = await database_sync_to_async(threading.get_ident)()
        for socket in sockets:
            await socket.disconnect(timeout=5)
        return replies, elapsed, helper_thread

    replies, elapsed, helper_thread = asyncio.run(run())
    assert replies == ["Lobby: hello", "Lobby: hello"]
    assert len(threads) == 1  # two connections, one thread
    assert elapsed >= 0.55  # 0.3 s each, one after the other: the second waited for the first
    assert threads == {helper_thread}  # database_sync_to_async uses the same thread


@pytest.mark.parametrize("channels_closes_connections", [True, False], ids=["channels", "control"])
def test_async_consumers_wait_for_the_shared_thread(site, monkeypatch, channels_closes_connections):
    """The page, "Which one to write?": before every handler of every consumer, async ones too, Channels closes
    stale database connections on that one shared thread (AsyncConsumer.dispatch() awaits
    aclose_old_connections(), in channels/db.py sync_to_async(close_old_connections)). While a sync handler
    blocks the thread for a second, an async consumer that never touches the database waits that second to
    finish its handshake. The control makes aclose_old_connections() do nothing: the same handshake then takes
    no time, so the wait is that call."""
    import time

    import channels.consumer
    from channels.generic.websocket import AsyncWebsocketConsumer
    from channels.routing import URLRouter
    from channels.testing import WebsocketCommunicator
    from django.urls import path

    from django_ecosystem.channels_basics.consumers import EchoConsumer

    class PingConsumer(AsyncWebsocketConsumer):  # no database, no middleware: only Channels' own call
        async def connect(self) -> None:
            await self.accept()

    import threading

    original = EchoConsumer.receive
    holding = threading.Event()  # set once the sync handler runs on the shared thread

    def slow_receive(self, text_data=None, bytes_data=None):
        holding.set()
        time.sleep(1)  # blocking work in a sync handler, such as a slow query
        original(self, text_data=text_data, bytes_data=bytes_data)

    monkeypatch.setattr(EchoConsumer, "receive", slow_receive)
    if not channels_closes_connections:
        async def nothing():
            pass

        monkeypatch.setattr(channels.consumer, "aclose_old_connections", nothing)
    application = URLRouter([path("ws/echo/<slug:room>/", EchoConsumer.as_asgi()),
                             path("ws/ping/", PingConsumer.as_asgi())])

    async def run():
        echo = WebsocketCommunicator(application, "/ws/echo/lobby/")
        assert (await echo.connect(timeout=5))[0]
        await echo.send_to(text_data="hello")
        waited = time.perf_counter()
        while not holding.is_set():  # the sync handler now holds the thread (not a guess: it said so)
            assert time.perf_counter() - waited < 5, "the sync handler did not start"
            await asyncio.sleep(0.005)
        ping = WebsocketCommunicator(application, "/ws/ping/")
        started = time.perf_counter()
        assert (await ping.connect(timeout=5))[0]
        took = time.perf_counter() - started
        assert await echo.receive_from(timeout=5) == "Lobby: hello"
        for socket in (ping, echo):
            await socket.disconnect(timeout=5)
        return took

    took = asyncio.run(run())
    if channels_closes_connections:
        assert 0.7 <= took < 3.0, took  # the rest of the sync handler's second (a loaded machine adds to it)
    else:
        assert took < 0.6, took  # well under the 0.7 s above: the ping did not wait for the handler


def test_async_consumer_and_the_user_in_the_scope(application, site, outputs):
    from channels.testing import WebsocketCommunicator

    talk = Transcript()

    async def run():
        ada = WebsocketCommunicator(application, "/ws/rooms/lobby/", headers=headers(cookie=site["ada"]))
        connected, _ = await ada.connect(timeout=5)
        assert connected
        talk.add("ada: connect /ws/rooms/lobby/ (session cookie): accepted")
        await ada.send_json_to({"text": "hi"})
        talk.add('ada > {"text": "hi"}')
        reply = await ada.receive_json_from(timeout=5)
        assert reply == {"room": "Lobby", "user": "ada", "text": "hi"}
        talk.add(f"ada < {json.dumps(reply)}")

        for path, cookie, expected in [
            ("/ws/rooms/lobby/", None, 4401),  # anonymous: refused by the consumer
            ("/ws/rooms/attic/", site["ada"], 4404),  # logged in, but no such room
        ]:
            socket = WebsocketCommunicator(application, path, headers=headers(cookie=cookie))
            connected, code = await socket.connect(timeout=5)
            await socket.disconnect(timeout=5)
            assert (connected, code) == (False, expected)
            who = "ada" if cookie else "anonymous"
            talk.add(f"{who}: connect {path}{' (session cookie)' if cookie else ''}: closed before accept, code {code}")

        # The scope was built at connect: logging out elsewhere does not change this connection's user.
        from django.contrib.sessions.models import Session

        await Session.objects.all().adelete()
        await ada.send_json_to({"text": "still me?"})
        assert (await ada.receive_json_from(timeout=5))["user"] == "ada"
        await ada.disconnect(timeout=5)

    asyncio.run(run())
    outputs.check(f"{OUT}/auth.txt", talk.text())


def test_origin_check(application, site, outputs):
    from channels.testing import WebsocketCommunicator

    talk = Transcript()

    async def attempt(origin):
        socket = WebsocketCommunicator(application, "/ws/rooms/lobby/", headers=headers(origin, site["ada"]))
        result = await socket.connect(timeout=5)
        if result[0]:
            await socket.disconnect(timeout=5)
        else:
            await socket.disconnect(timeout=5)
        return result

    for origin, accepted in [(ORIGIN, True), ("https://evil.example", False), (None, False)]:
        connected, detail = asyncio.run(attempt(origin))
        assert connected is accepted
        described = f"Origin: {origin}" if origin else "no Origin header"
        talk.add(f"connect /ws/rooms/lobby/ ({described}, ada's cookie): "
                 + ("accepted" if connected else f"closed before accept, code {detail}"))
        if not connected:
            assert detail == 1000  # the validator closes without a code; the communicator reports 1000
    # Any client but a browser sets Origin to what it likes: the validator passes it, and only the
    # consumer's own check of scope["user"] refuses the visitor without a session.
    async def scripted():
        socket = WebsocketCommunicator(application, "/ws/rooms/lobby/", headers=headers(ORIGIN, None))
        result = await socket.connect(timeout=5)
        await socket.disconnect(timeout=5)
        return result

    connected, detail = asyncio.run(scripted())
    assert (connected, detail) == (False, 4401)
    talk.add(f"connect /ws/rooms/lobby/ (Origin: {ORIGIN} set by a script, no cookie): closed before accept, code {detail}")
    outputs.check(f"{OUT}/origin.txt", talk.text())


def test_http_still_served(application, settings, transactional_db, outputs, monkeypatch):
    """drive.py's request through Channels' application, with the example's settings and its SETUP's room,
    as the page's Run sends it (AsgiClient: one HTTP exchange over asgiref's ApplicationCommunicator,
    as Channels' HttpCommunicator makes it). The view reads the room in another thread here:
    transactional_db commits it."""
    for name, value in environ(drive).items():
        monkeypatch.setenv(name, value)
    django_snippets.apply(settings, drive.APPS["django"])
    assert make_app(drive.OUTPUT_APPS["http.txt"]) is application
    text = asyncio.run(converse_async(AsgiClient(application), drive, "http.txt"))
    head, _, body = text.partition("\n\nHTTP/1.1 ")[2].partition("\n\n")
    assert head.startswith("200 OK") and "content-type: application/json" in head
    assert json.loads(body) == {"rooms": [{"slug": "lobby", "title": "Lobby"}]}
    outputs.check(f"{OUT}/http.txt", text)
    assert asyncio.run(AsgiClient(application).get("/ws/echo/lobby/")).status_code == 404  # a WebSocket route is not an HTTP route


@pytest.fixture(autouse=True)
def _close_request_thread_connections():
    """Django's ASGI handler runs each request in a thread of its own, which opens its own
    connection to the in-memory test database and leaves it open (see close_in_memory_connection):
    close it when the request finishes there. The test's own connection, in the main thread, stays."""
    from django.core.signals import request_finished

    def close(**kwargs):
        if threading.current_thread() is not threading.main_thread():
            close_in_memory_connection()

    request_finished.connect(close, weak=False, dispatch_uid="sbs-close-request-thread-connections")
    yield
    request_finished.disconnect(dispatch_uid="sbs-close-request-thread-connections")


def close_in_memory_connection() -> None:
    """Close this thread's own connection to the in-memory test database. Django ignores close() on
    an in-memory SQLite database (closing the last connection would delete it), so a connection
    opened in a worker thread is left to the garbage collector, which Python 3.13 reports as
    ResourceWarning: unclosed database. The test's main connection keeps the database alive."""
    from django.db import connection

    if connection.connection is not None:
        connection.connection.close()
        connection.connection = None


def test_orm_call_in_async_code_is_refused(site):
    """Why RoomConsumer wraps its query: Django refuses a blocking ORM call inside the event loop."""
    from django.core.exceptions import SynchronousOnlyOperation

    from django_ecosystem.channels_basics.models import Room

    async def direct():
        return Room.objects.filter(slug="lobby").first()

    async def async_api():
        try:
            return await Room.objects.filter(slug="lobby").afirst()  # Django's own async query API
        finally:
            await sync_to_async(close_in_memory_connection)()  # the thread afirst() ran in

    with pytest.raises(SynchronousOnlyOperation, match="You cannot call this from an async context"):
        asyncio.run(direct())
    assert asyncio.run(async_api()).title == "Lobby"


@pytest.mark.slow
def test_consumers_imported_before_setup_fail():
    """asgi.py calls get_asgi_application() before importing routing: consumers import models,
    and a model cannot be imported before Django's app registry is ready."""
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'django_ecosystem.channels_basics.settings'\n"
        "import django_ecosystem.channels_basics.routing\n"
    )
    env = {**python_env(), "DJANGO_SECRET_KEY": "test-only-" + "x" * 40}
    result = subprocess.run([sys.executable, "-c", code], cwd=SNIPPETS, env=env, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "django.core.exceptions.AppRegistryNotReady: Apps aren't loaded yet." in result.stderr


@pytest.mark.slow
def test_daphne_scope(tmp_path, outputs):
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    env = {
        **python_env(),
        "DJANGO_SETTINGS_MODULE": "django_ecosystem.channels_basics.settings",  # not the test run's settings
        "DJANGO_SECRET_KEY": "test-only-" + "x" * 40,
        "DATABASE_PATH": str(tmp_path / "db.sqlite3"),
    }
    with run_server(run_commands()["daphne"], cwd=SNIPPETS, env=env) as server:
        origin = f"http://127.0.0.1:{server.port}"
        with connect(f"ws://127.0.0.1:{server.port}/ws/scope/lobby/?lang=en", origin=origin) as socket:
            scope = json.loads(socket.recv(timeout=10))
        assert scope["user"] == "AnonymousUser"  # no session cookie
        assert scope["client"][0] == "127.0.0.1"  # a real server fills in the client address
        with pytest.raises(InvalidStatus) as refused:
            connect(f"ws://127.0.0.1:{server.port}/ws/rooms/lobby/", origin=origin)
        assert refused.value.response.status_code == 403  # the 4401 close became a refused handshake
    text = json.dumps(scope, indent=2) + "\n"
    text = re.sub(r'("client": \[\s*"127\.0\.0\.1",\s*)\d+', r"\1<port>", text)
    outputs.check(f"{OUT}/scope_daphne.txt", text)



@pytest.mark.slow
def test_daphne_delivers_the_echo_consumers_4003(tmp_path):
    """The echo consumer closes with 4003 on a binary frame, after accept(). Served by run.sh's
    Daphne, the client receives 4003: a code in 3000-4999 passes through autobahn, where RFC 6455's
    1003 would arrive as 1011 (test_daphne_passes_only_1000_and_3000_to_4999_after_accept)."""
    import os

    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect

    env = {
        **python_env(),
        "DJANGO_SETTINGS_MODULE": "django_ecosystem.channels_basics.settings",
        "DJANGO_SECRET_KEY": "test-only-" + "x" * 40,
        "DATABASE_PATH": str(tmp_path / "db.sqlite3"),
    }
    subprocess.run(
        [sys.executable, "-c", (
            "import django; django.setup()\n"
            "from django.core.management import call_command\n"
            "from django_ecosystem.channels_basics.models import Room\n"
            "call_command('migrate', run_syncdb=True, verbosity=0)\n"  # the app has no migrations
            "Room.objects.create(slug='lobby', title='Lobby')\n")],
        cwd=SNIPPETS, env={**os.environ, **env}, check=True,
    )
    with run_server(run_commands()["daphne"], cwd=SNIPPETS, env=env) as server:
        with connect(f"ws://127.0.0.1:{server.port}/ws/echo/lobby/", origin=f"http://127.0.0.1:{server.port}") as socket:
            socket.send("hello")
            assert socket.recv(timeout=10) == "Lobby: hello"  # accepted
            socket.send(b"\x00\x01")
            with pytest.raises(ConnectionClosed) as closed:
                socket.recv(timeout=10)
        assert closed.value.rcvd is not None, f"Daphne dropped the connection without a close frame\n{server.output()}"
        assert closed.value.rcvd.code == 4003, server.output()


def test_channels_ships_http_and_websocket_consumers():
    import pkgutil

    import channels.generic

    assert sorted(m.name for m in pkgutil.iter_modules(channels.generic.__path__)) == ["http", "websocket"]


def test_unrouted_path_is_an_error(application, site):
    from channels.testing import WebsocketCommunicator

    async def run():
        socket = WebsocketCommunicator(application, "/ws/nowhere/", headers=headers())
        await socket.connect(timeout=0.2)  # the router's error surfaces when the wait ends

    with pytest.raises(ValueError, match="No route found for path 'ws/nowhere/'"):
        asyncio.run(run())


def test_bad_frames_are_answered_not_fatal(application, site, outputs, monkeypatch):
    """A binary frame to the echo consumer closes with 4003 (unsupported data); a frame the JSON
    consumer cannot read gets an error message and the connection stays open. Before the fix
    both ended the consumer with an uncaught exception (a real server closes with 1011).
    A frame over MAX_FRAME characters is refused unparsed, even a valid object: json.loads() holds the
    event loop while it parses, and Uvicorn passes on messages of up to 16 MiB."""
    from types import SimpleNamespace

    from channels.testing import WebsocketCommunicator

    from django_ecosystem.channels_basics import consumers

    parsed = []  # the length of every frame the consumer parsed
    monkeypatch.setattr(consumers, "json", SimpleNamespace(loads=lambda text: parsed.append(len(text)) or json.loads(text)))
    start = '{"text": "hi", "padding": "'
    too_long = start + "x" * (consumers.MAX_FRAME - len(start) - 1) + '"}'
    assert len(too_long) == consumers.MAX_FRAME + 1 and json.loads(too_long)["text"] == "hi"
    talk = Transcript()

    async def run():
        echo = WebsocketCommunicator(application, "/ws/echo/lobby/", headers=headers())
        assert (await echo.connect(timeout=5))[0]
        await echo.send_to(bytes_data=b"\x00\x01")
        talk.add("echo > (binary frame)")
        closed = await echo.receive_output(timeout=5)
        assert closed == {"type": "websocket.close", "code": 4003}
        talk.add(f"echo: closed, code {closed['code']}")
        await echo.disconnect(timeout=5)

        ada = WebsocketCommunicator(application, "/ws/rooms/lobby/", headers=headers(cookie=site["ada"]))
        assert (await ada.connect(timeout=5))[0]
        for frame in [b"\x00\x01", "hello", "[1, 2]", "", "[" * 5_000, too_long]:
            key = "bytes" if isinstance(frame, bytes) else "text"  # send_to() refuses an empty frame
            await ada.send_input({"type": "websocket.receive", key: frame})
            reply = await ada.receive_json_from(timeout=5)
            assert reply == {"error": "not a JSON object of at most 32000 characters"}, frame[:20]
            shown = ("(binary frame)" if isinstance(frame, bytes) else "[[[… (5000)" if frame.startswith("[[")
                     else f'{start}xxx…"}} ({len(frame)} characters)' if frame == too_long else frame or "(empty)")
            talk.add(f"ada > {shown}")
            talk.add(f"ada < {json.dumps(reply)}")
        await ada.send_json_to({"text": "still here"})
        reply = await ada.receive_json_from(timeout=5)
        assert reply == {"room": "Lobby", "user": "ada", "text": "still here"}
        assert max(parsed) < consumers.MAX_FRAME  # the frame over the limit was never parsed
        talk.add('ada > {"text": "still here"}')
        talk.add(f"ada < {json.dumps(reply)}")
        await ada.disconnect(timeout=5)

    asyncio.run(run())
    outputs.check(f"{OUT}/bad_frames.txt", talk.text())
