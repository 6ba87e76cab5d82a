"""The request behind http.txt, and why django/channels.md's other outputs do not run in the browser
(contributing/runnable-listings.md, "Runnable listings"): each is a WebSocket conversation (through Channels'
WebsocketCommunicator, or with Daphne on loopback), which tests/django_ecosystem/test_channels.py
holds. A browser page has no server to accept a socket.

http.txt is a plain HTTP request through Channels' ASGI application (asgi.py), which hands it to
Django: the test sends drive.py's request, and the page's Run sends it in the browser."""

# The example's settings, which read DJANGO_SECRET_KEY (a value made for the guide, never a real key).
APPS = {"django": "django_ecosystem.channels_basics.settings"}
ENVIRON = {"DJANGO_SECRET_KEY": "not-a-secret-example-key-for-the-guide-0000000000000000"}
OUTPUTS = {"http.txt": ("django", "GET /rooms/")}
OUTPUT_APPS = {"http.txt": "django_ecosystem.channels_basics.asgi:application"}  # through Channels' router
SETUP = {"http.txt": "lobby"}
SOCKET = "a WebSocket conversation: needs a real server and sockets"
NOT_IN_BROWSER = {
    **{f"{name}.txt": SOCKET for name in ("echo", "auth", "bad_frames", "origin", "scope_communicator")},
    "scope_daphne.txt": "Daphne on loopback and a WebSocket client: needs a real server and sockets",
}
EDITABLE = {"django": ["django_ecosystem/channels_basics/asgi.py", "django_ecosystem/channels_basics/views.py",
                       "django_ecosystem/channels_basics/urls.py", "django_ecosystem/channels_basics/models.py"]}


def lobby() -> None:
    """The room the page lists (a row no request of this example makes)."""
    from django_ecosystem.channels_basics.models import Room

    Room.objects.create(slug="lobby", title="Lobby")
