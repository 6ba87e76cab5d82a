"""What a browser sends with a `SameSite=Lax` session cookie (Django's default, and the auth
chapter's Flask app) when a page of another site, or of a sibling subdomain, points at the app:
docs/*/compare/auth.md (#logout: why a logout must not be a GET) and docs/*/compare/deployment.md
(asgi.py note 3: why the WebSocket handshake's Origin is checked). The app is shop.example.test; a
sibling subdomain, blog.example.test, is the same site; elsewhere.test is another site. All three
names are mapped to loopback, where one server plays every part and notes the Cookie header of each
request to /logout and /ws (a WebSocket handshake, refused: only its request matters)."""

from __future__ import annotations

import http.server
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import chromium_resolving

APP, SIBLING, OTHER = "shop.example.test", "blog.example.test", "elsewhere.test"
SESSION = "sessionid=s1"  # set as Django sets its session cookie: HttpOnly, Path=/, SameSite=Lax
# What a page of another site does with the app's address: embeds it, links to it, sends the
# visitor there from a script, opens a WebSocket to it. Each page sets its title when it is done.
PAGES = {
    "img": '<img src="{app}/logout" onload="document.title=\'done\'" onerror="document.title=\'done\'">',
    "link": '<a id="prize" href="{app}/logout">You won a prize</a>',
    "script": "<script>location = '{app}/logout'</script>",
    "websocket": "<script>const ws = new WebSocket('{ws}/ws'); ws.onclose = () => document.title = 'done'</script>",
}


class _App(http.server.BaseHTTPRequestHandler):
    seen: dict[str, str | None] = {}

    def do_GET(self) -> None:  # noqa: N802 (the handler's name)
        url = urlsplit(self.path)
        if url.path == "/login":
            self.reply(200, "logged in", [("Set-Cookie", f"{SESSION}; HttpOnly; Path=/; SameSite=Lax")])
        elif url.path in ("/logout", "/ws"):
            self.seen[url.path] = self.headers.get("Cookie")
            self.reply(403 if url.path == "/ws" else 200, "noted")
        elif url.path == "/page":
            port = self.server.server_address[1]
            how = parse_qs(url.query)["how"][0]
            html = PAGES[how].format(app=f"http://{APP}:{port}", ws=f"ws://{APP}:{port}")
            self.reply(200, f"<!doctype html><title>page</title>{html}", content_type="text/html")
        else:
            self.reply(404, "not found")

    def reply(self, status: int, body: str, headers=(), content_type: str = "text/plain") -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args) -> None:
        pass


def cookies_sent(chromium_executable: str, port: int, cases: list[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
    """For each (site of the page, what it does): log in to the app in a fresh browser context, open
    the page on that site, and return the Cookie header the app's /logout or /ws received."""
    sent = {}
    with chromium_resolving(chromium_executable, [APP, SIBLING, OTHER]) as chromium:
        for site, how in cases:
            context = chromium.new_context()
            page = context.new_page()
            page.goto(f"http://{APP}:{port}/login")
            assert [c["name"] for c in context.cookies()] == ["sessionid"]
            _App.seen.clear()
            page.goto(f"http://{site}:{port}/page?how={how}")
            if how == "link":
                page.click("#prize")
            if how in ("link", "script"):
                page.wait_for_url(f"http://{APP}:{port}/logout")
            else:
                page.wait_for_function("document.title == 'done'")
            path = "/ws" if how == "websocket" else "/logout"
            assert path in _App.seen, f"{site} {how}: the app never saw {path}"
            sent[site, how] = _App.seen[path]
            context.close()
    return sent


@pytest.fixture
def server(loopback_server) -> int:
    return loopback_server(_App)


def test_a_lax_cookie_goes_with_a_cross_site_navigation_not_an_embedded_request(chromium_executable, server):
    """auth.md #logout: a GET logout is not safe under SameSite=Lax. The cookie stays off an <img>
    that another site embeds, but goes with a top-level navigation there, a link the visitor
    follows or a script that sets `location`; a sibling subdomain is the same site and gets it on
    the <img> too."""
    sent = cookies_sent(chromium_executable, server, [(OTHER, "img"), (OTHER, "link"), (OTHER, "script"),
                                                      (SIBLING, "img")])
    assert sent == {(OTHER, "img"): None, (OTHER, "link"): SESSION, (OTHER, "script"): SESSION,
                    (SIBLING, "img"): SESSION}


def test_a_websocket_handshake_carries_a_lax_cookie_from_the_same_site_only(chromium_executable, server):
    """deployment.md asgi.py note 3: no same-origin rule stops a page from opening a WebSocket to
    another server, but a SameSite=Lax cookie stays off a handshake that another site starts. A
    page on a sibling subdomain is the same site: its handshake carries the cookie, and only the
    Origin check (which names the exact host) refuses it."""
    sent = cookies_sent(chromium_executable, server, [(OTHER, "websocket"), (SIBLING, "websocket")])
    assert sent == {(OTHER, "websocket"): None, (SIBLING, "websocket"): SESSION}
