"""Checks of the WebSockets exercise, FastAPI: `python3 dev.py exercise websockets/fastapi`."""

import pytest
from app import app
from fastapi.testclient import TestClient

BIG = "x" * 201


@pytest.fixture
def client():
    with TestClient(app) as client:
        yield client


def closes_with_1009(ws, text: str, before: str) -> None:
    """Send `text` (201 characters) and assert the server's next message is the close, code 1009."""
    ws.send_text(text)
    message = ws.receive()  # the raw ASGI message: an echo, or the close
    if message["type"] == "websocket.send" and message.get("text") == text.upper():
        ws.send_text("ping")  # an echo followed by a close, or the starter's plain echo?
        after = ws.receive()
        assert after["type"] != "websocket.close", (
            f"[echoed_before_close] {before}a message of 201 characters was echoed, then the server closed: close instead of echoing")
        raise AssertionError(f"{before}a message of 201 characters got an echo, expected a close")
    if message["type"] == "websocket.send":
        sent = message.get("text") or ""
        cause = "truncated" if len(sent) <= 200 and text.upper().startswith(sent) else "answered_instead_of_close"
        raise AssertionError(f"[{cause}] {before}a message of 201 characters got a message of {len(sent)} characters, {sent[:30]!r}, expected a close")
    assert message["type"] == "websocket.close", f"{before}a message of 201 characters got {message['type']!r}, expected a close"
    assert message.get("code") == 1009, f"[wrong_close_code] the server closed with {message.get('code')!r}, expected 1009"


def test_a_message_is_echoed_in_capitals(client):
    with client.websocket_connect("/ws/echo") as ws:
        ws.send_text("hello")
        assert ws.receive_text() == "HELLO", "the echo of 'hello' should be 'HELLO'"


def test_a_long_message_closes_with_1009(client):
    try:
        with client.websocket_connect("/ws/echo") as ws:
            closes_with_1009(ws, BIG, "")
    except AssertionError:
        raise
    except Exception as error:  # the app raised, after the close: the test client re-raises it here
        raise AssertionError(f"[no_return_after_close] after closing, the endpoint raised {type(error).__name__}: {error}") from None
    with client.websocket_connect("/ws/echo") as ws:
        ws.send_text("hello")
        assert ws.receive_text() == "HELLO", "the echo of 'hello' should be 'HELLO'"
        try:
            closes_with_1009(ws, BIG, "after 'hello', ")
        except AssertionError as error:
            raise AssertionError(f"[only_first_message] {str(error).split('] ', 1)[-1]}") from None


def test_exactly_200_characters_is_fine(client):
    with client.websocket_connect("/ws/echo") as ws:
        ws.send_text("y" * 200)
        assert ws.receive_text() == "Y" * 200, "a message of 200 characters should still be echoed"
