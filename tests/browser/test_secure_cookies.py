"""What a browser does with the auth chapter's session cookies on a development server over plain
HTTP (docs/*/compare/auth.md, setup note 2): the cookies are `Secure` and `__Host-`, which a browser
keeps only from a secure context. Chromium counts http://127.0.0.1 as one and any other host over
HTTP as not, so a development server reached at another name or address logs nobody in."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest

from tests.browser import browser as b
from tests.browser.conftest import paused_coverage

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


@pytest.fixture
def server() -> Iterator[int]:
    httpd = http.server.ThreadingHTTPServer((b.HOST, 0), _SetsCookies)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1]
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_secure_host_cookies_are_kept_from_loopback_only_over_http(chromium_executable, server):
    from playwright.sync_api import sync_playwright

    flags = [f for f in b.CHROMIUM_FLAGS if not f.startswith("--host-resolver-rules=")]
    flags.append(f"--host-resolver-rules=MAP {OTHER} {b.HOST}, MAP * ~NOTFOUND, EXCLUDE {b.HOST}")
    kept = {}
    with paused_coverage(), sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_executable, args=flags)
        try:
            for host in (b.HOST, OTHER):
                context = chromium.new_context()
                page = context.new_page()
                response = page.goto(f"http://{host}:{server}/login")
                assert response is not None and response.status == 200
                kept[host] = sorted(cookie["name"] for cookie in context.cookies())
                context.close()
        finally:
            chromium.close()
    assert kept[b.HOST] == ["__Host-session", "plain"]
    # The same response from another host over HTTP: the plain cookie stays, the Secure one is dropped.
    assert kept[OTHER] == ["plain"]
