"""Channel layers: groups with the in-memory and the Redis layer, in one process and across two servers.

Each assertion is a claim of docs/en/django/channel_layers.md; each `outputs.check` is an output the page shows.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import socket
import threading
import time
import uuid
from urllib.parse import urlparse

import pytest

from guide_tools.website.content import SNIPPETS
from tests.support.services import free_port, python_env, restartable_redis, run_server
from tests.support.shell import shown_commands

OUT = "django_ecosystem/channel_layers/out"
ORIGIN = "http://testserver"
HEADERS = [(b"host", b"testserver"), (b"origin", ORIGIN.encode())]
MEMORY = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def redis_layers(url: str, **config) -> dict:
    # A fresh prefix per test: the Redis server is shared by the tests of one worker.
    return {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer",
                        "CONFIG": {"hosts": [url], "prefix": f"t{uuid.uuid4().hex[:8]}", **config}}}


def run_commands() -> dict[str, str]:
    return shown_commands(SNIPPETS / "django_ecosystem/channel_layers/run.sh")


@pytest.fixture
def application(db):
    """The project's ASGI application. `db`: consumers close stale database connections before each
    handler (as Django does around a request), which pytest-django allows only in a database test."""
    from django_ecosystem.channel_layers.asgi import application

    return application


@pytest.fixture(params=["memory", "redis"])
def layer_settings(request, settings):
    """CHANNEL_LAYERS for the test. Channels drops its cached layers when the setting changes
    (setting_changed), so each test gets a new layer."""
    settings.CHANNEL_LAYERS = MEMORY if request.param == "memory" else redis_layers(request.getfixturevalue("redis_url"))
    return request.param


class Transcript:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, line: str) -> None:
        self.lines.append(line)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def test_channels_resets_its_layer_when_the_setting_changes(settings):
    from channels.layers import InMemoryChannelLayer, get_channel_layer
    from channels_redis.core import RedisChannelLayer

    settings.CHANNEL_LAYERS = MEMORY
    assert isinstance(get_channel_layer(), InMemoryChannelLayer)
    settings.CHANNEL_LAYERS = redis_layers("redis://127.0.0.1:6379/0")  # nothing connects yet
    assert isinstance(get_channel_layer(), RedisChannelLayer)


def test_group_names(settings):
    from channels.layers import get_channel_layer

    settings.CHANNEL_LAYERS = MEMORY

    async def add(group):
        await get_channel_layer().group_add(group, "specific.inmemory!abc")

    asyncio.run(add("chat.lobby"))
    for bad in ("chat lobby", "чат", "x" * 100):
        with pytest.raises(TypeError, match="length < 100 containing only ASCII alphanumerics"):
            asyncio.run(add(bad))


def test_channels_1_routing_key_is_refused(settings):
    from channels.exceptions import InvalidChannelLayerError
    from channels.layers import get_channel_layer

    settings.CHANNEL_LAYERS = {"default": {**MEMORY["default"], "ROUTING": "chat.routing.channel_routing"}}
    with pytest.raises(InvalidChannelLayerError, match="ROUTING key found"):
        get_channel_layer()


def test_group_conversation(application, layer_settings, outputs):
    from asgiref.sync import sync_to_async
    from channels.layers import get_channel_layer
    from channels.testing import WebsocketCommunicator

    from django_ecosystem.channel_layers.consumers import announce

    talk = Transcript()

    async def run():
        clients = {
            "ada": WebsocketCommunicator(application, "/ws/chat/lobby/", headers=HEADERS),
            "bob": WebsocketCommunicator(application, "/ws/chat/lobby/", headers=HEADERS),
            "cyd": WebsocketCommunicator(application, "/ws/sync-chat/lobby/", headers=HEADERS),
            "dan": WebsocketCommunicator(application, "/ws/chat/kitchen/", headers=HEADERS),
        }
        for who, client in clients.items():
            connected, _ = await client.connect(timeout=5)
            assert connected
            talk.add(f"{who}: connect {client.scope['path']}: accepted")
        ada, bob, cyd, dan = clients.values()

        await ada.send_json_to({"text": "hello"})
        talk.add('ada > {"text": "hello"}')
        for who in ("ada", "bob", "cyd"):  # async and sync consumers share the group
            reply = await clients[who].receive_json_from(timeout=5)
            assert reply == {"room": "chat.lobby", "text": "hello"}
            talk.add(f"{who} < {json.dumps(reply)}")
        assert await dan.receive_nothing()  # another room, another group

        await bob.disconnect(timeout=5)  # disconnect() runs group_discard
        talk.add("bob: close 1000")
        await cyd.send_json_to({"text": "bye, bob"})  # the sync consumer sends to the same group
        talk.add('cyd > {"text": "bye, bob"}')
        for who in ("ada", "cyd"):
            reply = await clients[who].receive_json_from(timeout=5)
            assert reply == {"room": "chat.lobby", "text": "bye, bob"}
            talk.add(f"{who} < {json.dumps(reply)}")
        await sync_to_async(announce)("lobby", "closing soon")  # sync code, as a view would call it
        talk.add('announce("lobby", "closing soon")')
        for who in ("ada", "cyd"):
            reply = await clients[who].receive_json_from(timeout=5)
            assert reply == {"room": "chat.lobby", "text": "closing soon"}
            talk.add(f"{who} < {json.dumps(reply)}")
        for client in (ada, cyd, dan):
            await client.disconnect(timeout=5)
        layer = get_channel_layer()
        if hasattr(layer, "flush"):
            await layer.flush()

    asyncio.run(run())
    outputs.check(f"{OUT}/conversation.txt", talk.text())  # the same for both layers


def test_a_lost_membership_is_restored(application, layer_settings, settings, monkeypatch):
    """Redis loses the group's key while the layer stays connected (the key deleted, FLUSHDB); a
    membership older than group_expiry is dropped. Either way the sockets stay open and receive
    nothing, with nothing logged. The async consumer joins again every REJOIN_EVERY seconds. (A
    Redis restart ends the consumers instead: test_a_redis_restart_closes_every_connection.)"""
    import redis
    from channels.layers import get_channel_layer
    from channels.testing import WebsocketCommunicator

    from django_ecosystem.channel_layers import consumers

    monkeypatch.setattr(consumers, "REJOIN_EVERY", 0.5)

    async def run():
        ada = WebsocketCommunicator(application, "/ws/chat/lobby/", headers=HEADERS)
        bob = WebsocketCommunicator(application, "/ws/chat/lobby/", headers=HEADERS)
        assert (await ada.connect(timeout=5))[0] and (await bob.connect(timeout=5))[0]
        layer = get_channel_layer()
        if layer_settings == "redis":  # what Redis holds is gone, as after FLUSHDB
            config = settings.CHANNEL_LAYERS["default"]["CONFIG"]
            with redis.Redis.from_url(config["hosts"][0]) as server:
                server.delete(*server.keys(config["prefix"] + "*"))
        else:
            layer.groups.clear()
        await asyncio.sleep(1.5)
        await ada.send_json_to({"text": "after"})
        try:
            return await bob.receive_json_from(timeout=5)
        finally:
            await ada.disconnect(timeout=5)
            await bob.disconnect(timeout=5)
            if layer_settings == "redis":
                await layer.flush()

    assert asyncio.run(run()) == {"room": "chat.lobby", "text": "after"}


@pytest.mark.parametrize("failure", ["down", "silent"])
def test_a_failed_rejoin_is_logged_and_tried_again(application, settings, monkeypatch, caplog, failure):
    """Redis down, or not answering, at the moment of a rejoin: a warning (a silent Redis: after
    LAYER_TIMEOUT), and the next rejoin is still tried."""
    from channels.layers import get_channel_layer
    from channels.testing import WebsocketCommunicator

    from django_ecosystem.channel_layers import consumers

    settings.CHANNEL_LAYERS = MEMORY
    monkeypatch.setattr(consumers, "REJOIN_EVERY", 0.2)
    monkeypatch.setattr(consumers, "LAYER_TIMEOUT", 0.05)

    async def run():
        ada = WebsocketCommunicator(application, "/ws/chat/lobby/", headers=HEADERS)
        assert (await ada.connect(timeout=5))[0]
        layer = get_channel_layer()

        async def down(*args, **kwargs):
            if failure == "down":
                raise ConnectionError("Redis is down")
            await asyncio.Event().wait()  # never answers

        monkeypatch.setattr(layer, "group_add", down)
        await asyncio.sleep(1)
        await ada.disconnect(timeout=5)

    with caplog.at_level("WARNING", logger="django_ecosystem.channel_layers.consumers"):
        asyncio.run(run())
    assert [r.getMessage() for r in caplog.records].count("could not rejoin chat.lobby") >= 2


def test_a_closed_socket_does_not_rejoin(application, settings, monkeypatch):
    """disconnect() cancels keep_membership(): a task left running would add the closed socket's
    channel back to the group, and every group_send would then queue messages nobody reads."""
    from channels.layers import get_channel_layer
    from channels.testing import WebsocketCommunicator

    from django_ecosystem.channel_layers import consumers

    settings.CHANNEL_LAYERS = MEMORY
    monkeypatch.setattr(consumers, "REJOIN_EVERY", 0.1)

    async def run():
        ada = WebsocketCommunicator(application, "/ws/chat/lobby/", headers=HEADERS)
        assert (await ada.connect(timeout=5))[0]
        layer = get_channel_layer()
        assert len(layer.groups["chat.lobby"]) == 1
        await ada.disconnect(timeout=5)
        await asyncio.sleep(0.5)  # five rejoin periods
        return dict(layer.groups)

    assert asyncio.run(run()) == {}


def test_rejoins_come_well_within_group_expiry(monkeypatch):
    """Renewal works only if a rejoin comes before group_expiry drops the membership, and a failed
    rejoin is only retried REJOIN_EVERY later: two periods must fit in the production settings'
    group_expiry."""
    import runpy

    from django_ecosystem.channel_layers import consumers

    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 50)
    production = runpy.run_path(str(SNIPPETS / "django_ecosystem/channel_layers/settings.py"))
    assert 2 * consumers.REJOIN_EVERY < production["CHANNEL_LAYERS"]["default"]["CONFIG"]["group_expiry"]


def test_a_handler_is_chosen_by_the_message_type(settings, db):
    from channels.layers import get_channel_layer
    from channels.testing import WebsocketCommunicator
    from channels.routing import URLRouter
    from django.urls import path

    from django_ecosystem.channel_layers.consumers import ChatConsumer

    settings.CHANNEL_LAYERS = MEMORY
    application = URLRouter([path("ws/chat/<slug:room>/", ChatConsumer.as_asgi())])

    async def run():
        client = WebsocketCommunicator(application, "/ws/chat/lobby/")
        assert (await client.connect(timeout=5))[0]
        await get_channel_layer().group_send("chat.lobby", {"type": "chat.shout", "text": "HI"})
        with pytest.raises(ValueError, match="No handler for message type chat.shout"):
            await client.wait()

    asyncio.run(run())


# --------------------------------------------------------------------------- inside Redis


class ProcessNames:
    """Channel names are `specific.<process id>!<channel id>`: name each process A, B, ... as first seen."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        def process(m):
            if m.group(1) not in self.names:
                self.names[m.group(1)] = "AB"[len(self.names)]
            return f"<process {self.names[m.group(1)]}>"

        text = re.sub(r"specific\.([0-9a-f]{32})!", lambda m: f"specific.{process(m)}!", text)
        return re.sub(r"!([0-9a-f]{32})", "!<channel>", text)


@pytest.mark.slow
def test_what_the_redis_layer_writes(application, settings, redis_url, outputs):
    """The keys a group and a waiting message leave in Redis: sorted sets, with expiry times."""
    import redis
    from channels.layers import get_channel_layer
    from channels.testing import WebsocketCommunicator
    from channels_redis.core import RedisChannelLayer

    settings.CHANNEL_LAYERS = redis_layers(redis_url)
    prefix = settings.CHANNEL_LAYERS["default"]["CONFIG"]["prefix"]
    db = redis.Redis.from_url(redis_url)
    lines = []
    processes = ProcessNames()

    def show(title):
        lines.append(title)
        for key in sorted(k.decode() for k in db.scan_iter(f"{prefix}*")):
            members = db.zrange(key, 0, -1)
            assert db.type(key) == b"zset"
            shown = [processes(m.decode()) if key.startswith(f"{prefix}:group:") else f"<message, {len(m)} bytes>"
                     for m in members]
            name = processes(key.replace(prefix, "asgi", 1))
            ttl = db.ttl(key)  # seconds left; shown rounded, since a second may tick by on a busy machine
            assert 0 < ttl <= (86400 if ":group:" in key else 60)
            shown_ttl = round(ttl, -2) if ttl > 1000 else round(ttl, -1)
            lines.append(f"  {name:<36} zset  ttl {shown_ttl:>5}  members: {', '.join(shown)}")

    async def run():
        ada = WebsocketCommunicator(application, "/ws/chat/lobby/", headers=HEADERS)
        bob = WebsocketCommunicator(application, "/ws/chat/lobby/", headers=HEADERS)
        for client in (ada, bob):
            assert (await client.connect(timeout=5))[0]
        # Another process that joined the room and is not reading right now.
        other = RedisChannelLayer(hosts=[redis_url], prefix=prefix)
        await other.group_add("chat.lobby", await other.new_channel())
        await asyncio.to_thread(show, "after 3 consumers joined chat.lobby (2 here, 1 in another process):")
        await ada.send_json_to({"text": "hello"})
        for client in (ada, bob):
            assert await client.receive_json_from(timeout=5) == {"room": "chat.lobby", "text": "hello"}
        await asyncio.to_thread(show, "after ada's message reached ada and bob:")
        for client in (ada, bob):
            await client.disconnect(timeout=5)
        await get_channel_layer().flush()
        await other.flush()

    asyncio.run(run())
    assert any("<message" in line for line in lines)  # waiting for the other process, for `expiry` seconds
    outputs.check(f"{OUT}/redis_keys.txt", "\n".join(lines) + "\n")


class Monitor:
    """The names of the commands a Redis server receives, read with the MONITOR command."""

    def __init__(self, url: str) -> None:
        parsed = urlparse(url)
        self.sock = socket.create_connection((parsed.hostname, parsed.port))
        self.sock.sendall(b"MONITOR\r\n")
        self.commands: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.read, daemon=True)
        self.sock.settimeout(0.1)
        self.thread.start()

    def read(self) -> None:
        buffer = b""
        while not self.stop.is_set():
            with contextlib.suppress(TimeoutError):
                buffer += self.sock.recv(65536)
        self.commands = re.findall(r'\] "(\w+)"', buffer.decode(errors="replace"))

    def close(self) -> set[str]:
        time.sleep(0.2)
        self.stop.set()
        self.thread.join()
        self.sock.close()
        return {c.upper() for c in self.commands}


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["channels_redis.core.RedisChannelLayer", "channels_redis.pubsub.RedisPubSubChannelLayer"])
def test_which_redis_commands_each_layer_uses(backend, redis_url):
    from channels.layers import get_channel_layer  # noqa: F401
    from channels_redis.core import RedisChannelLayer
    from channels_redis.pubsub import RedisPubSubChannelLayer

    layer_class = RedisChannelLayer if backend.endswith(".RedisChannelLayer") else RedisPubSubChannelLayer
    prefix = f"t{uuid.uuid4().hex[:8]}"

    async def run():
        one, two = layer_class(hosts=[redis_url], prefix=prefix), layer_class(hosts=[redis_url], prefix=prefix)
        channel = await two.new_channel()
        await two.group_add("chat.lobby", channel)
        await one.group_send("chat.lobby", {"type": "chat.message", "text": "hello"})
        assert await asyncio.wait_for(two.receive(channel), 5) == {"type": "chat.message", "text": "hello"}
        await two.group_discard("chat.lobby", channel)
        for layer in (one, two):
            await layer.flush()

    monitor = Monitor(redis_url)
    asyncio.run(run())
    commands = monitor.close()
    if layer_class is RedisChannelLayer:
        assert {"ZADD", "EXPIRE", "ZRANGE", "BZPOPMIN", "ZREM"} <= commands
        assert not commands & {"PUBLISH", "SUBSCRIBE"}  # the note's claim: not Pub/Sub
    else:
        assert {"PUBLISH", "SUBSCRIBE"} <= commands
        assert not commands & {"ZADD", "BZPOPMIN"}


def test_capacity(redis_url):
    """send() to a full channel raises ChannelFull; group_send() skips a full member silently;
    for consumers' channels the capacity counts the queue their process shares."""
    from channels.exceptions import ChannelFull
    from channels_redis.core import RedisChannelLayer

    async def run():
        layer = RedisChannelLayer(hosts=[redis_url], prefix=f"t{uuid.uuid4().hex[:8]}", capacity=2)
        for _ in range(2):
            await layer.send("tasks", {"type": "task"})
        with pytest.raises(ChannelFull):
            await layer.send("tasks", {"type": "task"})
        channel = await layer.new_channel()
        await layer.group_add("chat.lobby", channel)
        for n in range(3):
            await layer.group_send("chat.lobby", {"type": "chat.message", "text": str(n)})  # no exception
        received = [await asyncio.wait_for(layer.receive(channel), 5) for _ in range(2)]
        assert [m["text"] for m in received] == ["0", "1"]  # the third was dropped
        await layer.flush()

        # Consumers' channels of one process share its queue, and the capacity counts that queue.
        process = RedisChannelLayer(hosts=[redis_url], prefix=f"t{uuid.uuid4().hex[:8]}", capacity=2)
        first, second = await process.new_channel(), await process.new_channel()
        await process.send(first, {"type": "chat.message"})
        await process.send(second, {"type": "chat.message"})
        with pytest.raises(ChannelFull):
            await process.send(first, {"type": "chat.message"})  # `first` holds one message, the queue two
        await process.flush()

    asyncio.run(run())


@pytest.mark.parametrize("layer", ["memory", "redis"])
def test_a_consumer_that_falls_behind_loses_messages_silently(layer, request, caplog):
    """A consumer reads its channel only between handlers: one whose handler is slow (a send() that waits on a
    slow client, sync handlers queued on Channels' one thread) falls behind its group. Past `capacity` messages
    it loses some, and nothing is logged. The Redis layer's process hands messages to a per-channel queue in
    memory that drops its oldest when full; the in-memory layer's group_send() skips a full channel, so the
    newest are lost. A member that keeps up gets everything."""
    from channels.layers import InMemoryChannelLayer
    from channels_redis.core import RedisChannelLayer

    async def run():
        if layer == "memory":
            channels = InMemoryChannelLayer(capacity=5)
        else:
            channels = RedisChannelLayer(hosts=[request.getfixturevalue("redis_url")],
                                         prefix=f"t{uuid.uuid4().hex[:8]}", capacity=5)
        keeping_up, behind = await channels.new_channel(), await channels.new_channel()
        for channel in (keeping_up, behind):
            await channels.group_add("chat.lobby", channel)
        heard = []
        for n in range(20):  # one message at a time: each is read by the member that keeps up before the next
            await channels.group_send("chat.lobby", {"type": "chat.message", "n": n})
            heard.append((await asyncio.wait_for(channels.receive(keeping_up), 5))["n"])
        late = []
        with contextlib.suppress(TimeoutError):
            while True:  # the member that fell behind reads now
                late.append((await asyncio.wait_for(channels.receive(behind), 0.5))["n"])
        await channels.flush()
        return heard, late

    caplog.set_level("DEBUG")
    heard, late = asyncio.run(run())
    assert heard == list(range(20))
    assert late == ([15, 16, 17, 18, 19] if layer == "redis" else [0, 1, 2, 3, 4])
    assert [r for r in caplog.records if r.name.startswith("channels")] == []  # nothing logged


@pytest.mark.slow
def test_a_message_waits_in_the_redis_layer_but_not_in_pubsub(redis_url):
    """The Redis layer stores a message until it is received or `expiry` passes;
    Pub/Sub delivers only to whoever is subscribed at that moment."""
    from channels_redis.core import RedisChannelLayer
    from channels_redis.pubsub import RedisPubSubChannelLayer

    async def run(layer_class):
        prefix = f"t{uuid.uuid4().hex[:8]}"
        sender, receiver = layer_class(hosts=[redis_url], prefix=prefix), layer_class(hosts=[redis_url], prefix=prefix)
        await sender.send("tasks", {"type": "task", "n": 1})  # nobody is listening yet
        try:
            return await asyncio.wait_for(receiver.receive("tasks"), 1)
        except TimeoutError:
            return None
        finally:
            for layer in (sender, receiver):
                await layer.flush()

    assert asyncio.run(run(RedisChannelLayer)) == {"type": "task", "n": 1}
    assert asyncio.run(run(RedisPubSubChannelLayer)) is None


@pytest.mark.slow
def test_group_expiry(redis_url):
    """A member that was never discarded (a crashed process) leaves the group after group_expiry."""
    from channels_redis.core import RedisChannelLayer

    async def run():
        layer = RedisChannelLayer(hosts=[redis_url], prefix=f"t{uuid.uuid4().hex[:8]}", group_expiry=1)
        channel = await layer.new_channel()
        await layer.group_add("chat.lobby", channel)
        await asyncio.sleep(2.1)
        await layer.group_send("chat.lobby", {"type": "chat.message", "text": "late"})
        try:
            return await asyncio.wait_for(layer.receive(channel), 1)
        except TimeoutError:
            return None
        finally:
            await layer.flush()

    assert asyncio.run(run()) is None


# --------------------------------------------------------------------------- two server processes


def two_servers_conversation(settings_module: str, extra_env: dict[str, str], talk: Transcript) -> dict | None:
    """Ada on server A and Bob on server B, both in the lobby; Ada speaks. What does Bob get first?"""
    from websockets.sync.client import connect

    env = {**python_env(), "DJANGO_SETTINGS_MODULE": settings_module,
           "DJANGO_SECRET_KEY": "test-only-" + "x" * 40, **extra_env}
    command = run_commands()["daphne"]
    with run_server(command, cwd=SNIPPETS, env=env) as a, run_server(command, cwd=SNIPPETS, env=env) as b:
        with connect(f"ws://127.0.0.1:{a.port}/ws/chat/lobby/", origin=f"http://127.0.0.1:{a.port}") as ada, \
                connect(f"ws://127.0.0.1:{b.port}/ws/chat/lobby/", origin=f"http://127.0.0.1:{b.port}") as bob:
            talk.add("ada: connect to server A /ws/chat/lobby/: accepted")
            talk.add("bob: connect to server B /ws/chat/lobby/: accepted")
            ada.send(json.dumps({"text": "hello from A"}))
            talk.add('ada > {"text": "hello from A"}')
            reply = ada.recv(timeout=10)
            talk.add(f"ada < {reply}")
            bob.send(json.dumps({"text": "bob here"}))
            talk.add('bob > {"text": "bob here"}')
            first = json.loads(bob.recv(timeout=10))  # Ada's message, if it crossed, is queued before Bob's own
            talk.add(f"bob < {json.dumps(first)}")
            return first


@pytest.mark.slow
def test_redis_layer_crosses_processes(redis_url, outputs):
    talk = Transcript()
    first = two_servers_conversation("django_ecosystem.channel_layers.settings", {"REDIS_URL": redis_url}, talk)
    assert first == {"room": "chat.lobby", "text": "hello from A"}
    outputs.check(f"{OUT}/two_servers_redis.txt", talk.text())


@pytest.mark.slow
def test_memory_layer_does_not_cross_processes(outputs):
    talk = Transcript()
    first = two_servers_conversation("django_ecosystem.channel_layers.settings_dev", {}, talk)
    assert first == {"room": "chat.lobby", "text": "bob here"}  # Ada's message never reached server B
    outputs.check(f"{OUT}/two_servers_memory.txt", talk.text())


@pytest.mark.slow
def test_http_is_still_served(redis_url):
    import httpx2

    env = {**python_env(), "DJANGO_SETTINGS_MODULE": "django_ecosystem.channel_layers.settings",
           "DJANGO_SECRET_KEY": "test-only-" + "x" * 40, "REDIS_URL": redis_url}
    with run_server(run_commands()["daphne"], cwd=SNIPPETS, env=env) as server:
        response = httpx2.get(f"{server.url}/", timeout=10)
    assert response.status_code == 200
    assert response.text == "Chat server: WebSocket on /ws/chat/<room>/"


@contextlib.contextmanager
def chat_on_daphne(redis_server):
    """run.sh's Daphne on the page's settings, its layer on `redis_server`, warmed up."""
    env = {**python_env(), "DJANGO_SETTINGS_MODULE": "django_ecosystem.channel_layers.settings",
           "DJANGO_SECRET_KEY": "test-only-" + "x" * 40, "REDIS_URL": redis_server.url}
    with run_server(run_commands()["daphne"], cwd=SNIPPETS, env=env) as server:
        wait_until_the_chat_accepts(server)
        yield server


def wait_until_the_chat_accepts(server, timeout: float = 60) -> None:
    """A freshly started Daphne's first handshake runs Django's setup and opens the layer's first
    Redis connection; on a loaded machine that can outlast Daphne's 5-second handshake timeout (a
    403). Connect to a room of its own until one handshake succeeds, so that a test's clients meet a
    warm server."""
    from websockets.exceptions import InvalidHandshake
    from websockets.sync.client import connect

    deadline = time.monotonic() + timeout
    while True:
        try:
            with connect(f"ws://127.0.0.1:{server.port}/ws/chat/warm-up/", origin=f"http://127.0.0.1:{server.port}"):
                return
        except (OSError, InvalidHandshake) as error:
            assert time.monotonic() < deadline, f"no handshake succeeded within {timeout} s: {error}\n{server.output()}"
            time.sleep(0.5)


@pytest.mark.slow
def test_an_idle_connection_stays_open():
    """run.sh's Daphne on the page's settings. The layer waits for a consumer's next message with a
    blocking read of 5 seconds (BZPOPMIN), and redis-py 8 gives every read 5 seconds by default
    (socket_timeout): without the page's longer socket_timeout, each consumer that hears nothing for
    5 seconds ends with redis.exceptions.TimeoutError and Daphne closes its connection with 1011.
    Two clients stay silent for three of those periods, then one speaks and the other hears it."""
    from websockets.sync.client import connect

    with restartable_redis() as server_redis, chat_on_daphne(server_redis) as server:
        base, origin = f"ws://127.0.0.1:{server.port}/ws", f"http://127.0.0.1:{server.port}"
        with connect(f"{base}/chat/lobby/", origin=origin) as ada, connect(f"{base}/sync-chat/lobby/", origin=origin) as bob:
            time.sleep(16)  # three of the layer's 5-second reads, and then some
            ada.send(json.dumps({"text": "still here"}))
            try:
                heard = json.loads(bob.recv(timeout=10))
            except Exception as error:
                raise AssertionError(f"{type(error).__name__}: {error}\n{server.output()}") from error
        assert heard == {"room": "chat.lobby", "text": "still here"}
        assert "Exception inside application" not in server.output(), server.output()


@pytest.mark.slow
def test_a_redis_restart_closes_every_connection(outputs):
    """The failure table's row, at its scale: run.sh's Daphne on the page's settings, three clients in
    the lobby (two on the async consumer, one on the sync one), and a real Redis restarted without
    persistence. Each consumer waits on the layer for its next group message; when Redis goes away
    that wait raises redis.exceptions.ConnectionError, the consumer ends, and Daphne closes every
    connection with 1011 without anyone sending a word (keep_membership() never gets its turn). The
    new Redis holds no group; a client is back in the room when it reconnects, as connect() joins."""
    import redis
    from websockets.exceptions import ConnectionClosed, InvalidHandshake
    from websockets.sync.client import connect

    talk = Transcript()
    with restartable_redis() as server_redis, chat_on_daphne(server_redis) as server:
        base, origin = f"ws://127.0.0.1:{server.port}/ws", f"http://127.0.0.1:{server.port}"
        with connect(f"{base}/chat/lobby/", origin=origin) as ada, connect(f"{base}/chat/lobby/", origin=origin) as bob, \
                connect(f"{base}/sync-chat/lobby/", origin=origin) as cyd:
            ada.send(json.dumps({"text": "before"}))
            assert [json.loads(c.recv(timeout=10))["text"] for c in (ada, bob, cyd)] == ["before"] * 3
            talk.add("ada, bob (chat) and cyd (sync-chat) in the lobby; ada's message reaches all three")
            server_redis.restart()
            talk.add("Redis restarts, without persistence")
            codes = []
            for name, client in (("ada", ada), ("bob", bob), ("cyd", cyd)):
                with pytest.raises(ConnectionClosed) as closed:
                    client.recv(timeout=10)  # nobody sends anything
                codes.append(closed.value.rcvd.code if closed.value.rcvd else None)
                talk.add(f"{name}: connection closed, code {codes[-1]}")
        assert codes == [1011] * 3, f"{codes}\n{server.output()}"
        log = server.output()
        assert log.count("Exception inside application") == 3, log
        assert "redis.exceptions.ConnectionError" in log, log
        talk.add("Daphne's log: 3 x Exception inside application: ... redis.exceptions.ConnectionError")
        with redis.Redis.from_url(server_redis.url) as fresh:
            assert fresh.keys("*") == [], "the restarted Redis still holds keys"
        talk.add("the new Redis holds no group")

        def rejoin() -> dict:
            with connect(f"{base}/chat/lobby/", origin=origin) as ada, connect(f"{base}/chat/lobby/", origin=origin) as bob:
                ada.send(json.dumps({"text": "after"}))
                return json.loads(bob.recv(timeout=10))

        failed = []  # the first handshakes after the restart may fail: the layer's pool still
        deadline = time.monotonic() + 60  # holds connections to the old server
        while True:
            try:
                heard = rejoin()
                break
            except (OSError, ConnectionClosed, TimeoutError, InvalidHandshake) as error:
                failed.append(type(error).__name__)
                assert time.monotonic() < deadline, f"no handshake succeeded: {failed}\n{server.output()}"
        assert heard == {"room": "chat.lobby", "text": "after"}
        talk.add("ada and bob reconnect, retrying a failed handshake: connect() joins again, and bob hears ada")
    outputs.check(f"{OUT}/redis_restart.txt", talk.text())


# --------------------------------------------------------------------------- bad input


BAD_FRAMES = [b"\x00\x01", "", "hello", "[1, 2]", '"text"', "[" * 5_000]  # binary, empty, not JSON, not an object, too deep
BAD_FRAME = {"error": "not a JSON object of at most 32000 characters"}


@pytest.mark.slow
@pytest.mark.parametrize("route", ["chat", "sync-chat"])
def test_bad_frames_and_long_room_names_get_an_answer(route):
    """A real client through Daphne: a frame the consumer cannot read gets an error message and the
    connection stays open; a room name too long for a group name is refused at the handshake (403),
    not a crashed consumer (an uncaught exception in connect() or receive() closes with 1011)."""
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    from django_ecosystem.channel_layers.consumers import MAX_ROOM_LENGTH

    env = {**python_env(), "DJANGO_SETTINGS_MODULE": "django_ecosystem.channel_layers.settings_dev",
           "DJANGO_SECRET_KEY": "test-only-" + "x" * 40}
    with run_server(run_commands()["daphne"], cwd=SNIPPETS, env=env) as server:
        origin = f"http://127.0.0.1:{server.port}"
        with connect(f"ws://127.0.0.1:{server.port}/ws/{route}/lobby/", origin=origin) as ada:
            for frame in BAD_FRAMES:
                ada.send(frame)
                try:
                    reply = ada.recv(timeout=10)
                except Exception as error:  # name the frame and show the server's log
                    raise AssertionError(f"frame {frame[:12]!r}: {error}\n{server.output()}") from error
                assert json.loads(reply) == BAD_FRAME, frame
            ada.send(json.dumps({"text": "still here"}))
            assert json.loads(ada.recv(timeout=10)) == {"room": "chat.lobby", "text": "still here"}
        longest = "r" * MAX_ROOM_LENGTH
        with connect(f"ws://127.0.0.1:{server.port}/ws/{route}/{longest}/", origin=origin) as cyd:
            cyd.send(json.dumps({"text": "hi"}))
            assert json.loads(cyd.recv(timeout=10)) == {"room": f"chat.{longest}", "text": "hi"}
        for length in (MAX_ROOM_LENGTH + 1, 95, 500):
            with pytest.raises(InvalidStatus) as refused:
                connect(f"ws://127.0.0.1:{server.port}/ws/{route}/{'r' * length}/", origin=origin)
            assert refused.value.response.status_code == 403, length  # closed before accept: refused


@pytest.mark.parametrize("route", ["chat", "sync-chat"])
def test_bad_frames_get_an_error_in_process(application, settings, route):
    """The same answers as through Daphne, in process (what the coverage gate counts)."""
    from channels.testing import WebsocketCommunicator

    settings.CHANNEL_LAYERS = MEMORY

    async def run():
        socket_ = WebsocketCommunicator(application, f"/ws/{route}/lobby/", headers=HEADERS)
        assert (await socket_.connect(timeout=5))[0]
        replies = []
        for frame in BAD_FRAMES:
            await socket_.send_input({"type": "websocket.receive", ("bytes" if isinstance(frame, bytes) else "text"): frame})
            replies.append(await socket_.receive_json_from(timeout=5))
        await socket_.disconnect(timeout=5)
        return replies

    assert asyncio.run(run()) == [BAD_FRAME] * len(BAD_FRAMES)


@pytest.mark.parametrize("route", ["chat", "sync-chat"])
def test_a_frame_is_measured_before_it_is_parsed(application, settings, monkeypatch, route):
    """json.loads() runs on the event loop (for the sync consumer, on Channels' one shared thread), and every
    other connection of the process waits while it parses. Daphne refuses a message over 1 MiB, Uvicorn takes
    up to 16 MiB: a frame over MAX_FRAME characters is refused unread, even one that holds a valid chat
    message. The longest text a client may send still fits with every character escaped, as json.dumps()
    writes it by default (an emoji as \\ud83d\\ude00, 12 characters)."""
    from types import SimpleNamespace

    from channels.testing import WebsocketCommunicator

    from django_ecosystem.channel_layers import consumers

    settings.CHANNEL_LAYERS = MEMORY
    parsed = []  # the length of every frame the consumers parsed

    def loads(text):
        parsed.append(len(text))
        return json.loads(text)

    monkeypatch.setattr(consumers, "json", SimpleNamespace(loads=loads))
    longest = "\N{GRINNING FACE}" * consumers.MAX_TEXT
    escaped = json.dumps({"text": longest})
    assert 12 * consumers.MAX_TEXT < len(escaped) <= consumers.MAX_FRAME  # the longest text a client may send fits
    start = '{"text": "hi", "padding": "'
    too_long = start + "x" * (consumers.MAX_FRAME - len(start) - 1) + '"}'
    assert len(too_long) == consumers.MAX_FRAME + 1 and json.loads(too_long)["text"] == "hi"

    async def run():
        ada = WebsocketCommunicator(application, f"/ws/{route}/lobby/", headers=HEADERS)
        bob = WebsocketCommunicator(application, f"/ws/{route}/lobby/", headers=HEADERS)
        assert (await ada.connect(timeout=5))[0] and (await bob.connect(timeout=5))[0]
        await ada.send_to(text_data=too_long)
        refused = await ada.receive_json_from(timeout=5)
        await ada.send_to(text_data=escaped)
        heard = await bob.receive_json_from(timeout=5)  # the first thing Bob hears
        await ada.disconnect(timeout=5)
        await bob.disconnect(timeout=5)
        return refused, heard

    refused, heard = asyncio.run(run())
    assert refused == BAD_FRAME == consumers.BAD_FRAME
    assert heard == {"room": "chat.lobby", "text": longest}
    assert parsed == [len(escaped)]  # the frame over MAX_FRAME was never parsed


@pytest.mark.parametrize("route", ["chat", "sync-chat"])
def test_the_text_is_bounded_before_it_is_sent_to_the_room(application, settings, route):
    """group_send() copies a message to every member, and a server holds what a member has not read
    yet: a text that is not a string, or longer than MAX_TEXT, is refused to its sender, not broadcast."""
    from channels.testing import WebsocketCommunicator

    settings.CHANNEL_LAYERS = MEMORY
    longest = "x" * 2_000

    async def run():
        ada = WebsocketCommunicator(application, f"/ws/{route}/lobby/", headers=HEADERS)
        bob = WebsocketCommunicator(application, f"/ws/{route}/lobby/", headers=HEADERS)
        assert (await ada.connect(timeout=5))[0] and (await bob.connect(timeout=5))[0]
        refused = []
        for text in (longest + "x", "x" * 20_000, ["a list"], {"an": "object"}, 7):
            await ada.send_json_to({"text": text})
            refused.append(await ada.receive_json_from(timeout=5))
        await ada.send_json_to({"text": longest})
        heard = await bob.receive_json_from(timeout=5)  # the first thing Bob hears: nothing refused reached him
        await ada.disconnect(timeout=5)
        await bob.disconnect(timeout=5)
        return refused, heard

    refused, heard = asyncio.run(run())
    assert refused == [{"error": "text: a string of at most 2000 characters"}] * 5
    assert heard == {"room": "chat.lobby", "text": longest}


@pytest.mark.parametrize("route", ["chat", "sync-chat"])
def test_a_long_room_name_is_closed_with_4400(application, settings, route):
    from channels.testing import WebsocketCommunicator

    from django_ecosystem.channel_layers.consumers import MAX_ROOM_LENGTH

    settings.CHANNEL_LAYERS = MEMORY

    async def run():
        socket = WebsocketCommunicator(application, f"/ws/{route}/{'r' * (MAX_ROOM_LENGTH + 1)}/", headers=HEADERS)
        result = await socket.connect(timeout=5)
        await socket.disconnect(timeout=5)  # disconnect() must not fail for a refused connection
        return result

    assert asyncio.run(run()) == (False, 4400)


def test_redis_down_fails_the_handshake(application, settings):
    """With Redis refusing connections, group_add() in connect() raises and the consumer ends:
    the client's handshake fails. There is no fallback to a layer that works."""
    import redis.exceptions
    from channels.testing import WebsocketCommunicator

    closed_port = free_port()  # a loopback port where nothing listens
    settings.CHANNEL_LAYERS = redis_layers(f"redis://127.0.0.1:{closed_port}/0")

    async def run():
        socket_ = WebsocketCommunicator(application, "/ws/chat/lobby/", headers=HEADERS)
        await socket_.connect(timeout=5)

    with pytest.raises(redis.exceptions.ConnectionError, match="Connect call failed"):
        asyncio.run(run())


@pytest.mark.slow
def test_redis_down_fails_the_handshake_under_daphne():
    """The table's "Redis is down" row through run.sh's Daphne on the page's settings: a Redis that
    refuses connections makes group_add() in connect() raise redis.exceptions.ConnectionError, and
    Daphne answers the handshake with 500 (an exception before accept()). Once Redis is back, the
    next client joins the room."""
    from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus
    from websockets.sync.client import connect

    with restartable_redis() as server_redis, chat_on_daphne(server_redis) as server:
        base, origin = f"ws://127.0.0.1:{server.port}/ws", f"http://127.0.0.1:{server.port}"
        server_redis.stop()
        with pytest.raises(InvalidStatus) as refused:
            connect(f"{base}/chat/lobby/", origin=origin, open_timeout=10)
        assert refused.value.response.status_code == 500, server.output()
        assert "redis.exceptions.ConnectionError" in server.output(), server.output()
        server_redis.start()

        def join() -> dict:
            with connect(f"{base}/chat/lobby/", origin=origin, open_timeout=10) as ada:
                ada.send(json.dumps({"text": "back"}))
                return json.loads(ada.recv(timeout=10))

        # As after a restart (the table's row): the first handshakes may fail while the layer's pool
        # drops its connections to the stopped server, so a client retries.
        failed, deadline = [], time.monotonic() + 60
        while True:
            try:
                heard = join()
                break
            except (OSError, ConnectionClosed, TimeoutError, InvalidHandshake) as error:
                failed.append(type(error).__name__)
                assert time.monotonic() < deadline, f"no handshake succeeded: {failed}\n{server.output()}"
        assert heard == {"room": "chat.lobby", "text": "back"}


@pytest.mark.parametrize("layer_timeout", [1, pytest.param(None, marks=pytest.mark.slow)])
def test_a_redis_that_does_not_answer_fails_the_handshake_in_time(application, settings, monkeypatch, layer_timeout):
    """A Redis that accepts the connection and never answers (a stalled server, a lost network), with the
    page's layer settings: redis-py gives up a read after socket_timeout (10 s), and group_add() in connect()
    then ends the consumer with redis.exceptions.TimeoutError (the control, LAYER_TIMEOUT None: no bound of
    the consumer's own). asyncio.timeout(LAYER_TIMEOUT), 1 s here, ends it sooner with TimeoutError: the
    handshake fails either way, and Daphne's own handshake timeout is 5 s."""
    import redis.exceptions
    from channels.testing import WebsocketCommunicator

    from django_ecosystem.channel_layers import consumers

    config = page_layer_config(monkeypatch)
    socket_timeout = config["hosts"][0]["socket_timeout"]
    monkeypatch.setattr(consumers, "LAYER_TIMEOUT", layer_timeout)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # the kernel completes the TCP handshake; nobody ever reads or answers
        hosts = [{**config["hosts"][0], "address": f"redis://127.0.0.1:{silent.getsockname()[1]}/0"}]
        settings.CHANNEL_LAYERS = redis_layers(hosts[0]["address"], hosts=hosts)

        async def run():
            socket_ = WebsocketCommunicator(application, "/ws/chat/lobby/", headers=HEADERS)
            await socket_.send_input({"type": "websocket.connect"})
            started = time.monotonic()
            ended, consumer = await consumer_end(socket_, patience=socket_timeout + 10)
            return ended, consumer, time.monotonic() - started

        ended, consumer, took = asyncio.run(run())
    assert ended  # by itself, before the client gave up
    if layer_timeout is None:
        assert isinstance(consumer.exception(), redis.exceptions.TimeoutError), consumer.exception()
        assert socket_timeout <= took < socket_timeout + 5, took
    else:
        assert type(consumer.exception()) is TimeoutError, consumer.exception()  # not redis's subclass
        assert took < socket_timeout, took


@pytest.mark.parametrize("layer_timeout", [1, pytest.param("page", marks=pytest.mark.slow)])
@pytest.mark.parametrize("route", ["sync-chat", "chat"])
def test_sync_consumers_hold_the_shared_thread_on_a_silent_redis(application, settings, monkeypatch, route,
                                                                 layer_timeout):
    """The "Redis does not answer" row, with the page's layer CONFIG and a Redis that accepts connections and
    never answers ("page": the page's LAYER_TIMEOUT, 5 s). Cyd and Ada open sockets on `route` 0.2 s apart in
    two rooms, then Dan an async one in a third; each handshake's group_add() ends with TimeoutError.
    sync-chat: bounded() ends each sync call after LAYER_TIMEOUT, not after socket_timeout (without it: 10 s,
    then 20 s), but sync handlers run one at a time on Channels' one shared thread, and Channels runs every
    consumer's handler, async ones too, only after closing stale database connections on that thread
    (aclose_old_connections): Ada's handshake starts when Cyd's call gives up, Dan's when Ada's does, each
    LAYER_TIMEOUT after the one before. chat: async calls do not hold the thread, each ends on its own time."""
    from channels.testing import WebsocketCommunicator

    from django_ecosystem.channel_layers import consumers

    config = page_layer_config(monkeypatch)
    socket_timeout = config["hosts"][0]["socket_timeout"]
    if layer_timeout != "page":
        monkeypatch.setattr(consumers, "LAYER_TIMEOUT", layer_timeout)
    bound, margin = consumers.LAYER_TIMEOUT, 2
    assert bound + margin < socket_timeout
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # the kernel completes the TCP handshake; nobody ever reads or answers
        hosts = [{**config["hosts"][0], "address": f"redis://127.0.0.1:{silent.getsockname()[1]}/0"}]
        settings.CHANNEL_LAYERS = redis_layers(hosts[0]["address"], hosts=hosts)

        async def run():
            paths = {"cyd": f"/ws/{route}/lobby/", "ada": f"/ws/{route}/kitchen/", "dan": "/ws/chat/garden/"}
            clients, opened, ended = {}, {}, {}
            started = time.monotonic()
            for name, path in paths.items():
                clients[name] = WebsocketCommunicator(application, path, headers=HEADERS)
                await clients[name].send_input({"type": "websocket.connect"})
                opened[name] = time.monotonic() - started
                clients[name].future.add_done_callback(
                    lambda _, name=name: ended.setdefault(name, time.monotonic() - started))
                await asyncio.sleep(0.2)
            done, _ = await asyncio.wait([c.future for c in clients.values()], timeout=4 * socket_timeout)
            for client in clients.values():
                if not client.future.done():
                    client.future.cancel()
            errors = {name: c.future.exception() if c.future in done else None for name, c in clients.items()}
            return opened, ended, errors

        opened, ended, errors = asyncio.run(run())
    assert {name: type(error) for name, error in errors.items()} == dict.fromkeys(opened, TimeoutError), errors
    # Each handshake ends LAYER_TIMEOUT after it could start: at once (async), or when the thread came free (sync).
    could_start = dict(opened)
    if route == "sync-chat":  # one shared thread: each, in the order they ended, after the one before it
        order = sorted(opened, key=lambda name: ended[name])  # not the order they opened: a loaded machine may swap two
        for before, name in zip(order, order[1:]):
            could_start[name] = max(opened[name], ended[before])
    took = {name: ended[name] - could_start[name] for name in opened}
    assert all(bound <= t < bound + margin for t in took.values()), (took, ended)


@pytest.mark.parametrize("layer_timeout", [1, pytest.param("page", marks=pytest.mark.slow)])
def test_announce_from_a_view_gives_up_on_a_silent_redis(application, settings, monkeypatch, caplog, layer_timeout):
    """The page, under announce(): with the page's layer CONFIG and a Redis that accepts connections and never
    answers ("page": the page's LAYER_TIMEOUT, 5 s), announce() goes through bounded() and raises TimeoutError
    after LAYER_TIMEOUT, not redis.exceptions.TimeoutError after socket_timeout (10 s). A sync view that calls
    it, served by the chat's ASGI application, answers its request only then: with 500, and Django logs the
    TimeoutError, since this view does not catch it."""
    from channels.testing import HttpCommunicator
    from django.http import HttpResponse
    from django.urls import path

    from django_ecosystem.channel_layers import consumers

    def closing(request):  # a sync view, as the page's note describes it
        consumers.announce("lobby", "closing soon")
        return HttpResponse("announced")

    class urls:
        urlpatterns = [path("closing/", closing)]

    config = page_layer_config(monkeypatch)
    socket_timeout = config["hosts"][0]["socket_timeout"]
    if layer_timeout != "page":
        monkeypatch.setattr(consumers, "LAYER_TIMEOUT", layer_timeout)
    bound, margin = consumers.LAYER_TIMEOUT, 2
    assert bound + margin < socket_timeout
    settings.ROOT_URLCONF = urls
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # the kernel completes the TCP handshake; nobody ever reads or answers
        hosts = [{**config["hosts"][0], "address": f"redis://127.0.0.1:{silent.getsockname()[1]}/0"}]
        settings.CHANNEL_LAYERS = redis_layers(hosts[0]["address"], hosts=hosts)

        async def run():
            request = HttpCommunicator(application, "GET", "/closing/", headers=[(b"host", b"testserver")])
            started = time.monotonic()
            response = await request.get_response(timeout=2 * socket_timeout)
            took = time.monotonic() - started
            await request.wait()  # let Django finish the request (it closes the body file last)
            return response, took

        with caplog.at_level("ERROR", logger="django.request"):
            response, took = asyncio.run(run())
    assert response["status"] == 500, response
    assert bound <= took < bound + margin, took
    errors = [record.exc_info[0] for record in caplog.records if record.exc_info]
    assert errors == [TimeoutError], caplog.records  # the builtin, not redis's own TimeoutError


async def consumer_end(communicator, patience: float = 10) -> tuple[bool, asyncio.Future]:
    """Wait for the application behind `communicator` to end, up to the client's `patience`: (whether it ended,
    its future). One still running then is cancelled, as a server would once the client has gone."""
    done, _ = await asyncio.wait([communicator.future], timeout=patience)
    if not done:
        communicator.future.cancel()
    return bool(done), communicator.future


@pytest.mark.parametrize("route", ["chat", "sync-chat"])
@pytest.mark.parametrize("call", ["group_send", "group_discard"])
def test_a_layer_call_that_never_answers_ends_the_consumer(application, settings, monkeypatch, call, route):
    """group_send() (a message) or group_discard() (the client leaves) to a layer that never answers: without
    a limit the consumer would wait forever, with every later frame of that client (the sync consumer: with
    every sync consumer of the process). asyncio.timeout(LAYER_TIMEOUT), in the sync consumer through
    bounded(), ends it with TimeoutError (a real server closes with 1011), and the client reconnects."""
    from channels.layers import get_channel_layer
    from channels.testing import WebsocketCommunicator

    from django_ecosystem.channel_layers import consumers

    settings.CHANNEL_LAYERS = MEMORY
    monkeypatch.setattr(consumers, "LAYER_TIMEOUT", 0.5)

    async def run():
        ada = WebsocketCommunicator(application, f"/ws/{route}/lobby/", headers=HEADERS)
        assert (await ada.connect(timeout=5))[0]

        async def never(*args, **kwargs):
            await asyncio.Event().wait()

        monkeypatch.setattr(get_channel_layer(), call, never)
        if call == "group_send":
            await ada.send_json_to({"text": "hello?"})
        else:
            await ada.send_input({"type": "websocket.disconnect", "code": 1000})
        return await consumer_end(ada)

    ended, consumer = asyncio.run(run())
    assert ended  # by itself, before the client gave up
    assert isinstance(consumer.exception(), TimeoutError)


def page_layer_config(monkeypatch) -> dict:
    """The layer's CONFIG in the page's production settings (settings.py)."""
    import runpy

    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 50)
    production = runpy.run_path(str(SNIPPETS / "django_ecosystem/channel_layers/settings.py"))
    return production["CHANNEL_LAYERS"]["default"]["CONFIG"]


@pytest.mark.slow
def test_a_silent_redis_closes_connections_one_at_a_time(outputs, monkeypatch):
    """The failure table's "Redis does not answer" row, at its scale: run.sh's Daphne on the page's
    settings, four clients in the lobby, and a real Redis stopped with SIGSTOP (its connections stay
    open, the kernel still accepts new ones, nothing answers). Ada sends a message: her group_send()
    ends at LAYER_TIMEOUT with TimeoutError and Daphne closes her connection with 1011. The others
    wait for group messages, and only one consumer of a process reads from Redis at a time (the
    layer's receive lock): each read gives up after the page's socket_timeout with
    redis.exceptions.TimeoutError, that consumer ends (1011), and the next one starts its read. The
    connections close one by one, socket_timeout apart, open and deaf until then. A new handshake
    fails. The ended consumers never ran disconnect(): once Redis answers again (SIGCONT) their
    memberships are still in the group, and clients that reconnect are back in the room."""
    import redis
    from websockets.exceptions import ConnectionClosed, InvalidHandshake
    from websockets.sync.client import connect

    from django_ecosystem.channel_layers.consumers import LAYER_TIMEOUT

    socket_timeout = page_layer_config(monkeypatch)["hosts"][0]["socket_timeout"]
    assert LAYER_TIMEOUT < socket_timeout  # group_send() is bounded by LAYER_TIMEOUT, not by the read
    talk = Transcript()
    names, routes = ("ada", "bob", "cyd", "dan"), ("chat", "chat", "sync-chat", "chat")
    with restartable_redis() as server_redis, chat_on_daphne(server_redis) as server, contextlib.ExitStack() as open_:
        base, origin = f"ws://127.0.0.1:{server.port}/ws", f"http://127.0.0.1:{server.port}"
        clients = dict(zip(names, (open_.enter_context(connect(f"{base}/{route}/lobby/", origin=origin))
                                   for route in routes)))
        clients["ada"].send(json.dumps({"text": "before"}))
        assert [json.loads(c.recv(timeout=10))["text"] for c in clients.values()] == ["before"] * 4
        talk.add("ada, bob, dan (chat) and cyd (sync-chat) in the lobby; ada's message reaches all four")

        server_redis.pause()
        stopped = time.monotonic()
        talk.add("Redis stops answering (SIGSTOP): its connections stay open")
        clients["ada"].send(json.dumps({"text": "during"}))
        talk.add('ada > {"text": "during"}')
        ends: dict[str, tuple[object, float]] = {}

        def wait_for_the_end(name: str) -> None:
            try:
                ends[name] = (clients[name].recv(timeout=10 * socket_timeout), time.monotonic() - stopped)
            except ConnectionClosed as closed:
                ends[name] = (closed.rcvd.code if closed.rcvd else None, time.monotonic() - stopped)

        watchers = [threading.Thread(target=wait_for_the_end, args=(name,)) for name in names]
        for watcher in watchers:
            watcher.start()
        started = time.monotonic()
        with pytest.raises(InvalidHandshake):  # Daphne's handshake timeout (5 s) and LAYER_TIMEOUT, whichever first
            connect(f"{base}/chat/lobby/", origin=origin, open_timeout=3 * socket_timeout)
        refused_after = time.monotonic() - started
        for watcher in watchers:
            watcher.join()
        log = server.output()
        assert 3 <= refused_after < LAYER_TIMEOUT + 3, f"the handshake failed after {refused_after:.1f} s"
        talk.add("a new client's handshake fails after about 5 s")

        assert {name: code for name, (code, _) in ends.items()} == dict.fromkeys(names, 1011), f"{ends}\n{log}"
        assert LAYER_TIMEOUT <= ends["ada"][1] < LAYER_TIMEOUT + 3, ends  # her group_send(), bounded
        talk.add(f"ada: connection closed, code 1011, after LAYER_TIMEOUT ({LAYER_TIMEOUT} s): TimeoutError")
        waiting = sorted(t for name, (_, t) in ends.items() if name != "ada")
        gaps = [later - earlier for earlier, later in zip([ends["ada"][1], *waiting], waiting)]
        assert all(socket_timeout - 0.5 <= gap < socket_timeout + 4 for gap in gaps), f"{ends}\n{gaps}"
        for _ in waiting:  # which of bob, cyd and dan goes first is the layer's choice
            talk.add(f"a waiting client: connection closed, code 1011, socket_timeout ({socket_timeout} s) "
                     "after the one before: redis.exceptions.TimeoutError")
        assert log.count("redis.exceptions.TimeoutError: Timeout reading from") >= 3, log

        server_redis.resume()
        talk.add("Redis answers again (SIGCONT)")
        with redis.Redis.from_url(server_redis.url) as db:
            members = db.zrange("asgi:group:chat.lobby", 0, -1)
        assert len(members) >= 4, members  # no disconnect() ran: ada's, bob's, cyd's and dan's stay
        talk.add("the lobby still lists the four ended consumers: their disconnect() never ran")

        def reconnect() -> dict:
            with connect(f"{base}/chat/lobby/", origin=origin) as ada, connect(f"{base}/chat/lobby/", origin=origin) as bob:
                ada.send(json.dumps({"text": "after"}))
                return json.loads(bob.recv(timeout=10))

        deadline = time.monotonic() + 30
        while True:
            try:
                heard = reconnect()
                break
            except (OSError, ConnectionClosed, TimeoutError, InvalidHandshake) as error:
                assert time.monotonic() < deadline, f"no handshake succeeded: {error}\n{server.output()}"
        assert heard == {"room": "chat.lobby", "text": "after"}
        talk.add("ada and bob reconnect: connect() joins again, and bob hears ada")
    outputs.check(f"{OUT}/redis_silent.txt", talk.text())


def test_the_values_the_page_calls_defaults_are_the_layers_defaults(monkeypatch):
    """The page, after the settings' notes: "The other values shown are the defaults". Each value of
    the Redis layer's CONFIG but its hosts is RedisChannelLayer's own default, read from its signature,
    so spelling them out changes nothing, and a changed one (a longer `expiry`) is not passed off as one."""
    import inspect
    import runpy

    from channels_redis.core import RedisChannelLayer

    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 50)
    production = runpy.run_path(str(SNIPPETS / "django_ecosystem/channel_layers/settings.py"))
    config = production["CHANNEL_LAYERS"]["default"]["CONFIG"]
    defaults = {name: p.default for name, p in inspect.signature(RedisChannelLayer.__init__).parameters.items()}
    shown = {name: value for name, value in config.items() if name != "hosts"}
    assert shown and shown == {name: defaults[name] for name in shown}, (shown, defaults)
