"""Why django/channels.md's outputs do not run in the browser (CONTRIBUTING.md, "Runnable
listings"): each is a WebSocket conversation (through Channels' WebsocketCommunicator, or with
Daphne on loopback), or a request through Channels' ASGI application, which
tests/django_ecosystem/test_channels.py holds. A browser page has no server to accept a socket,
and Channels is not in the browser's runtime. Nothing here runs on the page: no APPS, no OUTPUTS;
only the reason the page gives under each output."""

SOCKET = "a WebSocket conversation: needs a real server and sockets"
NOT_IN_BROWSER = {
    **{f"{name}.txt": SOCKET for name in ("echo", "auth", "bad_frames", "origin", "scope_communicator")},
    "scope_daphne.txt": "Daphne on loopback and a WebSocket client: needs a real server and sockets",
    "http.txt": "a request through Channels' ASGI application: Channels is not in the browser's runtime yet",
}
