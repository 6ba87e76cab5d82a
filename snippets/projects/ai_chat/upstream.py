# --8<-- [start:setup]
import json
import logging
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager

import httpx
from fastapi import HTTPException

from projects.ai_chat.models import ChatRequest

log = logging.getLogger(__name__)
COMPLETIONS = "chat/completions"  # relative to the base URL, which ends in /v1
# --8<-- [end:setup]


# --8<-- [start:errors]
@contextmanager
def transport_errors() -> Iterator[None]:
    try:
        yield
    except httpx.PoolTimeout as exc:  # our own limit: the chat API was not asked
        log.warning("every connection to the chat API is in use")
        raise HTTPException(503, "The service is busy; try again shortly.", headers={"Retry-After": "10"}) from exc
    except httpx.TimeoutException as exc:  # (1)!
        raise HTTPException(504, "The chat API did not answer in time.") from exc
    except httpx.TransportError as exc:
        raise HTTPException(502, "Could not reach the chat API.") from exc


def status_error(response: httpx.Response) -> HTTPException:
    code = response.status_code
    log.warning("chat API answered %s", code)  # (2)!
    if code in (401, 403):
        return HTTPException(502, "The chat API rejected this service's credentials.")  # (3)!
    if code == 429:
        retry = response.headers.get("retry-after")
        return HTTPException(
            503, "The chat API is rate-limiting this service; try again later.",
            headers={"Retry-After": retry} if retry else None,  # (4)!
        )
    return HTTPException(502, f"The chat API answered with status {code}.")


def not_understood() -> HTTPException:
    return HTTPException(502, "The chat API sent an answer this service does not understand.")
# --8<-- [end:errors]


# --8<-- [start:complete]
def payload(model: str, chat: ChatRequest, *, stream: bool) -> dict[str, object]:
    return {"model": model, "messages": chat.model_dump()["messages"], "stream": stream}


async def complete(client: httpx.AsyncClient, model: str, chat: ChatRequest) -> str:
    with transport_errors():
        response = await client.post(COMPLETIONS, json=payload(model, chat, stream=False))  # (1)!
    if response.is_error:
        raise status_error(response)
    try:
        content = response.json()["choices"][0]["message"]["content"]
    except (ValueError, LookupError, TypeError) as exc:  # (2)!
        raise not_understood() from exc
    if not isinstance(content, str):  # null for a refusal or a tool call
        raise not_understood()
    return content
# --8<-- [end:complete]


# --8<-- [start:stream]
async def open_stream(client: httpx.AsyncClient, model: str, chat: ChatRequest) -> httpx.Response:
    request = client.build_request("POST", COMPLETIONS, json=payload(model, chat, stream=True))
    with transport_errors():
        response = await client.send(request, stream=True)  # (1)!
    if response.is_error:
        await response.aclose()
        raise status_error(response)  # (2)!
    if response.headers.get("content-type", "").partition(";")[0].strip() != "text/event-stream":
        await response.aclose()
        raise not_understood()
    return response


class StreamCut(Exception):
    """The chat API's stream ended before `data: [DONE]`."""


LINE_END = re.compile(r"\r\n|\r|\n")  # an event stream's line ends, and no others


async def event_lines(response: httpx.Response) -> AsyncIterator[str]:
    pending = ""
    async for text in response.aiter_text():  # (3)!
        *lines, pending = LINE_END.split(pending + text)
        for line in lines:
            yield line


async def text_deltas(response: httpx.Response) -> AsyncIterator[str]:
    try:
        async for line in event_lines(response):
            if not line.startswith("data:"):
                continue
            data = line.removeprefix("data:").strip()
            if data == "[DONE]":
                return
            for choice in json.loads(data)["choices"]:  # (4)!
                if text := (choice.get("delta") or {}).get("content"):
                    yield text
        raise StreamCut("the chat API's stream ended without [DONE]")  # (6)!
    finally:
        await response.aclose()  # (5)!
# --8<-- [end:stream]
