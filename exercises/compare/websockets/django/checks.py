"""Checks of the WebSockets exercise, Django Channels: `python3 dev.py exercise websockets/django`."""

import asyncio

from channels.testing import WebsocketCommunicator
from consumers import application


def talk(text: str) -> dict:
    """Connect, send one message, return what the consumer sends back first."""

    async def run():
        communicator = WebsocketCommunicator(application, "/ws/echo")
        connected, _ = await communicator.connect()
        assert connected, "the consumer refused the connection"
        await communicator.send_to(text_data=text)
        output = await communicator.receive_output(timeout=5)
        await communicator.disconnect()
        return output

    return asyncio.run(run())


def test_a_message_is_echoed_in_capitals():
    output = talk("hello")
    assert output == {"type": "websocket.send", "text": "HELLO"}, f"the consumer answered {output!r}"


def test_a_long_message_closes_with_1009():
    output = talk("x" * 201)
    assert output["type"] == "websocket.close", f"a message of 201 characters got {output['type']!r}, expected a close"
    assert output.get("code") == 1009, f"the consumer closed with {output.get('code')!r}, expected 1009"


def test_exactly_200_characters_is_fine():
    output = talk("y" * 200)
    assert output == {"type": "websocket.send", "text": "Y" * 200}, "a message of 200 characters should still be echoed"
