"""The request behind django_http.txt, and why compare/websockets.md's other outputs do not run in the
browser (contributing/runnable-listings.md, "Runnable listings"): each is a WebSocket conversation (a test client's,
or real servers' on loopback: Uvicorn, Daphne, Gunicorn behind nginx, Redis between processes),
which tests/compare/test_websockets.py holds. A browser page has no server to accept a socket.

django_http.txt is a plain HTTP request through Channels' ASGI application (asgi.py), which hands
it to Django: the test sends drive.py's request, and the page's Run sends it in the browser."""

# The chat's settings, which read DJANGO_SECRET_KEY (a value made for the guide, never a real key).
APPS = {"django": "compare.websockets.django_chat.settings"}
ENVIRON = {"DJANGO_SECRET_KEY": "not-a-secret-example-key-for-the-guide-0000000000000000"}
OUTPUTS = {"django_http.txt": ("django", "GET /")}
OUTPUT_APPS = {"django_http.txt": "compare.websockets.django_chat.asgi:application"}  # through Channels' router
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
}
EDITABLE = {"django": ["compare/websockets/django_chat/asgi.py", "compare/websockets/django_chat/views.py",
                      "compare/websockets/django_chat/urls.py", "compare/websockets/django_chat/settings.py"]}
