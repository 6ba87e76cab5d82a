"""Checks of the WebSockets exercise, FastAPI: `python3 dev.py exercise websockets/fastapi`."""

import pytest
from app import app
from fastapi.testclient import TestClient


@pytest.fixture
def client():
    with TestClient(app) as client:
        yield client


def test_a_message_is_echoed_in_capitals(client):
    with client.websocket_connect("/ws/echo") as ws:
        ws.send_text("hello")
        assert ws.receive_text() == "HELLO", "the echo of 'hello' should be 'HELLO'"


def test_a_long_message_closes_with_1009(client):
    with client.websocket_connect("/ws/echo") as ws:
        ws.send_text("x" * 201)
        message = ws.receive()  # the raw ASGI message: an echo, or the close
    assert message["type"] == "websocket.close", f"a message of 201 characters got {message['type']!r}, expected a close"
    assert message.get("code") == 1009, f"the server closed with {message.get('code')!r}, expected 1009"


def test_exactly_200_characters_is_fine(client):
    with client.websocket_connect("/ws/echo") as ws:
        ws.send_text("y" * 200)
        assert ws.receive_text() == "Y" * 200, "a message of 200 characters should still be echoed"
