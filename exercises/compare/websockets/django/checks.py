"""Checks of the WebSockets exercise, Django Channels: `python3 dev.py exercise websockets/django`."""

import asyncio

from channels.testing import WebsocketCommunicator
from consumers import application

BIG = "x" * 201


def talk(*texts: str) -> list[dict]:
    """Connect, send the messages one by one (up to a close), return everything the consumer sent."""

    async def run():
        communicator = WebsocketCommunicator(application, "/ws/echo")
        connected, _ = await communicator.connect()
        assert connected, "the consumer refused the connection"
        outputs = []
        for text in texts:
            await communicator.send_to(text_data=text)
            outputs.append(await communicator.receive_output(timeout=5))
            if outputs[-1]["type"] == "websocket.close":
                break
        while not await communicator.receive_nothing(timeout=0.2):  # sent after the close or the echo?
            outputs.append(await communicator.receive_output(timeout=1))
        await communicator.disconnect()
        return outputs

    return asyncio.run(run())


def assert_closes_with_1009(outputs: list[dict], before: str) -> None:
    """The first of `outputs` answers a message of 201 characters: the close, code 1009, and nothing after."""
    first, later = outputs[0], outputs[1:]
    if first["type"] == "websocket.send":
        sent = first.get("text") or ""
        if sent == BIG.upper():
            assert not any(o["type"] == "websocket.close" for o in later), (
                f"[echoed_before_close] {before}a message of 201 characters was echoed, then the consumer closed: close instead of echoing")
            raise AssertionError(f"{before}a message of 201 characters got an echo, expected a close")
        cause = "truncated" if len(sent) <= 200 and BIG.upper().startswith(sent) else "answered_instead_of_close"
        raise AssertionError(f"[{cause}] {before}a message of 201 characters got a message of {len(sent)} characters, {sent[:30]!r}, expected a close")
    assert first["type"] == "websocket.close", f"{before}a message of 201 characters got {first['type']!r}, expected a close"
    assert first.get("code") == 1009, f"[wrong_close_code] the consumer closed with {first.get('code')!r}, expected 1009"
    assert later == [], f"[no_return_after_close] after the close the consumer still sent {later[0]['type']!r} {str(later[0].get('text'))[:30]!r}"


def test_a_message_is_echoed_in_capitals():
    outputs = talk("hello")
    assert outputs[:1] == [{"type": "websocket.send", "text": "HELLO"}], f"the consumer answered {outputs[:1]!r}"


def test_a_long_message_closes_with_1009():
    assert_closes_with_1009(talk(BIG), "")
    outputs = talk("hello", BIG)
    assert outputs[0] == {"type": "websocket.send", "text": "HELLO"}, f"the consumer answered 'hello' with {outputs[0]!r}"
    try:
        assert_closes_with_1009(outputs[1:], "after 'hello', ")
    except AssertionError as error:
        raise AssertionError(f"[only_first_message] {str(error).split('] ', 1)[-1]}") from None


def test_exactly_200_characters_is_fine():
    outputs = talk("y" * 200)
    assert outputs[:1] == [{"type": "websocket.send", "text": "Y" * 200}], "a message of 200 characters should still be echoed"
