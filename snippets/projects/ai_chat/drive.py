"""The requests behind projects/ai_chat.md's outputs, the chat API the service talks to in them, and
why the others do not run in the browser (contributing/runnable-listings.md, "Runnable listings").

tests/projects/test_ai_chat.py checks these outputs with these requests, and the page's Run button
sends the same ones in the browser (guide_tools/runtime/drive.py). The chat API (an LLM service) is
never reached: `ChatAPIStandIn` answers in its place, in process, through the `transport` that
create_app() takes (an httpx.MockTransport), in the fast tests and in a Run alike (STAND_IN: the
page says so). The slow tests serve the same answers on loopback. The outputs left are what a real
server, a command or the Next.js client in a browser printed.
"""

# The service made as `uvicorn --factory` makes it: create_app() reads its settings from CHAT_*.
APPS = {"fastapi": ("projects.ai_chat.main:create_app",)}
# The tests' settings (made for the guide: the chat API's address is never reached, the key is no key).
ENVIRON = {"CHAT_API_KEY": "sk-test-key-from-env", "CHAT_MODEL": "test-model-from-env",
           "CHAT_BASE_URL": "https://chat.example/v1", "CHAT_ALLOWED_ORIGINS": "https://chat.example.com"}
# A browser's preflight before a POST with a JSON body, from the listed origin and from another.
PREFLIGHT = "OPTIONS /chat\nOrigin: {origin}\nAccess-Control-Request-Method: POST\nAccess-Control-Request-Headers: content-type"
HELLO = '{"messages": [{"role": "user", "content": "Hello there"}]}'  # what the page's client sends first
OUTPUTS = {
    "cors.txt": ("fastapi", [PREFLIGHT.format(origin=origin) for origin in ("https://chat.example.com", "https://evil.example")],
                 ("content-type", "location", "allow", "set-cookie", "www-authenticate", "access-control-allow-origin")),
    # The body the note's client sends.
    "note_body_422.txt": ("fastapi", 'POST /chat\nContent-Type: application/json\n\n{"prompt": "Hello there"}'),
    "chat.txt": ("fastapi", f"POST /chat\nContent-Type: application/json\n\n{HELLO}"),
    "stream.txt": ("fastapi", f"POST /chat/stream\nContent-Type: application/json\n\n{HELLO}"),
    "upstream_request.txt": ("fastapi", "call projects.ai_chat.drive:upstream_request()"),
    "errors.txt": ("fastapi", "call projects.ai_chat.drive:error_table()"),
}
# The outputs whose requests reach the chat API: the service is made with the stand-in.
OUTPUT_APPS = {name: ("projects.ai_chat.drive:with_stand_in",) for name in ("chat.txt", "stream.txt")}
STAND_IN = {name: "chat-api" for name in ("chat.txt", "stream.txt", "upstream_request.txt", "errors.txt")}
NOT_IN_BROWSER = {
    "client_errors.txt": "the Next.js client driven in Chromium against a fake chat API on loopback "
                         "(tests/browser/test_ai_chat_client.py): no Python request to send",
    "note_query_422.txt": "the note's own endpoint, which the test defines and the page only describes: no request to send",
    "missing_key.txt": "the service refusing to start (uvicorn in a terminal): a command for a terminal",
    "empty_values.txt": "the service refusing to start (uvicorn in a terminal): a command for a terminal",
}
EDITABLE = {"fastapi": ["projects/ai_chat/main.py", "projects/ai_chat/upstream.py", "projects/ai_chat/models.py",
                        "projects/ai_chat/settings.py"]}

# What the stand-in does, by the last prompt: (prompt, what a real chat API would be doing), in the
# order errors.txt lists them; any other prompt is answered "You said: <prompt>".
FAILURES = [
    ("timeout", "read timeout"),
    ("connect-timeout", "connect timeout"),
    ("unreachable", "connection refused"),
    ("status 401", "401 Unauthorized"),
    ("status 403", "403 Forbidden"),
    ("status 429 retry-after 20", "429 + Retry-After: 20"),
    ("status 429", "429 without Retry-After"),
    ("status 500", "500 Internal Server Error"),
    ("status 503", "503 Service Unavailable"),
    ("status 400", "400 Bad Request"),
    ("garbled", "200 with an unknown body"),
    ("refusal", '200 with "content": null'),
    ("number content", '200 with "content": 42'),
]
ERRORS_HEADING = "chat API                       this service"
# An upstream 401 names the key it refused; the service must not pass that on.
REFUSED_KEY = {"error": {"message": f"Incorrect API key provided: {ENVIRON['CHAT_API_KEY']}", "type": "invalid_request_error"}}


def reply_chunks(prompt):
    """What the stand-in model answers, in the pieces a streaming answer arrives in; to `long <n>`, a long
    answer: the echo and then a word of n characters."""
    import re

    words = f"You said: {prompt}".split(" ")
    if re.fullmatch(r"long \d+", prompt):
        words.append("y" * int(prompt.removeprefix("long ")))
    return [word + " " for word in words[:-1]] + words[-1:]


def sse_events(prompt):
    """The `stream: true` answer of an OpenAI-compatible API: `data:` lines, then `data: [DONE]`."""
    import json

    chunks = [{"choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}}]}]
    chunks += [{"choices": [{"index": 0, "delta": {"content": text}}]} for text in reply_chunks(prompt)]
    finish = {"index": 0, "delta": {}, "finish_reason": "stop"}
    if prompt == "no delta":  # some OpenAI-compatible servers end with a choice that has no delta
        del finish["delta"]
    chunks += [{"choices": [finish]}, {"choices": []}]
    # As the APIs send it: UTF-8, not \u escapes, so a U+2028 in the answer travels as it is.
    events = [f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n" for chunk in chunks]
    if prompt == "cut":  # the body ends cleanly after the first words, without [DONE]
        return events[:2]
    return events + ["data: [DONE]\n\n"]


def completion(prompt):
    return {"object": "chat.completion", "model": ENVIRON["CHAT_MODEL"],
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "".join(reply_chunks(prompt))},
                         "finish_reason": "stop"}]}


class ChatAPIStandIn:
    """The chat API, answering in process (an httpx.MockTransport's handler): by the last prompt
    (FAILURES), else "You said: <prompt>"; it records every request it gets."""

    def __init__(self):
        self.requests = []

    def __call__(self, request):
        import json
        import re

        import httpx

        self.requests.append(request)
        body = json.loads(request.content)
        prompt = body["messages"][-1]["content"]
        if prompt == "timeout":
            raise httpx.ReadTimeout("timed out", request=request)
        if prompt == "connect-timeout":
            raise httpx.ConnectTimeout("timed out", request=request)
        if prompt == "unreachable":
            raise httpx.ConnectError("connection refused", request=request)
        if prompt == "garbled":  # the same JSON for `stream: true`: not an event stream
            return httpx.Response(200, json={"unexpected": True})
        if prompt in ("refusal", "number content"):  # a completion whose `content` is not text
            answer = completion(prompt)
            answer["choices"][0]["message"]["content"] = None if prompt == "refusal" else 42
            return httpx.Response(200, json=answer)
        if match := re.fullmatch(r"status (\d+)( retry-after (\d+))?", prompt):
            headers = {"Retry-After": match.group(3)} if match.group(3) else {}
            return httpx.Response(int(match.group(1)), json=REFUSED_KEY, headers=headers)
        if body["stream"]:
            return httpx.Response(200, headers={"content-type": "text/event-stream"},
                                  content="".join(sse_events(prompt)).encode())
        return httpx.Response(200, json=completion(prompt))


def with_stand_in(chat_api=None):
    """The service as the fast tests make it: create_app() given a transport through which
    `chat_api` (a new ChatAPIStandIn if None) answers for the chat API."""
    import httpx

    from projects.ai_chat.main import create_app

    return create_app(transport=httpx.MockTransport(chat_api or ChatAPIStandIn()))


def ask(prompt):
    return {"messages": [{"role": "user", "content": prompt}]}


async def upstream_request():
    """upstream_request.txt: what the chat API receives for one POST /chat (the stand-in records it)."""
    import json

    from guide_tools.runtime.drive import serving

    chat_api = ChatAPIStandIn()
    async with serving(with_stand_in(chat_api)) as client:
        await client.post("/chat", json=ask("Hello there"))
    sent = chat_api.requests[-1]
    return (f"{sent.method} {sent.url}\nauthorization: {sent.headers['authorization']}\n"
            f"content-type: {sent.headers['content-type']}\n\n{json.dumps(json.loads(sent.content), indent=2)}\n")


async def error_table():
    """errors.txt: for each way the chat API fails (FAILURES), what the service answers. The warnings
    the service logs go to a handler, as in the test (pytest's log capture), not to the table: with
    no handler, logging prints them on stderr, which a browser shows as console errors."""
    import logging

    from guide_tools.runtime.drive import serving

    handler = logging.NullHandler()
    logging.getLogger().addHandler(handler)
    lines = [ERRORS_HEADING]
    try:
        async with serving(with_stand_in()) as client:
            for prompt, what in FAILURES:
                response = await client.post("/chat", json=ask(prompt))
                retry = f"  retry-after: {response.headers['retry-after']}" if "retry-after" in response.headers else ""
                lines.append(f"{what:<27} -> {response.status_code} {response.json()['detail']}{retry}")
    finally:
        logging.getLogger().removeHandler(handler)
    return "\n".join(lines) + "\n"
