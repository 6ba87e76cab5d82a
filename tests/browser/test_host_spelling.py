"""What a browser sends as `Host` for a name typed in capitals or with a final dot:
docs/*/compare/deployment.md, the paragraph after the settings table ("The three do not read a host
name alike"). The apps' own answers to each spelling are test_the_three_spell_host_names_differently
(tests/compare/test_deployment.py); this is the browser's half of the claim."""

from __future__ import annotations

import http.server

from tests.browser.conftest import chromium_resolving

NAME = "www.example.com"


def test_a_browser_lower_cases_the_host_but_keeps_a_final_dot(chromium_executable, loopback_server):
    seen: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/":
                seen.append(self.headers["Host"])
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args) -> None:
            pass

    port = loopback_server(Recorder)
    with chromium_resolving(chromium_executable, [NAME, f"{NAME}."]) as chromium:
        page = chromium.new_page()
        for typed in ("WWW.Example.COM", f"{NAME}."):
            page.goto(f"http://{typed}:{port}/")
    assert seen == [f"{NAME}:{port}", f"{NAME}.:{port}"]
