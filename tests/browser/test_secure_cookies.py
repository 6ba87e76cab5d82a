"""What a browser does with the auth chapter's session cookies on a development server over plain
HTTP (docs/*/compare/auth.md, setup note 2): the cookies are `Secure` and `__Host-`, which a browser
keeps only from a secure context. Chromium counts http://127.0.0.1 as one and any other host over
HTTP as not, so a development server reached at another name or address logs nobody in."""

from __future__ import annotations

import http.server

from tests.browser import browser as b
from tests.browser.conftest import chromium_resolving

OTHER = "devbox.test"  # a development machine's name: mapped to loopback, not a secure context
# What the chapter's apps send: Flask's __Host-session and Django's __Host-sessionid, Secure, Path=/.
COOKIES = ("__Host-session=s1; Secure; HttpOnly; Path=/; SameSite=Lax", "plain=p1; HttpOnly; Path=/; SameSite=Lax")


class _SetsCookies(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the handler's name)
        self.send_response(200)
        for cookie in COOKIES:
            self.send_header("Set-Cookie", cookie)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"logged in")

    def log_message(self, *args) -> None:
        pass


def test_secure_host_cookies_are_kept_from_loopback_only_over_http(chromium_executable, loopback_server):
    port = loopback_server(_SetsCookies)
    kept = {}
    with chromium_resolving(chromium_executable, [OTHER]) as chromium:
        for host in (b.HOST, OTHER):
            context = chromium.new_context()
            page = context.new_page()
            response = page.goto(f"http://{host}:{port}/login")
            assert response is not None and response.status == 200
            kept[host] = sorted(cookie["name"] for cookie in context.cookies())
            context.close()
    assert kept[b.HOST] == ["__Host-session", "plain"]
    # The same response from another host over HTTP: the plain cookie stays, the Secure one is dropped.
    assert kept[OTHER] == ["plain"]
