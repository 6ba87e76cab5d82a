"""nginx for tests: a page's nginx.conf with free loopback ports in place of the page's, checked and run.

Every config a page shows listens on and proxies to fixed loopback ports (8000, 8080, ...), writes
`pid nginx.pid` and logs under its prefix; a test swaps each port for a free one, never anything
else unless it says so, and runs nginx with that folder as its prefix (`-p`).
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path

from tests.support.services import Server, find_binary, run_server

NGINX_HOW = "Install it with `apt-get install nginx` (Debian/Ubuntu) or `brew install nginx` (macOS)."


def nginx_binary() -> str:
    return find_binary("nginx", NGINX_HOW, ["/usr/sbin"])


def nginx_config(source: Path, folder: Path, ports: Mapping[int, int], text: str | None = None) -> Path:
    """`source` (or its edited `text`) with each `127.0.0.1:<page port>` of `ports` on its free port,
    written to `folder/nginx.conf` with a `logs/` folder beside it; returns the file."""
    text = source.read_text() if text is None else text
    for old, new in ports.items():
        assert f"127.0.0.1:{old}" in text, f"{source.name} has no 127.0.0.1:{old}"
        text = text.replace(f"127.0.0.1:{old}", f"127.0.0.1:{new}")
    (folder / "logs").mkdir(parents=True, exist_ok=True)
    (folder / "nginx.conf").write_text(text)
    return folder / "nginx.conf"


def assert_nginx_accepts(config: Path) -> None:
    """`nginx -t` on the file: the syntax and every directive's arguments."""
    done = subprocess.run([nginx_binary(), "-t", "-p", str(config.parent), "-c", str(config)],
                          capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr and "test is successful" in done.stderr


@contextlib.contextmanager
def run_nginx(config: Path, port: int) -> Iterator[Server]:
    """nginx in the foreground with `config`, until it listens on `port` (the config's `listen`)."""
    argv = [nginx_binary(), "-p", str(config.parent), "-c", str(config), "-g", "daemon off;"]
    with run_server(argv, port=port, measure=False) as server:  # no snippet code runs in nginx
        yield server
