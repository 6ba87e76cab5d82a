"""Why compare/websockets.md's outputs do not run in the browser (CONTRIBUTING.md, "Runnable
listings"): each is a WebSocket conversation (a test client's, or real servers' on loopback:
Uvicorn, Daphne, Gunicorn behind nginx, Redis between processes), which
tests/compare/test_websockets.py holds. A browser page has no server to accept a socket. Nothing
here runs on the page: no APPS, no OUTPUTS; only the reason the page gives under each output."""

SOCKET = "a WebSocket conversation: needs a real server and sockets"
SERVER = "real servers on loopback: needs a real server and sockets"
NOT_IN_BROWSER = {
    **{f"{framework}_{name}.txt": SOCKET for framework in ("flask", "fastapi", "django") for name in ("conversation", "rejected")},
    "uvicorn_conversation.txt": SERVER,
    "daphne_session.txt": SERVER,
    "socketio_conversation.txt": SERVER,
    "socketio_plain_websocket.txt": SERVER,
    "socketio_nginx.txt": "Gunicorn processes behind nginx: needs a real server and sockets",
    "socketio_nginx_round_robin.txt": "Gunicorn processes behind nginx: needs a real server and sockets",
    "socketio_queue.txt": "Gunicorn processes sharing rooms through Redis: needs a real server and sockets",
    "django_http.txt": "a request through Channels' ASGI application: Channels is not in the browser's runtime yet",
}
