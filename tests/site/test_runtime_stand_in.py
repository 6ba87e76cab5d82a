"""A service the code calls, answered by a stand-in (guide_tools/runtime/drive.py; contributing/runnable-listings.md,
"Runnable listings", STAND_IN): the stand-in reaches the app through its own configuration, the
page's Run serves the app as TestClient does (`serving`), and the page says a stand-in answered."""

from __future__ import annotations

import asyncio
import re
from contextlib import asynccontextmanager

import pytest
from fastapi import Depends, FastAPI, Request

from guide_tools.runtime import drive, listings
from guide_tools.website.content import LANGUAGES, ROOT

RUN_JS = ROOT / "docs/assets/runtime/run.js"


def test_serving_runs_the_lifespan_around_the_requests_and_passes_its_state():
    """What `with TestClient(app)` does, without its thread: startup, each request with what the
    lifespan yielded (request.state), then shutdown once the client is done."""
    events = []

    @asynccontextmanager
    async def lifespan(app):
        events.append("startup")
        yield {"greeting": "hello from the lifespan"}
        events.append("shutdown")

    app = FastAPI(lifespan=lifespan)

    def greeting(request: Request) -> str:  # a plain def dependency, as the chat service's
        return request.state.greeting

    @app.get("/")
    async def home(text: str = Depends(greeting)) -> dict[str, str]:
        events.append("request")
        return {"text": text}

    async def run():
        async with drive.serving(app) as client:
            response = await client.get("/")
            events.append("client done")
            return response.status_code, response.json()

    assert asyncio.run(run()) == (200, {"text": "hello from the lifespan"})
    assert events == ["startup", "request", "client done", "shutdown"]


def write_driver(tmp_path, stand_in: str) -> None:
    topic = tmp_path / "projects" / "demo"
    (topic / "out").mkdir(parents=True, exist_ok=True)
    (topic / "out" / "chat.txt").write_text("x\n", encoding="utf-8")
    (topic / "drive.py").write_text(
        'APPS = {"fastapi": "projects.demo.main:app"}\n'
        'OUTPUTS = {"chat.txt": ("fastapi", "POST /chat")}\n'
        f"STAND_IN = {stand_in}\n", encoding="utf-8")


def test_stand_in_names_a_declared_output_and_a_note_run_js_has(tmp_path):
    write_driver(tmp_path, '{"chat.txt": "chat-api"}')
    assert listings.runnable(tmp_path)["projects/demo/out/chat.txt"].stand_in == "chat-api"
    write_driver(tmp_path, '{"chat.txt": "payment-api"}')
    with pytest.raises(ValueError, match=r"projects/demo/drive.py: STAND_IN names one of \['chat-api'\].*'payment-api'"):
        listings.drivers(tmp_path)
    write_driver(tmp_path, '{"stream.txt": "chat-api"}')
    with pytest.raises(ValueError, match=r"STAND_IN names outputs OUTPUTS does not declare: \['stream.txt'\]"):
        listings.drivers(tmp_path)


def test_a_stand_in_outputs_placeholder_names_it_and_run_js_says_so_in_each_language():
    standing_in = listings.Runnable("projects/demo", "chat.txt", "fastapi", stand_in="chat-api")
    plain = listings.Runnable("projects/demo", "cors.txt", "fastapi")
    assert ' data-sbs-stand-in="chat-api" ' in listings.placeholder(standing_in)
    assert "data-sbs-stand-in" not in listings.placeholder(plain)
    script = RUN_JS.read_text(encoding="utf-8")
    assert "holder.dataset.sbsStandIn" in script
    for lang in LANGUAGES:
        block = re.search(rf"\n    {lang}: {{\n(.*?)\n    }},?\n", script, re.DOTALL).group(1)
        notes = re.search(r"\n      standIns: \{\n(.*?)\n      },", block, re.DOTALL)
        assert notes, f"run.js: no standIns in the {lang} texts"
        named = dict(re.findall(r'^\s*"([\w-]+)": "(.+)",$', notes.group(1), re.MULTILINE))
        assert set(named) == set(drive.STAND_INS), f"run.js's {lang} standIns: {sorted(named)}"
        assert all("MockTransport" in text for text in named.values()), f"run.js's {lang} standIns name no stand-in"


def test_the_ai_chat_outputs_the_chat_api_answers_are_the_ones_marked():
    """The outputs whose service is made with the stand-in, or whose call makes it, are the ones
    whose page says so; cors.txt and note_body_422.txt never reach the chat API."""
    topic = listings.drivers()["projects/ai_chat"]
    with_stand_in = {output for output, target in topic["OUTPUT_APPS"].items() if "with_stand_in" in target[0]}
    calls = {output for output, (_, request, *_) in topic["OUTPUTS"].items() if "projects.ai_chat.drive:" in request}
    assert set(topic["STAND_IN"]) == with_stand_in | calls == {"chat.txt", "stream.txt", "upstream_request.txt", "errors.txt"}
