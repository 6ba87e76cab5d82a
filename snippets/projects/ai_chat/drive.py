"""The requests behind projects/ai_chat.md's outputs that never reach the chat API, and why the others
do not run in the browser (CONTRIBUTING.md, "Runnable listings").

tests/projects/test_ai_chat.py checks cors.txt and note_body_422.txt with these requests, and the
page's Run button sends the same ones in the browser (guide_tools/runtime/drive.py). The other
answers come from a chat API (an LLM service), which the test fakes in process or serves on
loopback, or are what a real server, a command or the Next.js client in a browser printed.
"""

# The service made as `uvicorn --factory` makes it: create_app() reads its settings from CHAT_*.
APPS = {"fastapi": ("projects.ai_chat.main:create_app",)}
# The tests' settings (made for the guide: the chat API's address is never reached, the key is no key).
ENVIRON = {"CHAT_API_KEY": "sk-test-key-from-env", "CHAT_MODEL": "test-model-from-env",
           "CHAT_BASE_URL": "https://chat.example/v1", "CHAT_ALLOWED_ORIGINS": "https://chat.example.com"}
# A browser's preflight before a POST with a JSON body, from the listed origin and from another.
PREFLIGHT = "OPTIONS /chat\nOrigin: {origin}\nAccess-Control-Request-Method: POST\nAccess-Control-Request-Headers: content-type"
OUTPUTS = {
    "cors.txt": ("fastapi", [PREFLIGHT.format(origin=origin) for origin in ("https://chat.example.com", "https://evil.example")],
                 ("content-type", "location", "allow", "set-cookie", "www-authenticate", "access-control-allow-origin")),
    # The body the note's client sends.
    "note_body_422.txt": ("fastapi", 'POST /chat\nContent-Type: application/json\n\n{"prompt": "Hello there"}'),
}
CHAT_API = "the service's answer comes from a chat API (an LLM service), which the test fakes: no driver fakes it yet"
NOT_IN_BROWSER = {
    **{name: CHAT_API for name in ("chat.txt", "stream.txt", "errors.txt")},
    "upstream_request.txt": "the request the service sent to the chat API, which the test's fake recorded: "
                            "no request to send",
    "client_errors.txt": "the Next.js client driven in Chromium against a fake chat API on loopback "
                         "(tests/browser/test_ai_chat_client.py): no Python request to send",
    "note_query_422.txt": "the note's own endpoint, which the test defines and the page only describes: no request to send",
    "missing_key.txt": "the service refusing to start (uvicorn in a terminal): a command for a terminal",
    "empty_values.txt": "the service refusing to start (uvicorn in a terminal): a command for a terminal",
}
EDITABLE = {"fastapi": ["projects/ai_chat/main.py", "projects/ai_chat/models.py", "projects/ai_chat/settings.py"]}
