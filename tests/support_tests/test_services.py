"""The real-services helper starts real servers on loopback, and always stops them."""

from __future__ import annotations

import os
import socket

import psycopg
import pytest
import redis

from tests.support import services

pytestmark = pytest.mark.slow


def test_redis_server_answers_and_stops():
    with services.redis_server() as url:
        client = redis.Redis.from_url(url)
        assert client.ping() is True
        client.set("greeting", "hello")
        assert client.get("greeting") == b"hello"
        client.close()
        port = int(url.rsplit(":", 1)[1].split("/")[0])
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1)


def test_postgres_server_answers_and_stops():
    with services.postgres_server() as dsn:
        with psycopg.connect(dsn) as conn:
            assert conn.execute("select current_user").fetchone() == ("postgres",)
            assert conn.info.server_version >= 130000
        port = int(dsn.rsplit(":", 1)[1].split("/")[0])
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1)


def test_missing_binary_skips_with_a_how_to(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"missing service: no-such-server not found\. Install it with"):
        services.find_binary("no-such-server", "Install it with `apt-get install no-such-server`.")


def test_missing_binary_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"under CI=true a missing service is a failure"):
        services.find_binary("no-such-server", "Install it with `apt-get install no-such-server`.")


def test_server_that_dies_early_is_reported_with_its_output():
    with pytest.raises(RuntimeError, match="exited with code 3 before listening:\nboom"):
        with services.run_server("echo boom; exit 3"):
            pass


def test_server_is_stopped_even_when_the_test_fails():
    pid = None
    with pytest.raises(ZeroDivisionError):
        with services.run_server("exec python3 -m http.server --bind 127.0.0.1 \"$PORT\"") as server:
            pid = server.proc.pid
            1 / 0  # noqa: B018
    assert pid is not None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
