"""The AI chat project's Next.js client, built once with the page's lines and driven in Chromium against the
real service (the page's serve line), itself pointed at the fake chat API on loopback.

It lives with the browser tests because Playwright's sync API must run in their processes (see dev.py);
the service, the fake chat API and the npm helpers are those of tests/projects/test_ai_chat.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from guide_tools.website.content import SNIPPETS
from tests.browser import browser as b
from tests.projects.test_ai_chat import (
    CLIENT_DIR,
    NODE_HOW,
    OUT,
    PACE,
    client_lines,
    fake_chat_api,  # noqa: F401 - a fixture, used by name
    node_env,
    npm_modules,
    run_lines,
    service_env,
)
from tests.support.services import find_binary, free_port, run_server

# One build per run, and the services it talks to, in one xdist worker.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("ai_chat_client")]

TIMEOUT_MS = 6000  # the page's deadline in the tests' build; the fake stalls 20 s for "stall long"


@dataclass
class Built:
    node: str
    work: Path
    service_port: int  # baked into the build as NEXT_PUBLIC_CHAT_SERVICE_URL
    output: str


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    """The client copied to a temp folder, node_modules from the page's `npm ci` (hard links to the cache:
    Turbopack refuses a node_modules symlinked from outside the project), then the page's build line."""
    node = find_binary("node", NODE_HOW)
    npm = find_binary("npm", NODE_HOW)
    modules = npm_modules(npm)
    work = tmp_path_factory.mktemp("ai-chat-client")
    shutil.copytree(CLIENT_DIR, work, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("node_modules", ".next", "next-env.d.ts"))
    shutil.copytree(modules, work / "node_modules", symlinks=True, copy_function=link_or_copy)
    _install, telemetry, build, _start = client_lines()
    service_port = free_port()
    line = build.replace("127.0.0.1:8000", f"127.0.0.1:{service_port}")
    done = subprocess.run(["bash", "-c", f"{telemetry}\n{line}"], cwd=work, capture_output=True, text=True,
                          timeout=900, check=False,
                          env=node_env(npm, NEXT_PUBLIC_CHAT_TIMEOUT_MS=str(TIMEOUT_MS)))
    assert done.returncode == 0, f"{line} failed:\n{done.stdout}{done.stderr}"
    return Built(node, work, service_port, done.stdout)


def link_or_copy(source: str, target: str) -> None:
    """A hard link (instant, no space), or a copy when the cache is on another file system than the temp folder."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


@dataclass
class Web:
    origin: str
    seen: list  # what the fake chat API received: (headers, body)


@pytest.fixture(scope="module")
def web(built, fake_chat_api) -> Iterator[Web]:  # noqa: F811 - the imported fixture
    """The page's start line on a free port, and the service on the port baked into the build, listing the
    page's origin in CHAT_ALLOWED_ORIGINS (as run.sh lists http://127.0.0.1:3000)."""
    base_url, app = fake_chat_api
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    env = {**service_env(base_url), "CHAT_ALLOWED_ORIGINS": origin, "CHAT_READ_TIMEOUT": "30"}
    with (
        run_server(run_lines()["serve"], port=built.service_port, cwd=SNIPPETS, env=env, timeout=60),
        run_server(client_lines()[-1], port=port, cwd=built.work, env=node_env(built.node), timeout=120,
                   measure=False),
    ):
        yield Web(origin, app.state.seen)


@pytest.fixture
def page(browser, web):
    """A fresh page on the client, with everything it did wrong recorded in `page.watch`."""
    context = browser.new_context()
    context.set_default_timeout(30_000)
    watch = b.Watch(web.origin)
    watch.attach(context)
    tab = context.new_page()
    open_client(tab, web.origin)
    tab.watch = watch
    yield tab
    context.close()


@pytest.fixture
def unpaced(fake_chat_api):  # noqa: F811 - the imported fixture
    """The fake chat API streams each answer at once, without its PACE between events: for the tests of what
    the page sends over many turns (21 turns took 44 s at the pace), not of how it shows a reply growing."""
    app = fake_chat_api[1]
    app.state.pace = 0
    yield
    app.state.pace = PACE


def open_client(tab, origin: str) -> None:
    """Load the page and wait until React has hydrated the form: before that, Send would submit it natively."""
    tab.goto(origin + "/")
    tab.wait_for_function(
        "() => Object.keys(document.getElementById('prompt')).some((key) => key.startsWith('__reactProps'))")


# Every text #reply shows, in order, recorded by the page itself as the DOM changes (no polling).
RECORD_REPLY = """() => {
    window.replyStates = [];
    const reply = document.getElementById("reply");
    new MutationObserver(() => window.replyStates.push(reply.textContent)).observe(
        reply, {childList: true, characterData: true, subtree: true});
}"""


def send(page, prompt: str) -> None:
    page.get_by_label("Your message").fill(prompt)
    page.get_by_role("button", name="Send").click()


def conversation(page) -> list[tuple[str, str]]:
    items = page.locator("ol[aria-label=Conversation] > li")
    return [(items.nth(i).get_attribute("data-role"), items.nth(i).inner_text()) for i in range(items.count())]


def test_the_build_type_checks_and_keeps_the_config(built):
    assert "Finished TypeScript" in built.output  # next build ran tsc (TypeScript 7) on the project
    shown = json.loads((CLIENT_DIR / "tsconfig.json").read_text())
    assert json.loads((built.work / "tsconfig.json").read_text()) == shown  # Next.js had nothing to add
    engines = json.loads((built.work / "node_modules/next/package.json").read_text())["engines"]
    assert engines == {"node": ">=20.9.0"}  # this Next.js release supports Node 20


def test_the_page_streams_the_reply(page, web):
    page.evaluate(RECORD_REPLY)
    send(page, "Hello there my friend")
    page.get_by_role("listitem").filter(has_text="You said:").wait_for()
    assert conversation(page) == [("user", "Hello there my friend"), ("assistant", "You said: Hello there my friend")]
    full = "You said: Hello there my friend"
    states = page.evaluate("window.replyStates")
    partial = {s for s in states if s and s != full}
    # The fake sends a word every 0.3 s: the page showed the reply growing, not only at the end.
    assert len(partial) >= 2, states
    assert all(full.startswith(s) for s in partial), states
    assert page.watch.problems == []  # nothing failed, no request left 127.0.0.1


def test_the_page_sends_the_conversation(page, web):
    send(page, "First")
    page.get_by_role("listitem").filter(has_text="You said: First").wait_for()
    send(page, "Second")
    page.get_by_role("listitem").filter(has_text="You said: Second").wait_for()
    _headers, body = web.seen[-1]
    assert body["messages"] == [{"role": "user", "content": "First"},
                                {"role": "assistant", "content": "You said: First"},
                                {"role": "user", "content": "Second"}]


def test_the_page_sends_a_window_of_a_long_conversation(page, web, unpaced):
    """The history grows by two messages a turn and the service takes at most 40: the page sends the
    last 40, so the conversation stays usable after 20 turns instead of failing with 422 for good."""
    for turn in range(21):
        send(page, f"Turn {turn}")
        page.get_by_role("listitem").filter(has_text=f"You said: Turn {turn}").wait_for(timeout=10_000)
    _headers, body = web.seen[-1]
    assert len(body["messages"]) == 40
    assert body["messages"][-1] == {"role": "user", "content": "Turn 20"}
    assert body["messages"][0] == {"role": "assistant", "content": "You said: Turn 0"}  # the oldest left out
    assert len(conversation(page)) == 42  # the page still shows the whole conversation
    assert page.locator("#error").count() == 0


def test_the_page_sends_a_window_the_service_accepts_after_long_answers(page, web, unpaced):
    """Answers of 30,000 characters: four of them pass the service's 100,000 characters for a whole conversation,
    and one of 33,000 passes its 32,000 for one message. By count alone (the last 40 messages) every later turn
    was a 422; the page sends the most recent part of the conversation that fits, and keeps working."""
    for turn in range(5):
        send(page, "long 30000")
        page.locator("ol[aria-label=Conversation] > li").nth(2 * turn + 1).or_(page.locator("#error")).wait_for(
            timeout=20_000)
        assert page.locator("#error").count() == 0, page.locator("#error").inner_text()
    _headers, body = web.seen[-1]
    shown = [{"role": role, "content": text} for role, text in conversation(page)]
    assert body["messages"] == shown[-len(body["messages"]) - 1:-1]  # the latest part, whole and in order
    assert sum(len(m["content"]) for m in body["messages"]) <= 100_000 < sum(len(m["content"]) for m in shown[:-1])

    send(page, "long 33000")  # an answer longer than the service takes in one message
    page.locator("ol[aria-label=Conversation] > li").nth(11).or_(page.locator("#error")).wait_for(timeout=20_000)
    assert page.locator("#error").count() == 0, page.locator("#error").inner_text()
    send(page, "After the long answer")
    page.get_by_role("listitem").filter(has_text="You said: After the long answer").or_(page.locator("#error")).wait_for(
        timeout=20_000)
    assert page.locator("#error").count() == 0, page.locator("#error").inner_text()
    _headers, body = web.seen[-1]
    assert body["messages"] == [{"role": "user", "content": "After the long answer"}]  # nothing before it fits


def test_the_page_shows_errors(page, web, browser, built, outputs):
    send(page, "busy")  # the chat API answers 429 + Retry-After: 20
    busy = page.locator("#error").inner_text()  # (Next.js adds a role=alert of its own, its route announcer)
    assert busy == "HTTP 503: The chat API is rate-limiting this service; try again later."
    assert [p.split(" for ")[0] for p in page.watch.problems if p.startswith("HTTP")] == ["HTTP 503"]

    send(page, "stall long")  # the first word, then 20 s of silence: the page's own deadline ends it
    page.locator("#error").filter(has_text="no complete reply").wait_for(timeout=TIMEOUT_MS + 20_000)
    stalled = page.locator("#error").inner_text()
    assert stalled == f"Error: no complete reply within {TIMEOUT_MS} ms"
    assert page.locator("#reply").text_content() == "You "  # what had arrived before the stall

    # The same build served from an origin the service does not list: the browser refuses to read the answer.
    port = free_port()
    with run_server(client_lines()[-1], port=port, cwd=built.work, env=node_env(built.node), timeout=120,
                    measure=False):
        context = browser.new_context()
        other = context.new_page()
        console = []
        other.on("console", lambda message: console.append(message.text))
        open_client(other, f"http://127.0.0.1:{port}")
        send(other, "Hello there")
        refused = other.locator("#error").inner_text()
        context.close()
    assert refused == "TypeError: Failed to fetch"
    blocked = [line for line in console if "blocked by CORS policy" in line]
    assert blocked, console
    outputs.check(f"{OUT}/client_errors.txt", "\n".join([
        'Sent "busy" (the chat API answers 429 with Retry-After: 20)',
        f"  alert: {busy}",
        'Sent "stall long" (the chat API stops for 20 s after the first word)',
        f"  reply so far: {page.locator('#reply').text_content()!r}",
        f"  alert: {stalled}",
        f'Sent "Hello there" from http://127.0.0.1:{port}, an origin not in CHAT_ALLOWED_ORIGINS',
        f"  alert: {refused}",
        f"  console: {blocked[0]}",
    ]) + "\n")


def test_chat_ts_needs_only_browser_apis(built):
    """chat.ts type-checks against the DOM library alone, without Node's types: it is browser code."""
    config = {"compilerOptions": {"target": "ES2022", "module": "ESNext", "moduleResolution": "bundler",
                                  "lib": ["ES2022", "DOM"], "types": [], "strict": True, "noEmit": True},
              "files": ["chat.ts"]}
    (built.work / "tsconfig.browser.json").write_text(json.dumps(config))
    done = subprocess.run([built.node, str(built.work / "node_modules/typescript/bin/tsc"), "-p", "tsconfig.browser.json"],
                          cwd=built.work, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
