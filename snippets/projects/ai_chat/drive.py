"""Why projects/ai_chat.md's outputs do not run in the browser (CONTRIBUTING.md, "Runnable
listings"): the service's answers come from a chat API (an LLM service), which
tests/projects/test_ai_chat.py fakes in process or serves on loopback, or are what a real server,
a command or the Next.js client in a browser printed. The validation answers that never reach the
chat API could run, but the service imports httpx (its client for the chat API), which the
browser's runtime does not hold (it has httpx2, the tests' client)."""

CHAT_API = "the service's answer comes from a chat API (an LLM service), which the test fakes: no driver fakes it yet"
NOT_IN_BROWSER = {
    **{name: CHAT_API for name in ("chat.txt", "stream.txt", "errors.txt")},
    "upstream_request.txt": "the request the service sent to the chat API, which the test's fake recorded: "
                            "no request to send",
    "client_errors.txt": "the Next.js client driven in Chromium against a fake chat API on loopback "
                         "(tests/browser/test_ai_chat_client.py): no Python request to send",
    "cors.txt": "not declared yet: preflight requests to the service, which imports httpx (not in the browser's runtime)",
    "note_body_422.txt": "not declared yet: the service imports httpx (not in the browser's runtime)",
    "note_query_422.txt": "not declared yet: a second app, which the test defines itself",
    "missing_key.txt": "the service refusing to start (uvicorn in a terminal): a command for a terminal",
    "empty_values.txt": "the service refusing to start (uvicorn in a terminal): a command for a terminal",
}
