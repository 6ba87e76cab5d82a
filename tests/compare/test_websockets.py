"""WebSockets: the three chat servers, through each framework's own test tools and real servers.

Each assertion is a claim the page makes; each `outputs.check` is a conversation the page shows,
written as `> sent` and `< received` lines by `Transcript` below.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import secrets
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
import socketio
from fastapi import FastAPI, WebSocket
from fastapi.middleware.cors import CORSMiddleware
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from compare.websockets import drive, fastapi_chat
from guide_tools.runtime.drive import AsgiClient, converse_async, environ, make_app
from guide_tools.website.content import SNIPPETS
from tests.support import django_snippets
from tests.support.nginx import assert_nginx_accepts, nginx_config, run_nginx
from tests.support.services import Server, free_port, python_env, run_server, wait_until
from tests.support.shell import shown_commands

OUT = "compare/websockets/out"
TOKEN = "test-token"  # the tests' CHAT_TOKEN; a real one comes from the environment
DJANGO_URLS = "compare.websockets.django_chat.urls"
IN_MEMORY_LAYER = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


class Transcript:
    """A conversation as the page shows it: `ada > sent`, `ada < received`, and events."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def event(self, who: str, text: str) -> None:
        self.lines.append(f"{who}: {text}")

    def sent(self, who: str, text: str) -> None:
        self.lines.append(f"{who} > {text}")

    def received(self, who: str, text: str) -> None:
        self.lines.append(f"{who} < {text}")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def run_commands() -> dict[str, str]:
    """The commands of snippets/compare/websockets/run.sh, by section name."""
    return shown_commands(SNIPPETS / "compare/websockets/run.sh")


# =========================================================================== FastAPI


@pytest.fixture(scope="module")
def fastapi_client() -> Iterator[TestClient]:
    with TestClient(fastapi_chat.app) as client:  # one event loop for every socket: the room is shared
        yield client


@pytest.fixture
def chat_token(monkeypatch):
    monkeypatch.setenv("CHAT_TOKEN", TOKEN)
    return TOKEN


def test_fastapi_conversation(fastapi_client, chat_token, outputs):
    talk = Transcript()
    path = f"/ws/chat?token={chat_token}"
    with fastapi_client.websocket_connect(path) as ada:
        talk.event("ada", f"connect {path}: accepted")
        with fastapi_client.websocket_connect(path) as bob:
            talk.event("bob", f"connect {path}: accepted")
            assert fastapi_client.get("/").json() == {"connected": 2}
            ada.send_text("hello")
            talk.sent("ada", "hello")
            for who, socket in (("ada", ada), ("bob", bob)):  # the sender gets its own message too
                text = socket.receive_text()
                assert json.loads(text) == {"message": "hello"}
                talk.received(who, text)
        talk.event("bob", "close 1000")
        assert fastapi_client.get("/").json() == {"connected": 1}  # bob's `finally` ran
        ada.send_text("anyone?")
        talk.sent("ada", "anyone?")
        text = ada.receive_text()
        talk.received("ada", text)
    talk.event("ada", "close 1000")
    assert fastapi_client.get("/").json() == {"connected": 0}
    outputs.check(f"{OUT}/fastapi_conversation.txt", talk.text())


def test_fastapi_closes_on_a_binary_frame_with_1003(fastapi_client, chat_token):
    """A binary frame has no "text": receive_text() would raise KeyError and close with 1011."""
    with fastapi_client.websocket_connect(f"/ws/chat?token={chat_token}") as socket:
        socket.send_bytes(b"\x00\x01")
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_text()
    assert closed.value.code == 1003  # WS_1003_UNSUPPORTED_DATA; the TestClient re-raises any server error
    assert fastapi_client.get("/").json() == {"connected": 0}


def test_fastapi_closes_on_a_message_over_64_kib_with_1009(fastapi_client, chat_token):
    """Uvicorn takes a text message of up to 16 MiB, and the room sends it to every client on the
    event loop: the endpoint closes the sender with 1009 over 64 Ki characters, and nobody
    receives it. 64 Ki characters exactly still go through."""
    path = f"/ws/chat?token={chat_token}"
    with fastapi_client.websocket_connect(path) as ada, fastapi_client.websocket_connect(path) as bob:
        ada.send_text("x" * 64 * 1024)
        assert len(json.loads(bob.receive_text())["message"]) == 64 * 1024
        assert len(json.loads(ada.receive_text())["message"]) == 64 * 1024
        ada.send_text("x" * (64 * 1024 + 1))
        with pytest.raises(WebSocketDisconnect) as closed:
            ada.receive_text()
        assert closed.value.code == 1009  # WS_1009_MESSAGE_TOO_BIG
        bob.send_text("still here")
        assert json.loads(bob.receive_text()) == {"message": "still here"}  # nothing big came first
    assert fastapi_client.get("/").json() == {"connected": 0}


@pytest.mark.slow
def test_uvicorn_refuses_a_frame_over_ws_max_size():
    """run.sh starts Uvicorn with --ws-max-size 65536, which counts bytes, before the app reads a
    thing: 40 000 characters of two bytes each (80 000 bytes) pass the endpoint's check of 64 Ki
    characters, and Uvicorn closes with 1009 instead. Its default, 16 MiB, would take the frame."""
    command = run_commands()["fastapi"]
    assert "--ws-max-size 65536" in command
    default = re.sub(r" --ws-max-size \d+", "", command)
    env = {**python_env(), "CHAT_TOKEN": TOKEN}
    for line, closes in ((command, True), (default, False)):
        with run_server(line, cwd=SNIPPETS, env=env) as server, \
                connect(f"ws://127.0.0.1:{server.port}/ws/chat?token={TOKEN}", max_size=None) as ada:
            ada.send("é" * 40_000)
            if closes:
                with pytest.raises(ConnectionClosed) as closed:
                    ada.recv(timeout=10)
                assert closed.value.rcvd.code == 1009
            else:
                assert len(json.loads(ada.recv(timeout=10))["message"]) == 40_000


def test_servers_bound_a_message_by_default():
    """The differences row: Uvicorn takes a message of up to 16 MiB, Daphne up to 1 MiB, unless told
    otherwise (--ws-max-size, --websocket-max-message-size); flask-sock's has no limit by default."""
    import inspect

    import simple_websocket
    from daphne.server import Server as Daphne
    from uvicorn import Config

    assert inspect.signature(Config).parameters["ws_max_size"].default == 16 * 1024 * 1024
    assert inspect.signature(Daphne).parameters["websocket_max_message_size"].default == 1024 * 1024
    assert inspect.signature(simple_websocket.Server).parameters["max_message_size"].default is None


def test_fastapi_rejects_without_token(fastapi_client, chat_token, outputs):
    talk = Transcript()
    for path in ("/ws/chat", "/ws/chat?token=guess"):
        with pytest.raises(WebSocketDisconnect) as closed, fastapi_client.websocket_connect(path):
            pass  # the handshake is refused: the body never runs
        assert closed.value.code == 1008  # WS_1008_POLICY_VIOLATION, before accept()
        reason = closed.value.reason
        if path == "/ws/chat":  # FastAPI's own validation of the required query parameter
            assert reason[0]["type"] == "missing" and reason[0]["loc"] == ["query", "token"]
            reason = json.dumps(reason)
        else:  # require_token's WebSocketException
            assert reason == ""
        talk.event("client", f"connect {path}: closed before accept, code {closed.value.code}, reason {reason!r}")
    outputs.check(f"{OUT}/fastapi_rejected.txt", talk.text())


def test_fastapi_rejects_everyone_when_no_token_is_configured(fastapi_client, monkeypatch):
    monkeypatch.delenv("CHAT_TOKEN", raising=False)
    with pytest.raises(WebSocketDisconnect) as closed, fastapi_client.websocket_connect("/ws/chat?token="):
        pass
    assert closed.value.code == 1008


def test_fastapi_token_check_survives_non_ascii(fastapi_client, chat_token):
    """secrets.compare_digest() raises TypeError for non-ASCII str; the snippets compare bytes."""
    with pytest.raises(TypeError):
        secrets.compare_digest("\u00e9", chat_token)
    with pytest.raises(WebSocketDisconnect) as closed, fastapi_client.websocket_connect("/ws/chat?token=%C3%A9"):
        pass
    assert closed.value.code == 1008


def test_fastapi_websocket_route_is_not_an_http_route(fastapi_client):
    assert fastapi_client.get(f"/ws/chat?token={TOKEN}").status_code == 404


class Listening:
    """A client that reads everything: what it was sent."""

    def __init__(self):
        self.got = []

    async def send_json(self, message):
        self.got.append(message)


async def deliver(room, members, message, ended):
    """Broadcast one message with a sender task per member; wait for the senders in `ended` to
    return by themselves (bounded), then stop the others."""
    tasks = {member: asyncio.create_task(member.send_all()) for member in members}
    room.broadcast(message)
    await asyncio.wait_for(asyncio.gather(*(tasks[member] for member in ended)), timeout=5)
    await asyncio.sleep(0)
    for task in tasks.values():
        task.cancel()
    return tasks


def test_fastapi_a_send_to_a_client_that_is_gone_ends_only_its_sender():
    """A send to a client that has left raises WebSocketDisconnect in that client's sender task,
    which ends quietly; the room's broadcast never sends, so nobody else is touched."""
    import anyio

    class Gone:
        async def send_json(self, message):
            raise WebSocketDisconnect(code=1006)

    async def run():
        room = fastapi_chat.Room()
        gone, listening = (fastapi_chat.Member(client, anyio.CancelScope()) for client in (Gone(), Listening()))
        room.members |= {gone, listening}
        await deliver(room, [gone, listening], {"message": "hi"}, ended=[gone])
        return listening

    assert asyncio.run(run()).websocket.got == [{"message": "hi"}]


def test_fastapi_a_send_to_a_socket_being_closed_ends_only_its_sender():
    """A real Starlette WebSocket whose close is still being sent, as when the endpoint closes a
    client with 1003 while the server has paused writing to it (a client that stopped reading:
    Uvicorn's send waits until the socket is writable). A send to it raises WebSocketDisconnected,
    a RuntimeError and not a WebSocketDisconnect; its sender must end quietly, or the exception
    would end the endpoint's task group with a traceback."""
    import anyio
    from starlette.websockets import WebSocket as StarletteWebSocket, WebSocketDisconnected, WebSocketState

    async def receive():
        raise AssertionError("not called")

    async def run():
        writable = asyncio.Event()  # never set: the client does not read, its buffers are full

        async def paused(message):
            if message["type"] == "websocket.close":
                await writable.wait()

        closing = StarletteWebSocket({"type": "websocket", "path": "/ws/chat", "headers": []}, receive, paused)
        closing.application_state = WebSocketState.CONNECTED  # as after accept()
        close = asyncio.create_task(closing.close(code=1003))
        await asyncio.sleep(0)  # the close has started and waits
        with pytest.raises(WebSocketDisconnected):  # what the sender meets (not a WebSocketDisconnect)
            await closing.send_json({"message": "direct"})
        room = fastapi_chat.Room()
        ending, listening = (fastapi_chat.Member(client, anyio.CancelScope()) for client in (closing, Listening()))
        room.members |= {ending, listening}
        tasks = await deliver(room, [ending, listening], {"message": "hi"}, ended=[ending])
        close.cancel()
        return tasks[ending], listening

    ended, listening = asyncio.run(run())
    assert ended.exception() is None  # it returned; nothing was raised
    assert listening.websocket.got == [{"message": "hi"}]


def test_fastapi_broadcast_drops_a_member_whose_outbox_is_full():
    """The broadcast puts a message in each outbox without waiting. A member OUTBOX_SIZE messages
    behind leaves the room, and its connection's scope is cancelled; the others get every message."""
    import anyio

    room = fastapi_chat.Room()

    async def run():
        behind, keeping_up = (fastapi_chat.Member(Listening(), anyio.CancelScope()) for _ in range(2))
        room.members |= {behind, keeping_up}
        for n in range(fastapi_chat.OUTBOX_SIZE + 1):  # only keeping_up's outbox is emptied
            room.broadcast({"n": n})
            keeping_up.outbox.get_nowait()
        return behind, keeping_up

    behind, keeping_up = asyncio.run(run())
    assert room.members == {keeping_up}
    assert behind.connection.cancel_called and not keeping_up.connection.cancel_called


def test_starlette_send_to_a_lost_client_is_a_disconnect():
    """What Gone imitates: when the server cannot write to the socket (an OSError),
    Starlette's send raises WebSocketDisconnect with code 1006."""
    from starlette.websockets import WebSocket as StarletteWebSocket, WebSocketState

    async def receive():
        raise AssertionError("not called")

    async def lost(message):
        raise OSError("connection lost")

    async def run():
        socket = StarletteWebSocket({"type": "websocket", "path": "/ws/chat", "headers": []}, receive, lost)
        socket.application_state = WebSocketState.CONNECTED  # as after accept()
        await socket.send_json({"message": "hi"})

    with pytest.raises(WebSocketDisconnect) as raised:
        asyncio.run(run())
    assert raised.value.code == 1006


def test_fastapi_loop_without_disconnect_handling_raises():
    """The older `while True: receive_text()` loop: a normal close ends it with an exception."""
    app = FastAPI()

    @app.websocket("/ws")
    async def echo(websocket: WebSocket):
        await websocket.accept()
        while True:
            await websocket.send_text(await websocket.receive_text())

    with TestClient(app) as client, pytest.raises(WebSocketDisconnect) as raised:
        with client.websocket_connect("/ws") as socket:
            socket.send_text("x")
            assert socket.receive_text() == "x"
    assert raised.value.code == 1000  # a normal close, reported as an error


def test_starlette_cors_middleware_ignores_websockets():
    """CORS is for HTTP: CORSMiddleware passes WebSocket connections through without a look at Origin."""
    app = FastAPI()
    app.add_middleware(CORSMiddleware, allow_origins=["https://chat.example"])

    @app.websocket("/ws")
    async def hello(websocket: WebSocket):
        await websocket.accept()
        await websocket.send_text("welcome")
        await websocket.close()

    with TestClient(app) as client, client.websocket_connect("/ws", headers={"Origin": "https://evil.example"}) as ws:
        assert ws.receive_text() == "welcome"


# --------------------------------------------------------------------------- FastAPI on Uvicorn


@pytest.mark.slow
def test_uvicorn_conversation_and_rejection(outputs):
    command = run_commands()["fastapi"]
    env = {**python_env(), "CHAT_TOKEN": TOKEN}
    with run_server(command, cwd=SNIPPETS, env=env) as server:
        base = f"ws://127.0.0.1:{server.port}/ws/chat"
        talk = Transcript()
        with connect(f"{base}?token={TOKEN}") as ada:
            handshake = ada.response
            assert handshake.status_code == 101  # the HTTP request became a WebSocket
            talk.event("ada", f"connect /ws/chat?token={TOKEN}: HTTP {handshake.status_code} {handshake.reason_phrase}")
            ada.send("hello")
            talk.sent("ada", "hello")
            text = ada.recv(timeout=10)
            assert json.loads(text) == {"message": "hello"}
            talk.received("ada", text)
        talk.event("ada", "close 1000")
        with pytest.raises(InvalidStatus) as refused:
            connect(base)
        status = refused.value.response.status_code
        assert status == 403  # the 1008 never reaches a real client: the handshake is refused
        talk.event("client", f"connect /ws/chat: HTTP {status} {refused.value.response.reason_phrase}")
        # The access log has the full path, query string included: the token is in the log.
        wait_until(lambda: f'"WebSocket /ws/chat?token={TOKEN}" [accepted]' in server.output())
    outputs.check(f"{OUT}/uvicorn_conversation.txt", talk.text())


@pytest.mark.slow
def test_fastapi_room_does_not_cross_processes():
    """Two Uvicorn processes of the same app (what --workers 2 starts) have two rooms."""
    command = run_commands()["fastapi"]
    env = {**python_env(), "CHAT_TOKEN": TOKEN}
    with run_server(command, cwd=SNIPPETS, env=env) as one, run_server(command, cwd=SNIPPETS, env=env) as two:
        with connect(f"ws://127.0.0.1:{one.port}/ws/chat?token={TOKEN}") as ada, \
                connect(f"ws://127.0.0.1:{two.port}/ws/chat?token={TOKEN}") as bob:
            assert httpx2.get(f"{one.url}/").json() == {"connected": 1}
            assert httpx2.get(f"{two.url}/").json() == {"connected": 1}
            ada.send("hello")
            assert json.loads(ada.recv(timeout=10)) == {"message": "hello"}
            bob.send("only me?")
            # Had ada's message crossed over, it would be queued before bob's own.
            assert json.loads(bob.recv(timeout=10)) == {"message": "only me?"}


READERS = 4  # the room: a speaker and three more who read, and one who never reads
ROOM_MESSAGES = 160  # of 60 KiB: about 9.6 MiB each, past what the kernel buffers for the one who never reads


def never_reading(port: int, path: str, headers: str = "") -> socket.socket:
    """A client that completes the WebSocket handshake and then reads nothing: a phone in a tunnel,
    a stalled tab. Its receive buffer is small, so the server soon has nowhere to put its frames."""
    client = socket.socket()
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    client.connect(("127.0.0.1", port))
    client.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    f"{headers}\r\n").encode())
    assert client.recv(4096).startswith(b"HTTP/1.1 101")
    return client


def a_room_with_one_who_never_reads(port: int) -> tuple[float, int]:
    """READERS clients and one that never reads join the chat; the first reader says ROOM_MESSAGES
    messages of 60 KiB, and every reader must get each one within 5 seconds. Returns the longest
    wait for a message and the bytes that reached the one who never read once it drains its socket,
    which must end (the server let it go)."""
    import time

    url = f"ws://127.0.0.1:{port}/ws/chat?token={TOKEN}"
    bob = never_reading(port, f"/ws/chat?token={TOKEN}")
    longest = 0.0
    with contextlib.ExitStack() as stack:
        readers = [stack.enter_context(connect(url, compression=None)) for _ in range(READERS)]
        wait_until(lambda: httpx2.get(f"http://127.0.0.1:{port}/").json() == {"connected": READERS + 1})
        for n in range(ROOM_MESSAGES):
            text = f"{n:08d}" + "x" * (60 * 1024)
            started = time.monotonic()
            readers[0].send(text)
            for reader in readers:
                assert json.loads(reader.recv(timeout=5))["message"] == text  # TimeoutError: the room stalled
            longest = max(longest, time.monotonic() - started)
        # The one who never read is no longer in the room.
        assert httpx2.get(f"http://127.0.0.1:{port}/").json() == {"connected": READERS}
    bob.settimeout(10)
    drained = 0
    while chunk := bob.recv(1 << 20):  # what was already on its way, then the end of the stream
        drained += len(chunk)
    bob.close()
    return longest, drained


@pytest.mark.slow
@pytest.mark.parametrize("server", ["fastapi", "gunicorn"])
def test_a_client_that_stops_reading_does_not_stall_the_room(server):
    """The page's claim at its own scale: a room of several clients, one of which stops reading. With
    the broadcaster sending, its send to that client blocks once the kernel's buffers are full, and
    every reader after it, and the speaker's own loop, wait: recv() times out. With an outbox and a
    sender per connection, every message reaches every reader within 5 s, the one who stopped
    reading is dropped from the room, and its connection ends."""
    with run_server(run_commands()[server], cwd=SNIPPETS, env={**python_env(), "CHAT_TOKEN": TOKEN}) as server_:
        longest, drained = a_room_with_one_who_never_reads(server_.port)
        assert drained < ROOM_MESSAGES * 60 * 1024  # it missed messages: it was dropped, not waited for
        assert "Traceback" not in server_.output()


SMALL_APPS = """\
from fastapi import FastAPI, WebSocket, WebSocketException

app = FastAPI()


@app.websocket("/naive")
async def naive(websocket: WebSocket):
    await websocket.accept()
    while True:
        await websocket.send_text(await websocket.receive_text())


@app.websocket("/late")
async def late(websocket: WebSocket):
    await websocket.accept()
    await websocket.close(code=1008)


@app.websocket("/own-origin")
async def own_origin(websocket: WebSocket):
    if websocket.headers.get("origin") not in {"https://shop.example"}:  # the page's check
        raise WebSocketException(code=1008)
    await websocket.accept()
    await websocket.send_text("welcome")
    await websocket.close()
"""


@pytest.fixture
def small_apps_server(tmp_path):
    (tmp_path / "small_apps.py").write_text(SMALL_APPS)
    with run_server('uvicorn small_apps:app --port "$PORT"', cwd=tmp_path, env=python_env(), measure=False) as server:
        yield server


@pytest.mark.slow
def test_uvicorn_logs_the_unhandled_disconnect(small_apps_server):
    with connect(f"ws://127.0.0.1:{small_apps_server.port}/naive") as socket:
        socket.send("x")
        assert socket.recv(timeout=10) == "x"
    wait_until(lambda: "WebSocketDisconnect" in small_apps_server.output())
    assert "ERROR:    Exception in ASGI application" in small_apps_server.output()


@pytest.mark.slow
def test_uvicorn_close_after_accept_reaches_the_client(small_apps_server):
    with connect(f"ws://127.0.0.1:{small_apps_server.port}/late") as socket, \
            pytest.raises(ConnectionClosed) as closed:
        socket.recv(timeout=10)
    assert closed.value.rcvd.code == 1008


@pytest.mark.slow
@pytest.mark.parametrize("origin", [None, "https://evil.example"])
def test_an_origin_check_refuses_a_missing_or_foreign_origin(small_apps_server, origin):
    """#refusing's Origin check for FastAPI, `websocket.headers.get("origin")`: a client that sends
    no Origin (any script can) is refused with a 403 handshake like a foreign one, with nothing
    logged; `headers["origin"]` would raise KeyError there, a 500 and a traceback per attempt."""
    url = f"ws://127.0.0.1:{small_apps_server.port}/own-origin"
    with pytest.raises(InvalidStatus) as refused, connect(url, origin=origin, open_timeout=30):
        pass
    assert refused.value.response.status_code == 403
    with connect(url, origin="https://shop.example", open_timeout=30) as socket:
        assert socket.recv(timeout=10) == "welcome"
    assert "Traceback" not in small_apps_server.output()


# =========================================================================== Django Channels


@pytest.fixture
def channels_settings(settings):
    settings.CHANNEL_LAYERS = IN_MEMORY_LAYER
    settings.ROOT_URLCONF = DJANGO_URLS
    return settings


@pytest.fixture
def asgi_application():
    from compare.websockets.django_chat.asgi import application

    return application


@pytest.fixture
def session_cookies(transactional_db) -> dict[str, str]:
    """A logged-in session per user, as the browser would send it in the Cookie header."""
    from django.contrib.auth.models import User
    from django.test import Client

    cookies = {}
    for name in ("ada", "bob"):
        client = Client()
        client.force_login(User.objects.create_user(name))
        cookies[name] = f"sessionid={client.cookies['sessionid'].value}"
    return cookies


def ws_headers(origin: str | None, cookie: str | None = None) -> list[tuple[bytes, bytes]]:
    headers = [(b"host", b"testserver")]
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    if cookie is not None:
        headers.append((b"cookie", cookie.encode()))
    return headers


async def in_the_chat(application, cookies: dict[str, str], *names: str) -> list:
    """A logged-in WebSocket per name, each connected to /ws/chat from the site's own origin."""
    from channels.testing import WebsocketCommunicator

    sockets = [WebsocketCommunicator(application, "/ws/chat", headers=ws_headers("http://testserver", cookies[name]))
               for name in names]
    for socket in sockets:
        connected, _ = await socket.connect()
        assert connected
    return sockets


def test_django_conversation(channels_settings, asgi_application, session_cookies, outputs):
    from channels.testing import WebsocketCommunicator

    talk = Transcript()

    async def run():
        ada = WebsocketCommunicator(asgi_application, "/ws/chat", headers=ws_headers("http://testserver", session_cookies["ada"]))
        bob = WebsocketCommunicator(asgi_application, "/ws/chat", headers=ws_headers("http://testserver", session_cookies["bob"]))
        for who, socket in (("ada", ada), ("bob", bob)):
            connected, _ = await socket.connect()
            assert connected
            talk.event(who, "connect /ws/chat (Origin: http://testserver, session cookie): accepted")
        await ada.send_to(text_data="hello")
        talk.sent("ada", "hello")
        for who, socket in (("ada", ada), ("bob", bob)):
            text = await socket.receive_from()
            assert json.loads(text) == {"user": "ada", "message": "hello"}
            talk.received(who, text)
        await bob.disconnect()
        talk.event("bob", "close 1000")
        await ada.send_to(text_data="anyone?")
        talk.sent("ada", "anyone?")
        talk.received("ada", await ada.receive_from())
        assert await bob.receive_nothing()
        await ada.disconnect()
        talk.event("ada", "close 1000")

    asyncio.run(run())
    outputs.check(f"{OUT}/django_conversation.txt", talk.text())


def test_django_closes_on_a_binary_frame_with_4003(channels_settings, asgi_application, session_cookies):
    """A binary frame arrives as bytes_data with text_data None: the consumer closes with 4003, where the
    Flask and FastAPI endpoints use 1003, instead of sending {"message": null} to the room."""
    async def run():
        ada, bob = await in_the_chat(asgi_application, session_cookies, "ada", "bob")
        await ada.send_to(bytes_data=b"\x00\x01")
        closed = await ada.receive_output()
        assert closed == {"type": "websocket.close", "code": 4003}, closed
        assert await bob.receive_nothing(), "the binary frame reached the room"
        await bob.send_to(text_data="still here")
        assert json.loads(await bob.receive_from()) == {"user": "bob", "message": "still here"}
        await bob.disconnect()

    asyncio.run(run())


def test_django_membership_ends_after_a_day(channels_settings, asgi_application, session_cookies, monkeypatch):
    """The in-memory layer, like the Redis one, ends a group membership group_expiry seconds (a day)
    after the join: both sockets stay open, and neither hears the room any more. Nothing is logged."""
    import time
    from types import SimpleNamespace

    from channels.layers import get_channel_layer

    async def run():
        ada, bob = await in_the_chat(asgi_application, session_cookies, "ada", "bob")
        await ada.send_to(text_data="hello")
        for socket in (ada, bob):
            assert json.loads(await socket.receive_from()) == {"user": "ada", "message": "hello"}
        expiry = get_channel_layer().group_expiry
        assert expiry == 24 * 60 * 60
        monkeypatch.setattr("channels.layers.time", SimpleNamespace(time=lambda: time.time() + expiry + 60))
        await ada.send_to(text_data="a day later")
        assert await ada.receive_nothing() and await bob.receive_nothing()  # no message, and no close either
        await ada.disconnect()
        await bob.disconnect()

    asyncio.run(run())


def test_a_full_channel_loses_the_message_and_holds_up_no_one(channels_settings):
    """What the channel layer does with a consumer that falls behind: group_send() never waits for
    it; its channel holds 100 messages (the layer's capacity), and the next ones are lost for it
    alone, without an error. The others get every message."""
    from channels.layers import get_channel_layer

    async def run():
        layer = get_channel_layer()
        assert layer.capacity == 100
        behind, keeping_up = await layer.new_channel(), await layer.new_channel()
        for channel in (behind, keeping_up):
            await layer.group_add("chat", channel)
        for n in range(105):
            await asyncio.wait_for(layer.group_send("chat", {"type": "chat.message", "n": n}), timeout=1)
            assert (await layer.receive(keeping_up))["n"] == n
        kept = [(await layer.receive(behind))["n"] for _ in range(100)]
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(layer.receive(behind), timeout=0.2)
        return kept

    assert asyncio.run(run()) == list(range(100))  # 100 to 104 never reached it


def django_chat_logins(tmp_path: Path, names: tuple[str, ...]) -> tuple[dict[str, str], dict[str, str]]:
    """The environment of the page's Django chat served by a real server, on a migrated database in
    `tmp_path`, and a session cookie for each user in `names`."""
    import os

    env = {
        **python_env(),
        "DJANGO_SETTINGS_MODULE": "compare.websockets.django_chat.settings",
        "DJANGO_SECRET_KEY": "test-only-" + "x" * 40,
        "DATABASE_PATH": str(tmp_path / "chat.sqlite3"),
    }
    logins = subprocess.run(
        [sys.executable, "-c", (
            "import json, sys, django; django.setup()\n"
            "from django.core.management import call_command\n"
            "from django.contrib.auth.models import User\n"
            "from django.test import Client\n"
            "call_command('migrate', verbosity=0)\n"
            "cookies = {}\n"
            "for name in sys.argv[1:]:\n"
            "    client = Client()\n"
            "    client.force_login(User.objects.create_user(name))\n"
            "    cookies[name] = 'sessionid=' + client.cookies['sessionid'].value\n"
            "print(json.dumps(cookies))\n"), *names],
        cwd=SNIPPETS, env={**os.environ, **env}, capture_output=True, text=True, check=True,
    )
    return env, json.loads(logins.stdout)


@pytest.mark.slow
@pytest.mark.parametrize("server_name", ["daphne", "uvicorn"])
def test_daphne_keeps_what_a_client_does_not_read(server_name, tmp_path):
    """One member of the room stops reading. group_send() does not wait for it, and neither does
    Daphne: it keeps every frame that member has not read in its own memory, with no limit, while
    the sender goes on hearing its own messages at once. Uvicorn, serving the same application,
    makes that member's consumer wait instead, and its memory stays within what the member's channel
    holds (100 messages) and its buffers, after 300 messages as after 1,200: the control that shows
    the measure tells the two apart, unbounded against bounded."""
    import socket

    env, cookies = django_chat_logins(tmp_path, ("ada", "bob"))

    def rss(pid: int) -> int:
        assert server_name in Path(f"/proc/{pid}/cmdline").read_text()  # the server, not a shell around it
        status = Path(f"/proc/{pid}/status").read_text()
        return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)[1]) * 1024

    command = {"daphne": run_commands()["django"],
               "uvicorn": 'uvicorn compare.websockets.django_chat.asgi:application --port "$PORT"'}[server_name]
    with run_server(command, cwd=SNIPPETS, env=env) as server:
        origin = f"http://127.0.0.1:{server.port}"
        bob = socket.create_connection(("127.0.0.1", server.port))
        bob.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        bob.sendall(("GET /ws/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                     f"Origin: {origin}\r\nCookie: {cookies['bob']}\r\n\r\n").encode())
        assert bob.recv(4096).startswith(b"HTTP/1.1 101")  # in the room; from now on Bob reads nothing
        with connect(f"ws://127.0.0.1:{server.port}/ws/chat", origin=origin,
                     additional_headers={"Cookie": cookies["ada"]}, compression=None) as ada:
            ada.send("warm-up")
            ada.recv(timeout=10)
            before = rss(server.proc.pid)
            messages, size = 1200, 64 * 1024
            scales = (300, messages)  # measured at both: bounded or growing with what is sent
            grown = {}
            for n in range(1, messages + 1):
                text = f"{n:08d}" + secrets.token_hex(size // 2)[8:]  # random: nothing compresses it
                ada.send(text)
                assert json.loads(ada.recv(timeout=10))["message"] == text  # the room is not held up
                if n in scales:
                    grown[n] = rss(server.proc.pid) - before
        bob.close()
    sent = messages * size
    between = (scales[1] - scales[0]) * size
    if server_name == "daphne":  # unbounded: it grows with every message Bob does not read
        assert grown[messages] > sent // 2, f"Daphne grew by {grown[messages]} bytes for {sent} bytes Bob did not read"
        assert grown[messages] - grown[scales[0]] > between // 2, (
            f"Daphne grew by {grown[messages] - grown[scales[0]]} bytes between {scales[0]} and {messages} messages "
            f"({between} bytes Bob did not read)")
    else:  # bounded: Bob's channel (the layer's capacity, 100 messages) and the server's buffers, at any scale
        bound = 100 * size + 10 * 1024 * 1024
        for count, bytes_grown in grown.items():
            assert bytes_grown < bound, f"Uvicorn grew by {bytes_grown} bytes after {count} messages, over {bound}"


def planted_django_chat(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the page's Django chat, `old` replaced by `new` in its consumers.py: the folder to run
    run.sh's command in, in place of snippets/."""
    root = tmp_path / "planted"
    shutil.copytree(SNIPPETS / "compare/websockets", root / "compare/websockets",
                    ignore=shutil.ignore_patterns("out", "__pycache__"))
    shutil.copy(SNIPPETS / "compare/__init__.py", root / "compare/__init__.py")
    consumers = root / "compare/websockets/django_chat/consumers.py"
    assert old in consumers.read_text(), f"{old!r} is no longer in the page's consumers.py"
    consumers.write_text(consumers.read_text().replace(old, new))
    return root


@pytest.mark.slow
@pytest.mark.parametrize("planted", [None, "code=1003"])
def test_a_client_of_daphne_receives_the_consumers_close_code(tmp_path, planted):
    """The page's consumer closes with 4003 on a binary frame, after accept(). Served by run.sh's
    Daphne, the client receives 4003. The control plants RFC 6455's 1003 (what the Flask and FastAPI
    endpoints send, and what WebsocketCommunicator would show unchanged): the client receives 1011,
    because Daphne closes through autobahn's sendClose(), which takes only 1000 and 3000-4999."""
    env, cookies = django_chat_logins(tmp_path, ("ada",))
    folder = SNIPPETS if planted is None else planted_django_chat(tmp_path, "code=4003", planted)
    with run_server(run_commands()["django"], cwd=folder, env=env, measure=planted is None) as server:
        with connect(f"ws://127.0.0.1:{server.port}/ws/chat", origin=f"http://127.0.0.1:{server.port}",
                     additional_headers={"Cookie": cookies["ada"]}) as ada:
            ada.send("hello")
            assert json.loads(ada.recv(timeout=10)) == {"user": "ada", "message": "hello"}  # accepted
            ada.send(b"\x00\x01")
            with pytest.raises(ConnectionClosed) as closed:
                ada.recv(timeout=10)
    assert closed.value.rcvd is not None, "Daphne dropped the connection without a close frame"
    assert closed.value.rcvd.code == (4003 if planted is None else 1011)


CLOSE_WITH_THE_PATHS_CODE = """\
async def application(scope, receive, send):
    assert scope["type"] == "websocket"
    await receive()  # websocket.connect
    await send({"type": "websocket.accept"})
    await send({"type": "websocket.close", "code": int(scope["path"].strip("/"))})
"""


@pytest.mark.slow
def test_daphne_passes_only_1000_and_3000_to_4999_after_accept(tmp_path):
    """The rule behind the 1011, on any ASGI application: Daphne delivers a close code sent after
    accept() only if it is 1000 or in 3000-4999; every standard code the pages use arrives as 1011.
    This is why an application that needs its code under Daphne picks one in 4000-4999."""
    (tmp_path / "close_app.py").write_text(CLOSE_WITH_THE_PATHS_CODE)
    sent = [1000, 1001, 1003, 1008, 1009, 1011, 3000, 4003, 4999]
    received = {}
    with run_server('daphne --port "$PORT" close_app:application', cwd=tmp_path, env=python_env(),
                    measure=False) as server:
        for code in sent:
            with connect(f"ws://127.0.0.1:{server.port}/{code}") as socket, \
                    pytest.raises(ConnectionClosed) as closed:
                socket.recv(timeout=10)
            received[code] = closed.value.rcvd.code if closed.value.rcvd else None
    assert received == {code: code if code == 1000 or 3000 <= code <= 4999 else 1011 for code in sent}



@pytest.mark.slow
@pytest.mark.parametrize("wrong", [None, "rfc_1009_under_daphne"])
def test_the_django_exercise_codes_reach_a_client_of_daphne(tmp_path, wrong):
    """The Django exercise's checks see the consumer's close code through WebsocketCommunicator; a
    reader who serves the solution with Daphne (the statement's command) must receive the same code. The reference solution, served so: each close the checks ask
    for (4009 for 201 characters, 4003 for a binary frame) reaches the client, and an empty text
    message keeps the connection open (the checks send it as text_data="" and want its echo, which
    Daphne does not send on: it skips an empty text). The control is the
    wrong solution that closes with RFC 6455's 1009, which WebsocketCommunicator shows as 1009:
    its client receives 1011."""
    from guide_tools.exercises import runner

    exercise = next(e for e in runner.load_all() if e.name == "websockets/django")
    folder = runner.build(exercise, tmp_path / "app", wrong)
    received = {}
    command = "DJANGO_SETTINGS_MODULE=settings daphne consumers:application"  # as the statement shows it
    with run_server(command.replace("daphne", 'daphne --port "$PORT"'), cwd=folder, env=python_env(),
                    measure=False) as server:
        for name, frame in [("201 characters", "x" * 201), ("binary frame", b"\x00" * 1000)]:
            with connect(f"ws://127.0.0.1:{server.port}/ws/echo") as socket:
                socket.send("hello")
                assert socket.recv(timeout=10) == "HELLO"
                socket.send("")  # reaches the consumer as text_data="", which echoes it; Daphne sends
                socket.send("hello")  # no empty frame (`if message.get("text")`), but keeps the connection
                assert socket.recv(timeout=10) == "HELLO"
                socket.send(frame)
                with pytest.raises(ConnectionClosed) as closed:
                    socket.recv(timeout=10)
            received[name] = closed.value.rcvd.code if closed.value.rcvd else None
        big = 1011 if wrong else 4009  # the wrong solution's consumer closes with 1009
        assert received == {"201 characters": big, "binary frame": 4003}, f"{received}\n{server.output()}"


@pytest.mark.slow
@pytest.mark.parametrize("wrong", [None, "message_in_close_reason"])
def test_the_fastapi_exercise_close_reaches_a_client_of_uvicorn(tmp_path, wrong):
    """The FastAPI exercise's checks refuse a close reason over the 123 bytes of UTF-8 a close frame
    holds, because under Uvicorn such a close never reaches the client: its websockets refuses the
    frame (ProtocolError: control frame too long) and the client sees the connection drop, no code
    (1006). The reference solution, served by Uvicorn: 1009 for 201 characters, 1003 for a binary
    frame, and an empty text message is echoed. The control is the wrong solution that puts the
    message into the reason: its client receives no close frame."""
    from guide_tools.exercises import runner

    exercise = next(e for e in runner.load_all() if e.name == "websockets/fastapi")
    folder = runner.build(exercise, tmp_path / "app", wrong)
    received = {}
    with run_server('uvicorn app:app --port "$PORT"', cwd=folder, env=python_env(), measure=False) as server:
        for name, frame in [("201 characters", "x" * 201), ("binary frame", b"\x00" * 1000)]:
            with connect(f"ws://127.0.0.1:{server.port}/ws/echo") as socket:
                socket.send("")
                assert socket.recv(timeout=10) == ""
                socket.send(frame)
                with pytest.raises(ConnectionClosed) as closed:
                    socket.recv(timeout=10)
            received[name] = closed.value.rcvd.code if closed.value.rcvd else None
    big = None if wrong else 1009  # None: no close frame came (1006)
    assert received == {"201 characters": big, "binary frame": 1003}, f"{received}\n{server.output()}"


def test_django_rejections(channels_settings, asgi_application, session_cookies, outputs):
    from channels.testing import WebsocketCommunicator

    async def attempt(origin, cookie):
        socket = WebsocketCommunicator(asgi_application, "/ws/chat", headers=ws_headers(origin, cookie))
        result = await socket.connect()
        await socket.wait()
        return result

    talk = Transcript()
    for origin, user, expected in [
        ("https://evil.example", "ada", 1000),  # the origin validator closes without a code
        (None, "ada", 1000),  # no Origin header is refused too
        ("http://testserver", None, 1008),  # the consumer's own check
    ]:
        cookie = session_cookies[user] if user else None
        connected, code = asyncio.run(attempt(origin, cookie))
        assert not connected
        assert code == expected
        described = f"Origin: {origin}" if origin else "no Origin header"
        described += ", session cookie" if cookie else ", no session cookie"
        talk.event("client", f"connect /ws/chat ({described}): closed before accept, code {code}")
    outputs.check(f"{OUT}/django_rejected.txt", talk.text())


def test_django_origin_check_ignores_scheme_and_port(channels_settings, asgi_application, session_cookies):
    """ALLOWED_HOSTS entries have no scheme or port, so any scheme and port of an allowed host pass."""
    from channels.testing import WebsocketCommunicator

    async def attempt(origin):
        socket = WebsocketCommunicator(asgi_application, "/ws/chat", headers=ws_headers(origin, session_cookies["ada"]))
        connected, _ = await socket.connect()
        if connected:
            await socket.disconnect()
        else:
            await socket.wait()
        return connected

    assert asyncio.run(attempt("https://testserver:8443"))
    assert not asyncio.run(attempt("https://testserver.evil.example"))


def test_django_http_still_served(channels_settings, asgi_application, outputs, monkeypatch):
    from channels.testing import HttpCommunicator

    async def run():
        request = HttpCommunicator(asgi_application, "GET", "/", headers=[(b"host", b"testserver")])
        response = await request.get_response()
        await request.wait()  # let Django finish the request (it closes the body file last)
        return response

    response = asyncio.run(run())
    assert response["status"] == 200
    assert response["body"] == b"Chat server: WebSocket on /ws/chat"
    assert dict(response["headers"])[b"Content-Type"] == b"text/plain"
    # The transcript: drive.py's request through Channels' application, with the chat's own settings, as the
    # page's Run sends it (AsgiClient: one HTTP exchange over asgiref's ApplicationCommunicator, as above).
    for name, value in environ(drive).items():
        monkeypatch.setenv(name, value)
    django_snippets.apply(channels_settings, drive.APPS["django"])
    assert make_app(drive.OUTPUT_APPS["django_http.txt"]) is asgi_application
    outputs.check(f"{OUT}/django_http.txt", asyncio.run(converse_async(AsgiClient(asgi_application), drive, "django_http.txt")))

    async def plain_http_to_the_websocket_path():
        request = HttpCommunicator(asgi_application, "GET", "/ws/chat", headers=[(b"host", b"testserver")])
        response = await request.get_response()
        await request.wait()
        return response

    assert asyncio.run(plain_http_to_the_websocket_path())["status"] == 404  # the URLconf has no such page


def test_protocol_type_router_without_http_breaks_every_page(channels_settings):
    """The older routing: only "websocket" in the router. Since Channels 4, nothing adds "http"."""
    from channels.routing import ProtocolTypeRouter, URLRouter
    from channels.testing import HttpCommunicator

    from compare.websockets.django_chat.routing import websocket_urlpatterns

    application = ProtocolTypeRouter({"websocket": URLRouter(websocket_urlpatterns)})

    async def run():
        return await HttpCommunicator(application, "GET", "/").get_response()

    with pytest.raises(ValueError, match="No application configured for scope type 'http'"):
        asyncio.run(run())


def test_consumer_routed_without_as_asgi_fails(channels_settings):
    """Channels 3+ routes ASGI applications: a consumer class must be routed as `.as_asgi()`."""
    from channels.routing import URLRouter
    from channels.testing import WebsocketCommunicator
    from django.urls import path

    from compare.websockets.django_chat.consumers import ChatConsumer

    application = URLRouter([path("ws/chat", ChatConsumer)])

    async def run():
        return await WebsocketCommunicator(application, "/ws/chat").connect()

    with pytest.raises(TypeError, match="can't be used in 'await' expression"):
        asyncio.run(run())


def test_django_alone_refuses_websockets(channels_settings):
    from channels.testing import WebsocketCommunicator
    from django.core.asgi import get_asgi_application

    async def run():
        return await WebsocketCommunicator(get_asgi_application(), "/ws/chat").connect()

    with pytest.raises(ValueError, match="Django can only handle ASGI/HTTP connections, not websocket"):
        asyncio.run(run())


@pytest.mark.slow
def test_daphne_serves_http_and_checks_origin(tmp_path, outputs):
    command = run_commands()["django"]
    env = {
        **python_env(),
        "DJANGO_SETTINGS_MODULE": "compare.websockets.django_chat.settings",  # not the test run's settings
        "DJANGO_SECRET_KEY": "test-only-" + "x" * 40,
        "DATABASE_PATH": str(tmp_path / "chat.sqlite3"),
    }
    talk = Transcript()
    with run_server(command, cwd=SNIPPETS, env=env) as server:
        response = httpx2.get(f"{server.url}/", timeout=10)
        assert response.status_code == 200
        assert response.text == "Chat server: WebSocket on /ws/chat"
        talk.event("client", f"GET /: HTTP {response.status_code} {response.reason_phrase}, {response.text!r}")
        url = f"ws://127.0.0.1:{server.port}/ws/chat"
        for origin in ("https://evil.example", None, f"http://127.0.0.1:{server.port}"):
            with pytest.raises(InvalidStatus) as refused:
                connect(url, origin=origin)  # the websockets client sends Origin only when asked to
            status = refused.value.response.status_code
            assert status == 403  # every close before accept becomes a refused handshake
            described = f"Origin: {origin}" if origin else "no Origin header"
            talk.event("client", f"connect /ws/chat ({described}, no session cookie): "
                                 f"HTTP {status} {refused.value.response.reason_phrase}")
    outputs.check(f"{OUT}/daphne_session.txt", talk.text())


@pytest.mark.slow
def test_uvicorn_serves_the_channels_application(tmp_path):
    command = 'uvicorn compare.websockets.django_chat.asgi:application --port "$PORT"'
    env = {
        **python_env(),
        "DJANGO_SETTINGS_MODULE": "compare.websockets.django_chat.settings",
        "DJANGO_SECRET_KEY": "test-only-" + "x" * 40,
        "DATABASE_PATH": str(tmp_path / "chat.sqlite3"),
    }
    with run_server(command, cwd=SNIPPETS, env=env) as server:
        assert httpx2.get(f"{server.url}/", timeout=10).text == "Chat server: WebSocket on /ws/chat"
        with pytest.raises(InvalidStatus) as refused:
            connect(f"ws://127.0.0.1:{server.port}/ws/chat", origin="https://evil.example")
        assert refused.value.response.status_code == 403


# =========================================================================== Flask (flask-sock)


def test_flask_token_check(monkeypatch):
    """The before_request check, without a server. The test client cannot open a WebSocket, but
    with the upgrade headers the request matches the WebSocket route and the hook runs."""
    from compare.websockets.flask_chat import app

    upgrade = {"Upgrade": "websocket", "Connection": "Upgrade"}
    monkeypatch.setenv("CHAT_TOKEN", TOKEN)
    client = app.test_client()
    for query in ("", "?token=guess", "?token=%C3%A9"):
        assert client.get(f"/ws/chat{query}", headers=upgrade).status_code == 403
    # Without the upgrade headers the WebSocket route does not match a plain GET: 400.
    assert client.get(f"/ws/chat?token={TOKEN}").status_code == 400
    monkeypatch.delenv("CHAT_TOKEN")
    assert client.get("/ws/chat?token=", headers=upgrade).status_code == 403  # no token configured: nobody


def test_flask_sock_needs_a_server_that_hands_over_the_socket(monkeypatch, caplog):
    """flask-sock takes the raw socket from server-specific environ keys (Werkzeug's, Gunicorn's,
    eventlet's, gevent's). Anywhere else, here the test client, the route fails."""
    from compare.websockets.flask_chat import app

    monkeypatch.setenv("CHAT_TOKEN", TOKEN)
    response = app.test_client().get(f"/ws/chat?token={TOKEN}", headers={"Upgrade": "websocket", "Connection": "Upgrade"})
    assert response.status_code == 500
    assert "Cannot obtain socket from WSGI environment" in caplog.text


def test_flask_sender_ends_quietly_on_a_closed_connection():
    from flask_sock import ConnectionClosed as SockClosed

    from compare.websockets import flask_chat

    class Gone:
        def send(self, data):
            raise SockClosed(1006, "")

    outbox = __import__("queue").Queue()
    outbox.put('{"message": "hi"}')
    flask_chat.send_all(Gone(), outbox)  # returns instead of raising in its thread


def test_flask_broadcast_cuts_off_a_client_whose_outbox_is_full():
    """The broadcast never sends: it puts the message in each outbox. One OUTBOX_SIZE messages
    behind is removed and its socket shut down, which also frees a send stuck on that socket."""
    import queue
    import socket as sockets

    from compare.websockets import flask_chat

    class Client:
        def __init__(self):
            self.sock, self.peer = sockets.socketpair()

    behind, keeping_up, closed = Client(), Client(), Client()
    outboxes = {behind: queue.Queue(flask_chat.OUTBOX_SIZE), keeping_up: queue.Queue(flask_chat.OUTBOX_SIZE)}
    flask_chat.outboxes.update(outboxes)
    try:
        for n in range(flask_chat.OUTBOX_SIZE + 1):
            flask_chat.broadcast(str(n))
            outboxes[keeping_up].get_nowait()
        assert flask_chat.outboxes == {keeping_up: outboxes[keeping_up]}
        assert behind.peer.recv(1) == b""  # shut down: the other end reads the end of the stream
        closed.sock.close()  # a client whose socket has closed meanwhile: the shutdown's OSError is no error
        flask_chat.outboxes[closed] = full = queue.Queue(1)
        full.put_nowait("waiting")
        flask_chat.broadcast("again")
        assert closed not in flask_chat.outboxes
    finally:
        flask_chat.outboxes.clear()
        for client in (behind, keeping_up, closed):
            client.sock.close()
            client.peer.close()


def flask_conversation(port: int, talk: Transcript | None = None) -> None:
    talk = talk or Transcript()
    url = f"ws://127.0.0.1:{port}/ws/chat?token={TOKEN}"
    with connect(url) as ada:
        assert ada.response.status_code == 101
        talk.event("ada", f"connect /ws/chat?token={TOKEN}: HTTP 101 {ada.response.reason_phrase}")
        with connect(url) as bob:
            talk.event("bob", f"connect /ws/chat?token={TOKEN}: HTTP 101 {bob.response.reason_phrase}")
            wait_until(lambda: httpx2.get(f"http://127.0.0.1:{port}/").json() == {"connected": 2})
            ada.send("hello")
            talk.sent("ada", "hello")
            for who, socket in (("ada", ada), ("bob", bob)):
                text = socket.recv(timeout=10)
                assert json.loads(text) == {"message": "hello"}
                talk.received(who, text)
        talk.event("bob", "close 1000")
        ada.send("anyone?")
        talk.sent("ada", "anyone?")
        talk.received("ada", ada.recv(timeout=10))
    talk.event("ada", "close 1000")
    wait_until(lambda: httpx2.get(f"http://127.0.0.1:{port}/").json() == {"connected": 0})


@pytest.mark.slow
def test_flask_sock_on_the_development_server(outputs):
    talk, refusals = Transcript(), Transcript()
    with run_server(run_commands()["flask"], cwd=SNIPPETS, env={**python_env(), "CHAT_TOKEN": TOKEN}) as server:
        flask_conversation(server.port, talk)
        for path in ("/ws/chat", "/ws/chat?token=guess"):
            with pytest.raises(InvalidStatus) as refused:
                connect(f"ws://127.0.0.1:{server.port}{path}")
            response = refused.value.response
            assert response.status_code == 403  # before_request answered the handshake
            refusals.event("client", f"connect {path}: HTTP {response.status_code} {response.reason_phrase}")
    outputs.check(f"{OUT}/flask_conversation.txt", talk.text())
    outputs.check(f"{OUT}/flask_rejected.txt", refusals.text())


@pytest.mark.slow
def test_flask_sock_closes_on_a_binary_frame_with_1003():
    with run_server(run_commands()["flask"], cwd=SNIPPETS, env={**python_env(), "CHAT_TOKEN": TOKEN}) as server:
        with connect(f"ws://127.0.0.1:{server.port}/ws/chat?token={TOKEN}") as socket:
            socket.send(b"\x00\x01")
            # The close frame is the answer. Whether the dev server then closes the TCP connection
            # at once varies from run to run, so recv() may wait for it: read the frame itself.
            wait_until(lambda: socket.protocol.close_rcvd is not None, timeout=10)
            assert socket.protocol.close_rcvd.code == 1003  # unsupported data
        wait_until(lambda: httpx2.get(f"http://127.0.0.1:{server.port}/").json() == {"connected": 0})
        assert "Traceback" not in server.log.read_text()  # json.dumps(bytes) would raise TypeError


@pytest.mark.slow
def test_flask_sock_on_gunicorn_threads():
    with run_server(run_commands()["gunicorn"], cwd=SNIPPETS, env={**python_env(), "CHAT_TOKEN": TOKEN}) as server:
        flask_conversation(server.port)
        with connect(f"ws://127.0.0.1:{server.port}/ws/chat?token={TOKEN}", max_size=None) as socket:
            socket.send("x" * (64 * 1024 + 1))
            with pytest.raises(ConnectionClosed) as closed:
                socket.recv(timeout=10)
        assert closed.value.rcvd.code == 1009  # message too big


@pytest.mark.slow
@pytest.mark.parametrize("name", ["fastapi", "gunicorn", "django"])
def test_a_restart_closes_every_connection(name, tmp_path):
    """The page's "A restart or a deploy closes every connection", with a real SIGTERM to the page's
    own command and two open chats. Uvicorn closes both at once with 1012 (Service Restart).
    Gunicorn's graceful shutdown waits for the worker's requests, and an open chat is one: both stay
    open until --graceful-timeout (30 s by default; 2 s here), then the worker exits and they end
    without a close frame (1006). Daphne, serving the Django tab, drops both at once, also without a
    close frame."""
    import os
    import signal
    import time

    command = run_commands()[name] + (" --graceful-timeout 2" if name == "gunicorn" else "")
    if name == "django":
        env, cookies = django_chat_logins(tmp_path, ("ada", "bob"))
        path, headers = "/ws/chat", [{"Cookie": cookies["ada"]}, {"Cookie": cookies["bob"]}]
    else:
        env, path, headers = {**python_env(), "CHAT_TOKEN": TOKEN}, f"/ws/chat?token={TOKEN}", [{}, {}]
    with run_server(command, cwd=SNIPPETS, env=env, measure=False) as server, \
            connect(f"ws://127.0.0.1:{server.port}{path}", origin=server.url if name == "django" else None, additional_headers=headers[0]) as ada, \
            connect(f"ws://127.0.0.1:{server.port}{path}", origin=server.url if name == "django" else None, additional_headers=headers[1]) as bob:
        if name == "django":  # both are in the room
            ada.send("hello")
            assert [json.loads(c.recv(timeout=10))["message"] for c in (ada, bob)] == ["hello", "hello"]
        else:
            wait_until(lambda: httpx2.get(f"{server.url}/").json() == {"connected": 2})  # both are in the room
        signalled = time.monotonic()
        os.kill(server.proc.pid, signal.SIGTERM)
        ended = []
        for client in (ada, bob):
            with pytest.raises(ConnectionClosed) as closed:
                while True:
                    client.recv(timeout=15)
            ended.append((round(time.monotonic() - signalled, 1), closed.value.rcvd and closed.value.rcvd.code))
        assert server.proc.wait(15) is not None
    codes = [code for _, code in ended]
    if name == "fastapi":
        assert codes == [1012, 1012] and ended[-1][0] < 2, ended
    elif name == "gunicorn":
        assert codes == [None, None], ended  # no close frame: 1006
        assert ended[0][0] >= 1.5, ended  # held until the graceful timeout
    else:
        assert codes == [None, None] and ended[-1][0] < 2, ended  # at once, and no close frame: 1006


@pytest.mark.slow
def test_flask_sock_holds_a_thread_per_connection():
    """Each open WebSocket keeps one of Gunicorn's threads: with --threads 1, one chat blocks the site."""
    command = run_commands()["gunicorn"].replace("--threads 100", "--threads 1")
    with run_server(command, cwd=SNIPPETS, env={**python_env(), "CHAT_TOKEN": TOKEN}) as server:
        assert httpx2.get(f"{server.url}/", timeout=10).status_code == 200
        with connect(f"ws://127.0.0.1:{server.port}/ws/chat?token={TOKEN}"):
            with pytest.raises(httpx2.TimeoutException):
                httpx2.get(f"{server.url}/", timeout=2)
        assert httpx2.get(f"{server.url}/", timeout=10).json() == {"connected": 0}


# =========================================================================== Flask-SocketIO


SOCKETIO_SID = (re.compile(r'"sid":"[A-Za-z0-9_-]+"'), '"sid":"<sid>"')
SOCKETIO_SESSION = (re.compile(r"Invalid session [A-Za-z0-9_-]+"), "Invalid session <sid>")


QUEUE_CHANNEL = "flask-socketio"  # Flask-SocketIO's default channel on the message queue


@contextlib.contextmanager
def socketio_servers(count: int, env: dict[str, str] | None = None) -> Iterator[list[Server]]:
    """`count` single-worker Gunicorns of the Socket.IO chat, as run.sh starts it, each answering HTTP.

    Gunicorn's arbiter listens before its worker has imported the app (over 4 s on a loaded
    machine here), and python-socketio's client gives up on a connection after 5 s: wait for an
    HTTP answer from each first. The servers start together, so their imports overlap.
    """
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(run_server(run_commands()["socketio"], cwd=SNIPPETS,
                                           env={**python_env(), "CHAT_TOKEN": TOKEN, **(env or {})}))
            for _ in range(count)
        ]
        for server in servers:
            assert httpx2.get(f"{server.url}/", timeout=60).status_code == 404  # the app has no page at /
        yield servers


def socketio_client(url: str, who: str, talk: Transcript) -> socketio.SimpleClient:
    """A python-socketio client, connected over the WebSocket transport, its connection noted in `talk`."""
    client = socketio.SimpleClient()
    client.connect(url, auth={"token": TOKEN}, transports=["websocket"])
    talk.event(who, f"connect {url} (auth token, transport websocket): connected")
    return client


def wait_for_the_queue(redis_url: str, processes: int = 2) -> None:
    """Until every process listens on the message queue's channel. python-socketio subscribes in a
    background thread that a process's first connection starts, and Redis pub/sub keeps nothing:
    a message published before a process has subscribed never reaches that process's clients."""
    import redis

    queue = redis.Redis.from_url(redis_url)
    try:
        wait_until(lambda: dict(queue.pubsub_numsub(QUEUE_CHANNEL)).get(QUEUE_CHANNEL.encode(), 0) >= processes,
                   timeout=60)
    finally:
        queue.close()


def call(client: socketio.SimpleClient, who: str, talk: Transcript, event: str, data) -> dict:
    """Emit `event` and wait for the server's acknowledgement (`client.call()`); note both."""
    talk.sent(who, f"{event} {json.dumps(data)}")
    ack = client.call(event, data, timeout=10)
    talk.received(who, f"ack {json.dumps(ack)}")
    return ack


def receive(client: socketio.SimpleClient, who: str, talk: Transcript) -> list:
    event = client.receive(timeout=10)
    talk.received(who, f"{event[0]} {json.dumps(event[1])}")
    return event


def chat_in_the_lobby(ada: socketio.SimpleClient, bob: socketio.SimpleClient, text: str, talk: Transcript) -> None:
    """Both join the lobby, ada says `text`, and both must receive it."""
    for who, client in (("ada", ada), ("bob", bob)):
        assert call(client, who, talk, "join", "lobby") == {"joined": "lobby"}
    assert call(ada, "ada", talk, "say", {"room": "lobby", "text": text}) == {"sent": True}
    for who, client in (("ada", ada), ("bob", bob)):
        assert receive(client, who, talk) == ["message", {"room": "lobby", "message": text}]


@pytest.fixture
def socketio_test_client(monkeypatch):
    """Flask-SocketIO's own test client: the event handlers in this process, no server."""
    from compare.websockets.socketio_chat import app, socketio as server

    monkeypatch.setenv("CHAT_TOKEN", TOKEN)

    def connect(token: object = TOKEN):
        return server.test_client(app, auth={"token": token} if token is not None else None)

    return connect


def test_socketio_refuses_a_connection_without_the_token(socketio_test_client, monkeypatch):
    for token in (None, "guess", "\u00e9", 42):
        assert not socketio_test_client(token).is_connected()
    monkeypatch.delenv("CHAT_TOKEN")
    assert not socketio_test_client("").is_connected()  # no token configured: nobody


def test_socketio_rooms_and_validation(socketio_test_client):
    ada, bob = socketio_test_client(), socketio_test_client()
    try:
        assert ada.emit("join", "lobby", callback=True) == {"joined": "lobby"}
        assert ada.emit("join", "", callback=True) == {"error": "a room is a non-empty string"}
        assert ada.emit("join", ["lobby"], callback=True) == {"error": "a room is a non-empty string"}
        # bob is not in the lobby: he may not send to it, and he does not hear it
        refused = {"error": "join the room first, then send text"}
        assert bob.emit("say", {"room": "lobby", "text": "hi"}, callback=True) == refused
        assert bob.emit("say", "hi", callback=True) == refused
        assert ada.emit("say", {"room": "lobby", "text": 5}, callback=True) == refused
        assert ada.emit("say", {"room": "lobby", "text": "hello"}, callback=True) == {"sent": True}
        assert ada.get_received() == [{"name": "message", "args": {"room": "lobby", "message": "hello"}, "namespace": "/"}]
        assert bob.get_received() == []
    finally:
        ada.disconnect()
        bob.disconnect()


@pytest.mark.slow
def test_socketio_on_gunicorn(outputs):
    """The conversation, the refusals, a plain WebSocket client, and two processes without a queue."""
    talk, plain_talk = Transcript(), Transcript()
    with socketio_servers(2) as (one, two):
        ada, bob = socketio_client(one.url, "ada", talk), socketio_client(one.url, "bob", talk)
        try:
            chat_in_the_lobby(ada, bob, "hello", talk)
            refused = call(bob, "bob", talk, "say", {"room": "kitchen", "text": "psst"})
            assert refused == {"error": "join the room first, then send text"}
        finally:
            ada.disconnect()
            bob.disconnect()
        talk.event("ada, bob", "disconnect")

        refusals = []
        stranger = socketio.Client(reconnection=False)
        stranger.on("connect_error", refusals.append)
        with pytest.raises(socketio.exceptions.ConnectionError):
            stranger.connect(one.url, auth={"token": "guess"}, transports=["websocket"])
        assert refusals == [{"message": "unauthorized"}]  # ConnectionRefusedError's text, sent to the client
        talk.event("client", f"connect {one.url} (auth token 'guess'): connect_error {json.dumps(refusals[0])}")

        plain_websocket_client(one, plain_talk)

        # Without a message queue, each process has its own rooms.
        ignored = Transcript()
        ada, bob = socketio_client(one.url, "ada", ignored), socketio_client(two.url, "bob", ignored)
        try:
            for client in (ada, bob):
                call(client, "", ignored, "join", "lobby")
            call(ada, "", ignored, "say", {"room": "lobby", "text": "hello"})
            call(bob, "", ignored, "say", {"room": "lobby", "text": "only me?"})
            assert ada.receive(timeout=10)[1]["message"] == "hello"
            # Had ada's message crossed over, it would be queued before bob's own.
            assert bob.receive(timeout=10)[1]["message"] == "only me?"
        finally:
            ada.disconnect()
            bob.disconnect()
    outputs.check(f"{OUT}/socketio_conversation.txt", talk.text())
    outputs.check(f"{OUT}/socketio_plain_websocket.txt", plain_talk.text(), normalisers=[SOCKETIO_SID])


def plain_websocket_client(server: Server, talk: Transcript) -> None:
    """What the `websockets` library, a plain WebSocket client, gets from the Socket.IO server."""
    base = f"ws://127.0.0.1:{server.port}"
    for path, status in (("/ws/chat", 404), ("/socket.io/", 400)):
        with pytest.raises(InvalidStatus) as refused:
            connect(base + path)
        response = refused.value.response
        assert response.status_code == status
        body = response.body.decode() if status == 400 else "(Flask's HTML page)"
        talk.event("client", f"connect {path}: HTTP {status} {response.reason_phrase} {body}")
    path = "/socket.io/?EIO=4&transport=websocket"
    with connect(base + path) as plain:
        talk.event("client", f"connect {path}: HTTP {plain.response.status_code} {plain.response.reason_phrase}")
        opening = plain.recv(timeout=10)
        assert opening.startswith('0{"sid":')  # Engine.IO's "open" packet, not a chat message
        talk.received("client", opening)
        plain.send("hello")
        talk.sent("client", "hello")
        with pytest.raises(ConnectionClosed) as closed:
            plain.recv(timeout=10)
        assert closed.value.rcvd is None  # no close frame: the server's handler failed on the text
        wait_until(lambda: "ValueError: invalid literal for int()" in server.output())  # not an Engine.IO packet
        talk.event("client", "the connection breaks, without a close frame")
    with pytest.raises(InvalidStatus) as refused:
        connect(base + path, origin="https://evil.example")
    response = refused.value.response
    assert response.status_code == 400  # the same-origin default
    talk.event("client", f"connect {path} (Origin: https://evil.example): "
                         f"HTTP 400 {response.reason_phrase} {response.body.decode()}")
    with connect(base + path, origin=server.url) as same_origin:  # the page's own origin is let in
        assert same_origin.recv(timeout=10).startswith('0{"sid":')
    # Behind a proxy: the origin named by X-Forwarded-Proto and X-Forwarded-Host is the server's too.
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "chat.example"}
    with connect(base + path, origin="https://chat.example", additional_headers=forwarded) as proxied:
        assert proxied.recv(timeout=10).startswith('0{"sid":')


@pytest.mark.slow
def test_socketio_processes_share_rooms_through_redis(redis_url, outputs):
    """Two single-worker servers, as behind a load balancer: with a message queue a room spans both.
    A long-polling session, though, exists in one process only: hence sticky sessions."""
    talk = Transcript()
    with socketio_servers(2, {"SOCKETIO_MESSAGE_QUEUE": redis_url}) as (one, two):
        ada, bob = socketio_client(one.url, "ada", talk), socketio_client(two.url, "bob", talk)
        try:
            wait_for_the_queue(redis_url)
            chat_in_the_lobby(ada, bob, "hello from process one", talk)
        finally:
            ada.disconnect()
            bob.disconnect()

        handshake = httpx2.get(f"{one.url}/socket.io/?EIO=4&transport=polling", timeout=10)
        sid = json.loads(handshake.text[1:])["sid"]
        talk.event("client", f"GET {one.url}/socket.io/?EIO=4&transport=polling: HTTP {handshake.status_code} {handshake.text}")
        follow_up = httpx2.get(f"{two.url}/socket.io/?EIO=4&transport=polling&sid={sid}", timeout=10)
        assert follow_up.status_code == 400  # the session lives in process one only
        talk.event("client", f"GET {two.url}/socket.io/?EIO=4&transport=polling&sid=<sid>: "
                             f"HTTP {follow_up.status_code} {follow_up.text}")
    outputs.check(f"{OUT}/socketio_queue.txt", talk.text(), normalisers=[SOCKETIO_SID, SOCKETIO_SESSION])


NGINX_CONF = SNIPPETS / "compare/websockets/nginx.conf"
IP_HASH = "        ip_hash;  # (2)!\n"
NGINX_LOG_LINE = re.compile(r'^127\.0\.0\.1 "(?P<method>[A-Z]+) (?P<uri>\S+) HTTP/1\.1" (?P<status>\d{3}) '
                            r'upstream=127\.0\.0\.1:(?P<port>\d+)$')


def socketio_nginx(folder, ports: list[int], listen: int, *, sticky: bool):
    """The page's nginx.conf in front of the servers on `ports`; without its `ip_hash` line when not `sticky`."""
    text = NGINX_CONF.read_text()
    assert IP_HASH in text
    if not sticky:
        text = text.replace(IP_HASH, "")  # nginx's default: round robin
    return nginx_config(NGINX_CONF, folder, {8001: ports[0], 8002: ports[1], 8080: listen}, text)


def nginx_log(config) -> list[dict[str, str]]:
    """The requests in the config's access log: method, URI, status and the upstream's port."""
    lines = (config.parent / "logs/access.log").read_text().splitlines()
    matches = [NGINX_LOG_LINE.match(line) for line in lines]
    assert all(matches), lines
    return [match.groupdict() for match in matches]


def logged(request: dict[str, str], names: dict[int, str]) -> str:
    """One access-log entry for the transcript: the per-request `t=` gone, the session id a placeholder."""
    uri = re.sub(r"&t=[^&]+", "", request["uri"])
    uri = re.sub(r"sid=[A-Za-z0-9_-]+", "sid=<sid>", uri)
    return f"{request['method']} {uri}: {request['status']} from {names[int(request['port'])]}"


def test_nginx_accepts_the_socketio_config(tmp_path):
    assert_nginx_accepts(socketio_nginx(tmp_path, [8001, 8002], free_port(), sticky=True))


@pytest.mark.slow
def test_socketio_through_nginx_needs_ip_hash(tmp_path, redis_url, outputs):
    """Two processes behind the real nginx, clients with python-socketio's default transports
    (long-polling, then the upgrade to WebSocket). With ip_hash every request of a session reaches
    the process that created it; without it (round robin) the session breaks."""
    sticky, unsticky = Transcript(), Transcript()
    with socketio_servers(2, {"SOCKETIO_MESSAGE_QUEUE": redis_url}) as servers:
        names = {server.port: name for server, name in zip(servers, ("process one", "process two"))}
        listen = free_port()
        config = socketio_nginx(tmp_path / "ip_hash", [s.port for s in servers], listen, sticky=True)
        with run_nginx(config, listen) as proxy:
            clients = {}
            for who in ("ada", "bob"):
                clients[who] = client = socketio.SimpleClient()
                client.connect(proxy.url, auth={"token": TOKEN})  # default transports: polling first
                transport = client.client.transport()
                assert transport == "websocket"  # the upgrade went through nginx
                sticky.event(who, f"connect {proxy.url} through nginx (auth token, default transports): "
                                  f"connected, transport {transport}")
            # The handshakes are logged already (a WebSocket only when it closes): they name the process.
            chosen = {int(request["port"]) for request in nginx_log(config)}
            assert len(chosen) == 1 and chosen <= names.keys()  # ip_hash: all of 127.0.0.x to one process
            # A third client, connected straight to the other process, hears the lobby only through Redis.
            other = next(server for server in servers if server.port not in chosen)
            carol = socketio_client(other.url, "carol", Transcript())
            sticky.event("carol", f"connect {names[other.port]} directly (auth token, transport websocket): connected")
            try:
                wait_for_the_queue(redis_url)
                assert call(carol, "carol", sticky, "join", "lobby") == {"joined": "lobby"}
                chat_in_the_lobby(clients["ada"], clients["bob"], "hello through nginx", sticky)
                message = {"room": "lobby", "message": "hello through nginx"}
                assert receive(carol, "carol", sticky) == ["message", message]
            finally:
                for client in (*clients.values(), carol):
                    client.disconnect()
            wait_until(lambda: len(nginx_log(config)) == 4)
        requests = nginx_log(config)
        # Each client: the long-polling handshake, then the upgrade, both to the process chosen above.
        assert sorted((r["status"], r["uri"].split("&")[0]) for r in requests) == [
            ("101", "/socket.io/?transport=websocket"), ("101", "/socket.io/?transport=websocket"),
            ("200", "/socket.io/?transport=polling"), ("200", "/socket.io/?transport=polling")]
        assert {int(r["port"]) for r in requests} == chosen
        for line in sorted(logged(request, names) for request in requests):
            sticky.event("nginx", line)

        listen = free_port()
        config = socketio_nginx(tmp_path / "round_robin", [s.port for s in servers], listen, sticky=False)
        with run_nginx(config, listen) as proxy:
            client = socketio.SimpleClient(reconnection=False)  # one attempt, not a retry loop
            with pytest.raises(socketio.exceptions.ConnectionError) as failed:
                client.connect(proxy.url, auth={"token": TOKEN})
            client.disconnect()
            unsticky.event("ada", f"connect {proxy.url} through nginx without ip_hash (auth token, default "
                                  f"transports): ConnectionError: {failed.value}")
            requests = nginx_log(config)
            created = requests[0]
            assert "sid=" not in created["uri"] and created["status"] == "200"  # the handshake creates the session
            others = [r for r in requests[1:] if r["port"] != created["port"]]
            assert others and all(r["status"] == "400" for r in others)  # unknown there: 400
            assert any("Invalid session" in server.output() for server in servers)
            unsticky.event("nginx", f"the handshake reached {names[int(created['port'])]}, which created the session")
            unsticky.event("nginx", "the requests with its sid that reached the other process: 400 (its log: "
                                    "Invalid session <sid>)")
    outputs.check(f"{OUT}/socketio_nginx.txt", sticky.text())
    outputs.check(f"{OUT}/socketio_nginx_round_robin.txt", unsticky.text())


NOTE_STYLE_SOCKETIO = """\
from flask import Flask
from flask_socketio import SocketIO

app = Flask(__name__)
socketio = SocketIO(app)

if __name__ == "__main__":
    socketio.run(app)
"""


def test_socketio_run_refuses_werkzeug_outside_a_terminal(tmp_path):
    """`socketio.run(app)` without eventlet or gevent is Werkzeug's development server, which it
    refuses to start when stdin is not a terminal (a container, a service manager, CI)."""
    (tmp_path / "app.py").write_text(NOTE_STYLE_SOCKETIO)
    run = subprocess.run([sys.executable, "app.py"], cwd=tmp_path, stdin=subprocess.DEVNULL,
                         capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 1
    assert run.stderr.strip().splitlines()[-1] == (
        "RuntimeError: The Werkzeug web server is not designed to run in production. "
        "Pass allow_unsafe_werkzeug=True to the run() method to disable this error.")
