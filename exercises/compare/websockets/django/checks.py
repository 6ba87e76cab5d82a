"""Checks of the WebSockets exercise, Django Channels: `python3 dev.py exercise websockets/django`.

WebsocketCommunicator shows the code the consumer closes with. Daphne delivers it to the client
only if it is 1000 or in 3000-4999 (else 1011), hence 4009 and 4003: tests/compare/test_websockets.py,
test_the_django_exercise_codes_reach_a_client_of_daphne, serves the reference solution with Daphne."""

import asyncio
import importlib
import re

from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from consumers import application

from exercises.batteries import debug, hosts, secrets
from exercises.compare.websockets import shared_checks as shared

BIG = "x" * 201
# Domains whose subdomains belong to anyone (tunnels, hostings; a public suffix list has thousands):
# ALLOWED_HOSTS = [".ngrok-free.app"] answers every user's tunnel, as open as "*". A leading dot on a
# top-level domain alone (".com") is refused as well.
SHARED_DOMAINS = (
    "ngrok-free.app", "ngrok-free.dev", "ngrok.app", "ngrok.io", "ngrok.dev", "trycloudflare.com", "loca.lt",
    "localhost.run", "lhr.life", "serveo.net", "herokuapp.com", "vercel.app", "netlify.app", "onrender.com",
    "fly.dev", "pythonanywhere.com", "pages.dev", "workers.dev", "github.io", "gitpod.io", "azurewebsites.net",
    "appspot.com", "railway.app", "repl.co", "replit.dev", "glitch.me", "web.app", "firebaseapp.com",
    "amazonaws.com", "cloudfront.net", "koyeb.app", "deta.app", "app.github.dev", "preview.app.github.dev",
)


def websocket_paths() -> list[str]:
    """The path of every route of `application` (a URLRouter, nested ones too), a converter's part
    filled with "1": each one accepts WebSocket connections and follows the rule."""

    def paths(routes, prefix: str) -> list[str]:
        found = []
        for route in routes:
            text = getattr(route.pattern, "_route", None)
            if text is None:  # re_path: the regex without its anchors
                text = str(route.pattern).lstrip("^").rstrip("$").replace("\\", "")
            text = prefix + re.sub(r"<[^>]*>", "1", text)
            callback = getattr(route, "callback", None)
            found += paths(callback.routes, text) if isinstance(callback, URLRouter) else [text]
        return found

    router = application
    for _ in range(10):  # through a ProtocolTypeRouter and middleware (AuthMiddlewareStack) to the URLRouter
        if isinstance(router, URLRouter):
            return ["/" + path.lstrip("/") for path in paths(router.routes, "")]
        router = router.application_mapping.get("websocket") if hasattr(router, "application_mapping") else getattr(router, "inner", None)
    return ["/ws/echo"]


def talk(*texts: str | bytes) -> list[dict]:
    """Connect, send the messages (bytes: a binary frame) one by one (up to a close), return
    everything the consumer sent."""

    async def run():
        communicator = WebsocketCommunicator(application, "/ws/echo")
        connected, _ = await communicator.connect()
        assert connected, "the consumer refused the connection"
        outputs = []
        for text in texts:
            if isinstance(text, bytes):
                await communicator.send_to(bytes_data=text)
            else:
                await communicator.send_to(text_data=text)
            outputs.append(await communicator.receive_output(timeout=5))
            if outputs[-1]["type"] == "websocket.close":
                break
        while not await communicator.receive_nothing(timeout=0.2):  # sent after the close or the echo?
            outputs.append(await communicator.receive_output(timeout=1))
        await communicator.disconnect()
        for output in outputs:
            if output["type"] == "websocket.close":
                reason_fits(output)
        return outputs

    return asyncio.run(run())


def reason_fits(message: dict) -> None:
    """A close message's reason fits in a close frame (RFC 6455: 123 bytes of UTF-8 beside the code)."""
    size = shared.reason_bytes(message)
    assert size <= shared.CLOSE_REASON_MAX, (
        f"[reason_too_long] the close reason is {size} bytes in UTF-8, a close frame holds at most 123: "
        f"served by Uvicorn, the client would get 1006 instead of {message.get('code')!r}")


def converse(texts: list[str | bytes], watch: shared.LoopWatch | None = None, path: str = "/ws/echo") -> list:
    """shared_checks' `converse`: the texts on one connection (each as Daphne passes a text frame on,
    the empty one too; bytes: a binary frame), what the consumer sent after each; with `watch`, it
    runs on the same loop."""

    async def run():
        if watch:
            watch.running = True
        running = asyncio.create_task(watch.run()) if watch else None
        communicator = WebsocketCommunicator(application, path)
        connected, _ = await communicator.connect()
        assert connected, "the consumer refused the connection"
        outcomes: list = []
        try:
            for text in texts:
                key = "bytes" if isinstance(text, bytes) else "text"
                await communicator.send_input({"type": "websocket.receive", key: text})
                try:
                    outcomes.append(await communicator.receive_output(timeout=shared.WAIT))
                except asyncio.TimeoutError:
                    outcomes.append(None)
                if outcomes[-1] is None or outcomes[-1]["type"] == "websocket.close" or (watch and watch.blocked()):
                    break
        except Exception as error:  # the consumer raised: the communicator re-raises it here
            outcomes.append(error)
        try:
            await communicator.disconnect()
        except Exception:  # noqa: BLE001 - the consumer's error is already in outcomes
            pass
        if running:
            watch.running = False
            await running
        for outcome in outcomes:
            if isinstance(outcome, dict) and outcome["type"] == "websocket.close":
                reason_fits(outcome)
        return outcomes

    return asyncio.run(run())


def assert_closes_with_4009(outputs: list[dict], after_hello: bool) -> None:
    """The first of `outputs` answers a message of 201 characters: the close, code 4009, and nothing after.
    After 'hello' (`after_hello`), every failure's cause is only_first_message."""
    again = "[only_first_message] " if after_hello else ""
    first, later = outputs[0], outputs[1:]
    if first["type"] == "websocket.send":
        sent = first.get("text") or ""
        if sent == BIG.upper():
            tag = again or "[echoed_before_close] "
            assert not any(o["type"] == "websocket.close" for o in later), (
                f"{tag}after 'hello', a message of 201 characters was echoed, then the consumer closed: close instead of echoing"
                if after_hello else
                f"{tag}a message of 201 characters was echoed, then the consumer closed: close instead of echoing")
            tag = again
            raise AssertionError(f"{tag}after 'hello', a message of 201 characters got an echo, expected a close" if after_hello else
                                 f"{tag}a message of 201 characters got an echo, expected a close")
        tag = again or ("[truncated] " if len(sent) <= 200 and BIG.upper().startswith(sent) else "[answered_instead_of_close] ")
        raise AssertionError(
            f"{tag}after 'hello', a message of 201 characters got a message of {len(sent)} characters, {sent[:30]!r}, expected a close"
            if after_hello else
            f"{tag}a message of 201 characters got a message of {len(sent)} characters, {sent[:30]!r}, expected a close")
    tag = again
    assert first["type"] == "websocket.close", (
        f"{tag}after 'hello', a message of 201 characters got {first['type']!r}, expected a close" if after_hello else
        f"{tag}a message of 201 characters got {first['type']!r}, expected a close")
    tag = again or "[wrong_close_code] "
    assert first.get("code") == 4009, f"{tag}the consumer closed with {first.get('code')!r}, expected 4009"
    tag = again or "[no_return_after_close] "
    assert later == [], f"{tag}after the close the consumer still sent {later[0]['type']!r} {str(later[0].get('text'))[:30]!r}"


def test_a_message_is_echoed_in_capitals():
    outputs = talk("hello")
    assert outputs[:1] == [{"type": "websocket.send", "text": "HELLO"}], f"the consumer answered {outputs[:1]!r}"


def test_the_settings_stay_safe(monkeypatch):
    # The settings stay as safe as the starter's (the test environment forces DEBUG off: read settings.py).
    debug.check_debug_off(monkeypatch, "settings", lambda module: module.DEBUG, any_variable=True)
    hosts.check_no_wildcard_host("settings")
    secrets.check_no_literal_fallback(monkeypatch, "settings", lambda module: module.SECRET_KEY)
    for entry in importlib.import_module("settings").ALLOWED_HOSTS:
        domain = entry.lower().lstrip(".") if entry.startswith(".") else ""
        assert not (domain and ("." not in domain or any(domain == shared_domain or domain.endswith("." + shared_domain)
                                                           for shared_domain in SHARED_DOMAINS))), (
            f"[shared_domain_host] settings.py's ALLOWED_HOSTS has {entry!r}: every site under {domain}, anyone's, "
            f"is answered, expected the site's own host names")


def test_a_long_message_closes_with_4009():
    assert_closes_with_4009(talk(BIG), after_hello=False)
    outputs = talk("hello", BIG)
    assert outputs[0] == {"type": "websocket.send", "text": "HELLO"}, f"the consumer answered 'hello' with {outputs[0]!r}"
    assert_closes_with_4009(outputs[1:], after_hello=True)
    shared.long_messages_close(converse, 4009)
    shared.every_route_closes(lambda texts, path: converse(texts, path=path), websocket_paths(), 4009)


def test_exactly_200_characters_is_fine():
    outcome = converse(["y" * 200])[0]
    assert shared.echoed(outcome, "y" * 200), (
        f"a message of 200 characters got {shared.got(outcome) if isinstance(outcome, dict) else repr(outcome)}, "
        f"expected its echo: 200 characters is within the limit")


def test_every_message_up_to_200_characters_is_echoed():
    shared.short_messages_are_echoed(converse)


def test_the_event_loop_is_never_held_up():
    calls = shared.the_loop_is_never_held_up(lambda texts, watch: converse(texts, watch), "consumers")
    if calls:
        seconds, what = calls[0]
        raise AssertionError(
            f"[blocks_a_shared_thread] the consumer called time.sleep({seconds}) in a synchronous handler, answering {what}, "
            f"{len(calls)} calls in all: Channels runs it on a thread it shares with other clients, who wait meanwhile")


def test_a_binary_frame_closes_with_4003():
    """A binary frame carries no text to measure: whatever its size, the consumer closes with 4003."""
    try:
        outputs = talk("hello", b"x" * 1000)
    except Exception as error:  # the consumer raised: the communicator re-raises it here
        raise AssertionError(f"a binary frame made the consumer raise {type(error).__name__}: {error}, expected a close with 4003") from None
    assert outputs[0] == {"type": "websocket.send", "text": "HELLO"}, f"the consumer answered 'hello' with {outputs[0]!r}"
    assert outputs[1:2] == [{"type": "websocket.close", "code": 4003}], (
        f"a binary frame got {outputs[1:2]!r}, expected a close with 4003")
