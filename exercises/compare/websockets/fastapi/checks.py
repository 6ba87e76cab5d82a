"""Checks of the WebSockets exercise, FastAPI: `python3 dev.py exercise websockets/fastapi`."""

import re

import anyio
import pytest
from app import app
from fastapi import WebSocketDisconnect
from fastapi.testclient import TestClient
from starlette.routing import Mount, WebSocketRoute

from exercises.batteries import debug
from exercises.compare.websockets import shared_checks as shared

BIG = "x" * 201
WAIT = shared.WAIT  # seconds for the server's next message: an endpoint that ends without a close sends none


def next_message(ws) -> dict | None:
    """The server's next raw ASGI message, or None when nothing came within WAIT seconds."""
    async def wait() -> dict:
        with anyio.fail_after(WAIT):
            return await ws._send_rx.receive()

    try:
        return ws.portal.call(wait)
    except TimeoutError:
        return None


def receive(ws, after_hello: bool) -> dict:
    """The server's next raw ASGI message, waited for WAIT seconds: an endpoint that ends without
    closing (`raise WebSocketDisconnect(code=1009)`, a bare `return`) leaves the test client's
    receive() waiting for ever."""
    message = next_message(ws)
    if message is None:
        raise AssertionError(
            f"[ended_without_close] after 'hello', a message of 201 characters got nothing within {WAIT} s, expected a close"
            if after_hello else
            f"[ended_without_close] a message of 201 characters got nothing within {WAIT} s, expected a close")
    return message


def reason_fits(message: dict) -> None:
    """A close frame's reason fits in the frame: Uvicorn's websockets refuses a longer one
    (ProtocolError: control frame too long), sends no close at all, and the client gets 1006."""
    size = shared.reason_bytes(message)
    assert size <= shared.CLOSE_REASON_MAX, (
        f"[reason_too_long] the close reason is {size} bytes in UTF-8, a close frame holds at most 123: "
        f"Uvicorn then sends no close frame, and the client gets 1006 instead of {message.get('code')!r}")


@pytest.fixture
def client():
    with TestClient(app) as client:
        yield client


@pytest.fixture
def converse(client):
    """shared_checks' `converse`: the texts on one connection (bytes: a binary frame), what the
    server sent after each."""
    def converse(texts: list[str | bytes], stop=lambda: False, path: str = "/ws/echo") -> list:
        outcomes: list = []
        try:
            with client.websocket_connect(path) as ws:
                for text in texts:
                    if isinstance(text, bytes):
                        ws.send_bytes(text)
                    else:
                        ws.send_text(text)
                    outcomes.append(next_message(ws))
                    if outcomes[-1] is None or outcomes[-1]["type"] == "websocket.close" or stop():
                        break
        except Exception as error:  # the app raised: the test client re-raises it here
            outcomes.append(error)
        for outcome in outcomes:
            if isinstance(outcome, dict) and outcome["type"] == "websocket.close":
                reason_fits(outcome)
        return outcomes

    return converse


def closes_with_1009(ws, text: str, after_hello: bool) -> None:
    """Send `text` (201 characters) and assert the server's next message is the close, code 1009.
    After 'hello' (`after_hello`), every failure's cause is only_first_message."""
    again = "[only_first_message] " if after_hello else ""
    ws.send_text(text)
    message = receive(ws, after_hello)  # the raw ASGI message: an echo, or the close
    if message["type"] == "websocket.send" and message.get("text") == text.upper():
        ws.send_text("ping")  # an echo followed by a close, or the starter's plain echo?
        after = receive(ws, after_hello)
        tag = again or "[echoed_before_close] "
        assert after["type"] != "websocket.close", (
            f"{tag}after 'hello', a message of 201 characters was echoed, then the server closed: close instead of echoing"
            if after_hello else
            f"{tag}a message of 201 characters was echoed, then the server closed: close instead of echoing")
        tag = again
        raise AssertionError(f"{tag}after 'hello', a message of 201 characters got an echo, expected a close" if after_hello else
                             f"{tag}a message of 201 characters got an echo, expected a close")
    if message["type"] == "websocket.send":
        sent = message.get("text") or ""
        tag = again or ("[truncated] " if len(sent) <= 200 and text.upper().startswith(sent) else "[answered_instead_of_close] ")
        raise AssertionError(
            f"{tag}after 'hello', a message of 201 characters got a message of {len(sent)} characters, {sent[:30]!r}, expected a close"
            if after_hello else
            f"{tag}a message of 201 characters got a message of {len(sent)} characters, {sent[:30]!r}, expected a close")
    tag = again
    assert message["type"] == "websocket.close", (
        f"{tag}after 'hello', a message of 201 characters got {message['type']!r}, expected a close" if after_hello else
        f"{tag}a message of 201 characters got {message['type']!r}, expected a close")
    reason_fits(message)
    tag = again or "[wrong_close_code] "
    assert message.get("code") == 1009, f"{tag}the server closed with {message.get('code')!r}, expected 1009"


def websocket_paths(routes=None, prefix: str = "") -> list[str]:
    """The path of every route of the app that accepts WebSocket connections (`@app.websocket`,
    `websocket_route`, an included router's, a mounted app's), a parameter filled with "1"."""
    found = []
    for route in app.routes if routes is None else routes:
        path = prefix + re.sub(r"{[^}]*}", "1", getattr(route, "path", ""))
        if isinstance(route, Mount):
            found += websocket_paths(route.routes, path)
        elif isinstance(route, WebSocketRoute) or type(route).__name__ == "APIWebSocketRoute":
            found.append(path)
    return found


def test_a_message_is_echoed_in_capitals(client):
    with client.websocket_connect("/ws/echo") as ws:
        ws.send_text("hello")
        assert ws.receive_text() == "HELLO", "the echo of 'hello' should be 'HELLO'"


def test_the_settings_stay_safe(monkeypatch):
    debug.check_debug_off(monkeypatch, "app", lambda module: module.app.debug, any_variable=True)


def test_a_long_message_closes_with_1009(client, converse):
    try:
        with client.websocket_connect("/ws/echo") as ws:
            closes_with_1009(ws, BIG, after_hello=False)
    except AssertionError:
        raise
    except WebSocketDisconnect as error:  # raised by the endpoint, as if the client had gone: no close is sent
        raise AssertionError(f"[ended_without_close] the endpoint raised {type(error).__name__}({error.code}) instead of closing") from None
    except Exception as error:  # the app raised, after the close: the test client re-raises it here
        raise AssertionError(f"[no_return_after_close] after closing, the endpoint raised {type(error).__name__}: {error}") from None
    with client.websocket_connect("/ws/echo") as ws:
        ws.send_text("hello")
        assert ws.receive_text() == "HELLO", "the echo of 'hello' should be 'HELLO'"
        closes_with_1009(ws, BIG, after_hello=True)
    shared.long_messages_close(converse, 1009)
    shared.every_route_closes(lambda texts, path: converse(texts, path=path), websocket_paths(), 1009)


def test_exactly_200_characters_is_fine(converse):
    outcome = converse(["y" * 200])[0]
    assert shared.echoed(outcome, "y" * 200), (
        f"a message of 200 characters got {shared.got(outcome) if isinstance(outcome, dict) else repr(outcome)}, "
        f"expected its echo: 200 characters is within the limit")


def test_every_message_up_to_200_characters_is_echoed(converse):
    shared.short_messages_are_echoed(converse)


def test_the_event_loop_is_never_held_up(client, converse):
    def converse_watched(texts, watch):
        watch.running = True
        running = client.portal.start_task_soon(watch.run)
        try:
            return converse(texts, stop=watch.blocked)
        finally:
            watch.running = False
            running.result(timeout=WAIT)

    shared.the_loop_is_never_held_up(converse_watched, "app")


def test_a_binary_frame_closes_with_1003(client):
    """A binary frame carries no text to measure: whatever its size, the server closes with 1003."""
    try:
        with client.websocket_connect("/ws/echo") as ws:
            ws.send_text("hello")
            assert ws.receive_text() == "HELLO", "the echo of 'hello' should be 'HELLO'"
            ws.send_bytes(b"x" * 1000)
            message = ws.receive()
    except AssertionError:
        raise
    except Exception as error:  # the app raised: the test client re-raises it here
        raise AssertionError(f"a binary frame made the endpoint raise {type(error).__name__}: {error}, expected a close with 1003") from None
    assert message["type"] == "websocket.close", f"a binary frame got {message['type']!r}, expected a close with 1003"
    assert message.get("code") == 1003, f"a binary frame closed the connection with {message.get('code')!r}, expected 1003"
