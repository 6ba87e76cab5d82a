"""Deployment: each app under its production server, as the page's commands start it.

Every command of snippets/compare/deployment/commands.sh runs exactly as shown, on a free loopback
port, and answers real HTTP requests (Daphne a WebSocket message too); each server is started once
per module and always stopped. The process model each server uses is read from /proc: which process
answered, whose child it is, which thread ran the view. Django's deployment checks run in a
subprocess with the project's own production settings.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from compare.deployment.fastapi_app import app as fastapi_app
from compare.deployment.flask_app import app as flask_app
from guide_tools.website.content import SNIPPETS
from tests.support import django_snippets
from tests.support.capture import DEFAULT_HEADERS, render
from tests.support.services import (
    Server,
    children_of,
    parent_of,
    python_env,
    run_server,
    wait_for_children,
    wait_until,
)
from tests.support.shell import shown_commands

TOPIC = SNIPPETS / "compare/deployment"
PROJECT = TOPIC / "django_project"
OUT = "compare/deployment/out"

# What a reverse proxy that terminated TLS adds to the request it forwards.
PROXY = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
PROXY_LINES = "X-Forwarded-Proto: https\nX-Forwarded-For: 203.0.113.7"
HOST = "www.example.com"  # the site's public name: Django's ALLOWED_HOSTS, Flask's TRUSTED_HOSTS, Starlette's allowed_hosts
POD = "10.0.0.7:8000"  # the container's address, which a platform's health probe sends as Host

PID = (re.compile(r'("pid": )\d+'), r"\1<pid>")
POOL_THREAD = (re.compile(r"ThreadPoolExecutor-\d+_\d+"), "ThreadPoolExecutor-<n>")
DJANGO_HEADERS = (*DEFAULT_HEADERS, "strict-transport-security")


# --------------------------------------------------------------------------- helpers


def commands() -> dict[str, str]:
    """The sections of commands.sh, by name: the lines the page shows."""
    return shown_commands(TOPIC / "commands.sh")


def shell_env(**extra: str) -> dict[str, str]:
    """This environment (coverage's subprocess patch included) with the venv first on PATH and none
    of the test run's Django settings, so the project's manage.py and wsgi.py pick their own."""
    env = {**os.environ, **python_env()}
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "WEB_CONCURRENCY",
                 "FORWARDED_ALLOW_IPS", "GUNICORN_CMD_ARGS", "PORT"):
        env.pop(name, None)
    return {**env, **extra}


def django_env(**extra: str) -> dict[str, str]:
    """What the production settings read: a long random key and the site's host name. The settings
    module is the one manage.py, wsgi.py and asgi.py default to; it is named because run_server()
    starts from this process's environment, where pytest-django has set the test run's own."""
    return shell_env(**{"DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                        "DJANGO_ALLOWED_HOSTS": HOST, **extra})


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def get(server: Server, path: str = "/", **headers: str) -> httpx2.Response:
    """A request as the proxy forwards it: for the site's name (Host), unless `headers` name another."""
    return httpx2.get(f"{server.url}{path}", headers={"Host": HOST, **headers}, timeout=30, follow_redirects=False)


def raw_get(server: Server, target: str, host: str) -> tuple[int, str]:
    """GET with the request target sent exactly as written (httpx would resolve `/healthz/..`)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.putrequest("GET", target, skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def at_once(server: Server, path: str, count: int = 2) -> list[dict]:
    """`count` requests sent at the same time, each on its own connection; their JSON bodies."""
    with ThreadPoolExecutor(count) as pool:
        responses = list(pool.map(lambda _: get(server, path), range(count)))
    assert all(r.status_code == 200 for r in responses)
    return [r.json() for r in responses]


def who_answered(bodies: list[dict]) -> str:
    """Which process and thread answered each request. Process ids and pool threads are named in
    order of appearance (their real names change from run to run); MainThread keeps its name."""
    pids: dict[int, str] = {}
    threads: dict[str, str] = {}
    lines = []
    for body in sorted(bodies, key=lambda b: (b["pid"], b["thread"])):
        pid = pids.setdefault(body["pid"], f"<pid {len(pids) + 1}>")
        thread = body["thread"] if body["thread"] == "MainThread" else threads.setdefault(
            body["thread"], f"<pool thread {len(threads) + 1}>")
        lines.append(f"pid {pid}  thread {thread}")
    return "\n".join(lines) + "\n"


def warm(server: Server, path: str = "/", **headers: str) -> None:
    """The first answer means a worker has loaded the app (servers listen before that)."""
    assert get(server, path, **headers).status_code in (200, 301)


@pytest.fixture(scope="module")
def runtime_dir(tmp_path_factory) -> str:
    """Gunicorn's control socket goes to $XDG_RUNTIME_DIR, not to $HOME/.gunicorn."""
    return str(tmp_path_factory.mktemp("xdg-runtime"))


# --------------------------------------------------------------------------- the apps, in process


def test_flask_app_reads_the_proxy_headers():
    client = flask_app.test_client()
    body = client.get("/", headers={"Host": HOST, **PROXY}).get_json()
    assert body["scheme"] == "https" and body["client"] == "203.0.113.7"
    assert body["thread"] == "MainThread"
    # x_for=1 trusts only the address the one proxy appended, not what the client wrote before it.
    forged = client.get("/", headers={"Host": HOST, "X-Forwarded-For": "198.51.100.1, 203.0.113.7"}).get_json()
    assert forged["client"] == "203.0.113.7"
    assert client.get("/", headers={"Host": HOST}).get_json()["scheme"] == "http"  # no proxy header, no https
    # ProxyFix does not look at who is connecting: anyone who reaches the app server is believed.
    direct = client.get("/", headers={"Host": HOST, **PROXY}, environ_base={"REMOTE_ADDR": "198.51.100.9"}).get_json()
    assert direct["client"] == "203.0.113.7"


def test_flask_and_fastapi_answer_any_host_unless_pinned():
    """Django checks Host against ALLOWED_HOSTS; Flask and FastAPI answer any Host unless told, and
    the page's apps are told: Flask's TRUSTED_HOSTS (3.1+), Starlette's TrustedHostMiddleware."""
    from flask import Flask
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    bare_flask = Flask(__name__)
    bare_flask.get("/")(lambda: "hello")
    assert bare_flask.config["TRUSTED_HOSTS"] is None  # the default: no check
    assert bare_flask.test_client().get("/", headers={"Host": "evil.example"}).status_code == 200
    bare_flask.config["TRUSTED_HOSTS"] = []  # an empty list trusts every host, as None does
    assert bare_flask.test_client().get("/", headers={"Host": "evil.example"}).status_code == 200
    assert flask_app.config["TRUSTED_HOSTS"] == [HOST]
    assert flask_app.test_client().get("/", headers={"Host": "evil.example"}).status_code == 400
    assert flask_app.test_client().get("/", headers={"Host": HOST}).status_code == 200
    bare_fastapi = FastAPI()
    bare_fastapi.get("/")(lambda: "hello")
    with TestClient(bare_fastapi) as client:
        assert client.get("/", headers={"Host": "evil.example"}).status_code == 200
    with TestClient(TrustedHostMiddleware(bare_fastapi)) as client:  # allowed_hosts defaults to ["*"]
        assert client.get("/", headers={"Host": "evil.example"}).status_code == 200
    with TestClient(fastapi_app, follow_redirects=False) as client:
        assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
        assert client.get("/", headers={"Host": HOST}).status_code == 200
        # The bare domain of a www. name is redirected to it (www_redirect, on by default), not refused.
        bare = client.get("/", headers={"Host": HOST.removeprefix("www.")})
        assert (bare.status_code, bare.headers["location"]) == (307, f"http://{HOST}/"), bare
    # Note 1: the redirect keeps the scheme the app sees. Under the page's Uvicorn command, which
    # trusts the proxy's headers from 10.0.0.2 alone, a POST the proxy forwards from https:// is
    # sent on to https://www; the same request from an address Uvicorn does not trust goes to http://.
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    trusted = re.search(r"--forwarded-allow-ips (\S+)", commands()["fastapi-other-proxy"])[1]
    for proxy, scheme in ((trusted, "https"), ("10.0.0.3", "http")):
        behind = ProxyHeadersMiddleware(fastapi_app, trusted_hosts=trusted)
        with TestClient(behind, follow_redirects=False, client=(proxy, 50000)) as client:
            moved = client.post("/login", headers={"Host": HOST.removeprefix("www."), "X-Forwarded-Proto": "https"})
        assert (moved.status_code, moved.headers["location"]) == (307, f"{scheme}://{HOST}/login"), proxy


# Host as sent -> (Flask, FastAPI, Django): True if the app takes it for www.example.com.
HOST_SPELLINGS = {
    HOST: (True, True, True),
    f"{HOST}:8000": (True, True, True),
    HOST.upper(): (False, True, True),  # Werkzeug compares the name as written; the others ignore case
    "Www.Example.Com": (False, True, True),
    f"{HOST}.": (False, False, True),  # a final dot: Django's split_domain_port drops it
    f"{HOST}:99999": (False, True, True),  # Werkzeug checks the port's range
    f"evil.{HOST}": (False, False, False),
    f"{HOST}.evil.example": (False, False, False),
    "evil.example": (False, False, False),
}


def test_the_three_spell_host_names_differently():
    """The page's paragraph after the differences table: Flask's TRUSTED_HOSTS compares the name as
    written, FastAPI's TrustedHostMiddleware and Django's ALLOWED_HOSTS ignore case, and only
    Django takes the name with a final dot. No spelling of another name gets through any of them."""
    from django.core.exceptions import DisallowedHost
    from django.test import RequestFactory, override_settings

    def django_takes(host: str) -> bool:
        with override_settings(ALLOWED_HOSTS=[HOST]):
            try:
                RequestFactory().get("/", HTTP_HOST=host).get_host()
            except DisallowedHost:
                return False
            return True

    flask = flask_app.test_client()
    with TestClient(fastapi_app, follow_redirects=False) as fastapi:
        for host, expected in HOST_SPELLINGS.items():
            answers = (flask.get("/", headers={"Host": host}).status_code,
                       fastapi.get("/", headers={"Host": host}).status_code)
            assert set(answers) <= {200, 400}, (host, answers)
            assert (*(status == 200 for status in answers), django_takes(host)) == expected, (host, answers)


def test_a_health_probe_gets_through_to_flask_and_fastapi_in_process():
    """The probe's answer comes before the Host check, in the app (the servers' tests below send the
    same requests over HTTP): /healthz is answered whatever the Host; every other path, and the
    look-alikes of /healthz, meet the check."""
    with TestClient(fastapi_app) as fastapi_client:  # the lifespan runs through the health check too
        for client in (flask_app.test_client(), fastapi_client):
            probe = client.get("/healthz", headers={"Host": POD})
            assert (probe.status_code, probe.text) == (200, "ok")
            assert probe.headers["content-type"].startswith("text/plain")
            assert client.get("/healthz", headers={"Host": HOST}).status_code == 200
            assert client.get("/healthz?full=1", headers={"Host": POD}).text == "ok"
            for path in ("/", "/slow", "/healthz/", "/healthz/x", "/nowhere", "/HEALTHZ", "/Healthz", "/healthz.txt"):
                assert client.get(path, headers={"Host": POD}).status_code == 400, path
        # Note 2: only an http scope is the probe's; a WebSocket handshake to /healthz meets the Host check.
        from starlette.testclient import WebSocketDenialResponse

        with pytest.raises(WebSocketDenialResponse) as refused:
            with fastapi_client.websocket_connect("/healthz", headers={"Host": POD}):
                pass
        assert refused.value.status_code == 400


def test_the_probe_is_the_outermost_layer_of_the_flask_app(monkeypatch):
    """Note 3: health_check is wrapped last, so it runs first: a probe reaches no other layer. With
    ProxyFix, the layer under it, failing, /healthz is still answered, and any other path meets the
    failure. (Only the order shows here: ProxyFix rewrites the environ and would pass a probe on.)"""
    from werkzeug.middleware.proxy_fix import ProxyFix

    def broken(*args, **kwargs):
        raise RuntimeError("a layer under the health check ran")

    monkeypatch.setattr(ProxyFix, "__call__", broken)
    client = flask_app.test_client()
    assert client.get("/healthz", headers={"Host": POD}).text == "ok"
    with pytest.raises(RuntimeError):
        client.get("/", headers={"Host": HOST})


def test_django_believes_the_scheme_header_from_anyone():
    """SECURE_PROXY_SSL_HEADER has no list of trusted addresses: the setting trusts every caller."""
    from django.test import RequestFactory, override_settings

    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_PROTO="https",
                                   HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert not request.is_secure()
    with override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")):
        assert request.is_secure() and request.scheme == "https"
        assert request.META["REMOTE_ADDR"] == "198.51.100.9"  # X-Forwarded-For is not read


def test_an_appended_scheme_header_is_read_from_either_end():
    """A proxy that appends to X-Forwarded-Proto, rather than setting it, leaves the client's value in front:
    `https, http` is the client's https and the proxy's http. ProxyFix reads the last value and Uvicorn believes
    only a single one, but Django's SECURE_PROXY_SSL_HEADER reads the first, the client's: behind Django the
    proxy must set the header, replacing the client's (the page's #reverse-proxy and the exercise's proxy)."""
    from django.test import RequestFactory, override_settings
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    appended = {"Host": HOST, "X-Forwarded-Proto": "https, http", "X-Forwarded-For": "203.0.113.7"}
    assert flask_app.test_client().get("/", headers=appended).get_json()["scheme"] == "http"
    with TestClient(ProxyHeadersMiddleware(fastapi_app, trusted_hosts=["127.0.0.1"]),
                    client=("127.0.0.1", 50000)) as client:
        body = client.get("/", headers=appended).json()
    assert body["scheme"] == "http" and body["client"] == "203.0.113.7"
    request = RequestFactory().get("/", HTTP_X_FORWARDED_PROTO="https, http")
    with override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")):
        assert request.is_secure()
        set_by_the_proxy = RequestFactory().get("/", HTTP_X_FORWARDED_PROTO="http")
        assert not set_by_the_proxy.is_secure()


def test_fastapi_app_in_process():
    with TestClient(fastapi_app, base_url=f"http://{HOST}") as client:
        body = client.get("/slow").json()
        sync = client.get("/sync").json()
    assert body["framework"] == "fastapi" and body["pid"] == os.getpid()
    assert body["scheme"] == "http" and body["client"] == "testclient"
    assert sync["thread"] == "AnyIO worker thread"  # a `def` endpoint runs in the thread pool


def test_fastapi_slow_requests_share_the_event_loop():
    """The page's annotation on `await asyncio.sleep(...)`: while one request awaits, the loop serves
    another. Four requests to /slow at once, on the TestClient's one event loop, all sleep and
    overlap: together they take less than three sleeps (one after another they take four, and a
    loaded machine gets two sleeps of margin)."""
    sleep = float(re.search(r"asyncio\.sleep\(([\d.]+)\)", (TOPIC / "fastapi_app.py").read_text()).group(1))
    count = 4
    with TestClient(fastapi_app, base_url=f"http://{HOST}") as client, ThreadPoolExecutor(count) as pool:
        start = time.monotonic()
        bodies = list(pool.map(lambda _: client.get("/slow").json(), range(count)))
        elapsed = time.monotonic() - start
    assert sleep <= elapsed < (count - 1) * sleep, (sleep, elapsed)
    assert [body["framework"] for body in bodies] == ["fastapi"] * count


# --------------------------------------------------------------------------- the servers' settings and options


def gunicorn_settings(*args: str, **env: str) -> dict[str, str]:
    """What Gunicorn would run with: `--print-config` resolves the settings without starting."""
    result = subprocess.run(["gunicorn", "--print-config", *args, "compare.deployment.flask_app:app"],
                            cwd=SNIPPETS, env=shell_env(**env), capture_output=True, text=True, timeout=60,
                            check=True)
    return dict(re.findall(r"^(\w+)\s+= (.*)$", result.stdout, re.MULTILINE))


def test_gunicorn_defaults():
    """Without a config file: loopback unless PORT is set, and then every interface; WEB_CONCURRENCY
    the number of workers; sync workers; no access log."""
    assert gunicorn_settings("-w", "4")["bind"] == "['127.0.0.1:8000']"  # `gunicorn -w 4 app`, no PORT
    settings = gunicorn_settings(PORT="8123", WEB_CONCURRENCY="5")
    assert settings["bind"] == "['0.0.0.0:8123']"
    assert settings["workers"] == "5"
    assert settings["threads"] == "1"
    assert settings["worker_class"] == "sync"
    assert settings["accesslog"] == "None"
    assert settings["forwarded_allow_ips"] == "['127.0.0.1', '::1']"


def test_a_uvicorn_worker_reports_every_half_timeout():
    """The page (#timeouts): Gunicorn hands each worker half its --timeout, and the Uvicorn worker makes
    that Uvicorn's notify period, checked on Uvicorn's once-a-second tick: at --timeout 3 a report is
    due after 1.5 s and goes out at the next whole second, every 2 s (what that means for a blocked
    loop: test_how_long_a_blocked_loop_survives_under_a_uvicorn_worker)."""
    import inspect

    from gunicorn.arbiter import Arbiter
    from gunicorn.config import Config
    from gunicorn.glogging import Logger
    from uvicorn_worker import UvicornWorker

    assert "self.timeout / 2.0" in inspect.getsource(Arbiter.spawn_worker)  # what each worker is given
    cfg = Config()
    cfg.set("timeout", 3)
    worker = UvicornWorker(0, os.getpid(), [], None, cfg.timeout / 2.0, cfg, Logger(cfg))
    try:
        assert worker.config.timeout_notify == 1.5
    finally:
        worker.tmp.close()


def test_gunicorn_config_file(monkeypatch):
    """The file is plain Python that Gunicorn runs at start; its names are settings."""
    import runpy

    path = str(TOPIC / "gunicorn.conf.py")
    for name in ("WEB_CONCURRENCY", "GUNICORN_THREADS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORT", "8123")
    settings = runpy.run_path(path)
    assert (settings["bind"], settings["workers"], settings["threads"], settings["accesslog"]) == (
        "127.0.0.1:8123", 2, 1, "-")  # loopback, whatever PORT says
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    monkeypatch.setenv("GUNICORN_THREADS", "8")
    monkeypatch.delenv("PORT")
    tuned = runpy.run_path(path)
    assert (tuned["bind"], tuned["workers"], tuned["threads"]) == ("127.0.0.1:8000", 4, 8)


def test_gunicorn_has_its_own_asgi_worker():
    from gunicorn.workers import SUPPORTED_WORKERS

    assert SUPPORTED_WORKERS["asgi"] == "gunicorn.workers.gasgi.ASGIWorker"  # Gunicorn 24+
    assert "uvicorn" not in " ".join(SUPPORTED_WORKERS.values())


def test_uvicorn_workers_module_is_deprecated():
    """`uvicorn.workers` still imports, with a DeprecationWarning (since Uvicorn 0.30.0) that Python
    hides by default outside __main__, so Gunicorn's log never shows it."""
    sys.modules.pop("uvicorn.workers", None)
    try:
        with pytest.warns(DeprecationWarning, match="Please use `uvicorn-worker` package instead"):
            import uvicorn.workers  # noqa: F401
    finally:
        sys.modules.pop("uvicorn.workers", None)
    from uvicorn_worker import UvicornWorker

    assert UvicornWorker.__module__.startswith("uvicorn_worker")


def test_uvicorn_run_needs_an_import_string_for_workers():
    """`uvicorn.run(app, workers=4)` cannot hand an app object to spawned processes: it exits."""
    import uvicorn

    with pytest.raises(SystemExit) as exited:
        uvicorn.run(fastapi_app, workers=2)
    assert exited.value.code == 3  # STARTUP_FAILURE, before anything is bound


def test_server_options():
    """The options the page explains, as each server's own help describes them."""
    from click.testing import CliRunner
    from daphne.cli import CommandLineInterface
    from uvicorn.main import main as uvicorn_main

    uvicorn_help = " ".join(CliRunner().invoke(uvicorn_main, ["--help"]).output.split())
    assert "--proxy-headers / --no-proxy-headers" in uvicorn_help
    assert "Defaults to the $FORWARDED_ALLOW_IPS environment variable if available, or '127.0.0.1,::1'" in uvicorn_help
    assert "--workers INTEGER Number of worker processes. Defaults to the $WEB_CONCURRENCY" in uvicorn_help
    assert "Not valid with --reload." in uvicorn_help
    daphne_help = CommandLineInterface().parser.format_help()
    assert "--proxy-headers" in daphne_help
    assert "allow-ips" not in daphne_help and "trust" not in daphne_help  # no list of trusted proxies


# --------------------------------------------------------------------------- Flask under Gunicorn


@pytest.fixture(scope="module")
def flask_sync(runtime_dir) -> Iterator[Server]:
    with run_server(commands()["flask"], cwd=SNIPPETS, env=shell_env(XDG_RUNTIME_DIR=runtime_dir),
                    timeout=60) as server:
        workers = wait_for_children(server.proc.pid, 2)
        # Each worker imports the app after the fork; on a busy machine the second may still be
        # importing while the first answers. Wait until both have answered once.
        answered: set[int] = set()
        deadline = time.monotonic() + 60
        while answered != workers:
            assert time.monotonic() < deadline, f"workers {workers - answered} never answered"
            answered |= {body["pid"] for body in at_once(server, "/slow")}
        server.wait_for("Control socket listening at")  # written by a thread, after the workers boot
        yield server


@pytest.mark.slow
def test_flask_under_gunicorn(flask_sync, outputs):
    response = get(flask_sync, "/", **PROXY)
    assert response.status_code == 200
    body = response.json()
    assert body["framework"] == "flask"
    assert body["scheme"] == "https" and body["client"] == "203.0.113.7"  # ProxyFix, one proxy
    assert parent_of(body["pid"]) == flask_sync.proc.pid  # a worker, child of the master
    assert body["thread"] == "MainThread"
    outputs.check(f"{OUT}/flask_gunicorn.txt", render(response, f"GET /\nHost: {HOST}\n{PROXY_LINES}"), normalisers=[PID])


def slow_view_sleep() -> float:
    """The seconds flask_app's /slow sleeps, read from the snippet: timings compare to it."""
    return float(re.search(r"time\.sleep\(([\d.]+)\)", (TOPIC / "flask_app.py").read_text()).group(1))


def sent_together(server: Server, path: str, count: int) -> list[tuple[float, dict]]:
    """`count` requests, each on its own connection, all sent before any answer is read; for each,
    the seconds from the first send to its whole answer, and its JSON body, fastest first."""

    connections = [http.client.HTTPConnection("127.0.0.1", server.port, timeout=60) for _ in range(count)]
    try:
        for connection in connections:
            connection.connect()
        start = time.monotonic()
        for connection in connections:
            connection.request("GET", path, headers={"Host": HOST})
        sent = time.monotonic() - start

        def answer(connection: http.client.HTTPConnection) -> tuple[float, dict]:
            response = connection.getresponse()
            body = response.read()
            assert response.status == 200, body
            return time.monotonic() - start, json.loads(body)

        with ThreadPoolExecutor(count) as pool:
            answers = sorted(pool.map(answer, connections), key=lambda answered: answered[0])
    finally:
        for connection in connections:
            connection.close()
    assert sent < answers[0][0], "the requests were not all sent before the first answer"
    return answers


@pytest.mark.slow
def test_flask_sync_workers_are_processes(flask_sync, outputs):
    """A sync worker serves one request at a time: of three slow requests sent at once to two
    workers, both answer one in about the view's sleep, and the third waits in the socket's queue
    until a worker is free, so it takes at least twice the sleep."""
    sleep = slow_view_sleep()
    master = flask_sync.proc.pid
    answers = sent_together(flask_sync, "/slow", 3)
    seconds = [round(elapsed, 3) for elapsed, _ in answers]
    # Generous bounds: the machine may be busy, so compare to the sleep, not to milliseconds.
    assert seconds[1] < 2 * sleep <= seconds[2], (sleep, seconds)
    workers = children_of(master)
    assert len(workers) == 2
    first, second, third = (body for _, body in answers)
    assert {first["pid"], second["pid"]} == workers  # both processes, one request each
    assert third["pid"] in workers  # the third, by one of them once it was free
    assert {b["thread"] for b in (first, second, third)} == {"MainThread"}
    assert "Using worker: sync" in flask_sync.output()
    # The pid that also answered the third is <pid 1>, whichever worker it was.
    lines = [f"pid {'<pid 1>' if body['pid'] == third['pid'] else '<pid 2>'}  thread {body['thread']}  {when}"
             for body, when in sorted([(first, f"answered in under {2 * sleep:g} s"), (second, f"answered in under {2 * sleep:g} s")],
                                      key=lambda answered: answered[0]["pid"] != third["pid"])
             + [(third, f"answered after {2 * sleep:g} s or more: it waited for a free worker")]]
    outputs.check(f"{OUT}/flask_sync_workers.txt",
                  f"3 × GET /slow (the view sleeps {sleep:g} s), sent at the same time\n\n" + "\n".join(lines) + "\n")


@pytest.mark.slow
def test_flask_threads(flask_sync, runtime_dir, outputs):
    """--threads switches the sync worker class to gthread: one process, a pool of threads."""
    control = Path(runtime_dir) / "gunicorn.ctl"
    with run_server(commands()["flask-threads"], cwd=SNIPPETS, env=shell_env(XDG_RUNTIME_DIR=runtime_dir),
                    timeout=60) as server:
        [worker] = wait_for_children(server.proc.pid, 1)
        warm(server)
        bodies = at_once(server, "/slow")
        log = server.wait_for("Control socket listening at")
    # Both instances (flask_sync is still running) took the same control socket path; the second
    # replaced the first one's socket and removed it when it stopped.
    assert f"Control socket listening at {control}" in log
    assert f"Control socket listening at {control}" in flask_sync.output()
    assert flask_sync.proc.poll() is None and not control.exists()
    assert {b["pid"] for b in bodies} == {worker}
    threads = {b["thread"] for b in bodies}
    assert len(threads) == 2 and "MainThread" not in threads
    assert "Using worker: gthread" in log
    outputs.check(f"{OUT}/flask_threads.txt", "2 × GET /slow, at the same time\n\n" + who_answered(bodies))


@pytest.mark.slow
def test_flask_with_config_file(runtime_dir, outputs):
    env = shell_env(XDG_RUNTIME_DIR=runtime_dir, WEB_CONCURRENCY="3")
    with run_server(commands()["flask-config"], cwd=SNIPPETS, env=env, timeout=60) as server:
        assert len(wait_for_children(server.proc.pid, 3)) == 3
        response = get(server, "/", **{"User-Agent": "curl/8.5.0", **PROXY})
        assert response.status_code == 200
        server.wait_for('"GET / HTTP/1.1"')
        # Gunicorn 27 starts its control socket in a thread after the workers boot, so a worker can
        # answer before that line is written.
        log = server.wait_for("Control socket listening at")
    assert f"Listening at: http://127.0.0.1:{server.port}" in log
    assert f"Control socket listening at {runtime_dir}/gunicorn.ctl" in log
    [line] = [line for line in log.splitlines() if '"GET / HTTP/1.1"' in line]
    # The first field is REMOTE_ADDR, read after the app ran: ProxyFix rewrote it to the client's.
    assert line.startswith("203.0.113.7 - - [")
    outputs.check(f"{OUT}/flask_access_log.txt", line + "\n",
                  normalisers=[(re.compile(r"\[\d{2}/\w{3}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\]"), "[<time>]"),
                               (re.compile(r'(" 200 )\d+'), r"\1<length>")])


# --------------------------------------------------------------------------- FastAPI under Uvicorn and Gunicorn


@pytest.fixture(scope="module")
def fastapi_uvicorn() -> Iterator[Server]:
    with run_server(commands()["fastapi"], cwd=SNIPPETS, env=shell_env(), timeout=60) as server:
        wait_for_children(server.proc.pid, 2, running="multiprocessing.spawn")
        warm(server)
        yield server


@pytest.mark.slow
def test_fastapi_under_uvicorn_workers(fastapi_uvicorn, outputs):
    server = fastapi_uvicorn
    manager = server.proc.pid
    workers = children_of(manager, running="multiprocessing.spawn")
    response = get(server, "/", **PROXY)
    sync = get(server, "/sync").json()
    chain = get(server, "/", **{"X-Forwarded-For": "198.51.100.1, 203.0.113.7"}).json()
    log = server.output()
    assert response.status_code == 200
    body = response.json()
    assert body["pid"] in workers and body["pid"] != manager  # a spawned worker answered
    assert body["thread"] == "MainThread"  # the event loop runs on the worker's main thread
    assert sync["thread"] == "AnyIO worker thread"  # a `def` endpoint: the worker's thread pool
    assert chain["client"] == "203.0.113.7"  # the last address that is not a trusted proxy
    # Uvicorn believes X-Forwarded-* from 127.0.0.1 (the default --forwarded-allow-ips).
    assert body["scheme"] == "https" and body["client"] == "203.0.113.7"
    assert f"Started parent process [{manager}]" in log
    outputs.check(f"{OUT}/fastapi_uvicorn.txt", render(response, f"GET /\nHost: {HOST}\n{PROXY_LINES}"), normalisers=[PID])


@pytest.mark.slow
def test_a_health_probe_gets_through_to_flask_and_fastapi(flask_sync, fastapi_uvicorn):
    """The platform's probe, under the page's Gunicorn and Uvicorn commands: by the container's
    address, over plain HTTP. health_check answers /healthz before the Host check (Flask's
    TRUSTED_HOSTS, Starlette's TrustedHostMiddleware); every other path with that Host still gets
    400, and so do look-alikes of /healthz, sent exactly as written (the servers do not resolve `..`)."""
    for server in (flask_sync, fastapi_uvicorn):
        probe = get(server, "/healthz", Host=POD)
        assert (probe.status_code, probe.text) == (200, "ok"), server
        assert probe.headers["content-type"].startswith("text/plain")
        assert get(server, "/healthz", Host=HOST).status_code == 200  # by name too
        assert get(server, "/", Host=HOST).status_code == 200
        assert raw_get(server, "/healthz?x", POD) == (200, "ok")  # the probe's answer, nothing more
        for target in ("/", "/slow", "/nowhere", "/healthz/..", "/healthz/../", "/healthz/", "//healthz",
                       "/healthz/../slow", "/healthz%2F..%2Fslow", "/HEALTHZ", "/healthz%00"):
            status, body = raw_get(server, target, POD)
            assert status == 400, (server, target, status, body)


def manifest_probes() -> list[dict]:
    """The readiness probe of each container of the manifest, Kubernetes' defaults filled in."""
    import yaml

    manifest = yaml.safe_load((TOPIC / "kubernetes/deployment.yaml").read_text())
    containers = manifest["spec"]["template"]["spec"]["containers"]
    assert all("livenessProbe" not in container for container in containers)  # note 5: readiness only
    # ... which is safe because Gunicorn's master kills a sync worker that hangs, after --timeout
    # (#timeouts), and the Flask command's measurements below stand for the manifest: sync workers, one
    # thread each, as many as the Flask command starts.
    for container in containers:
        server, _ = gunicorn_command_settings(container["command"])
        assert (server.worker_class_str, server.threads, server.workers) == ("sync", 1, FLASK_WORKERS), container["command"]
    return [{"timeoutSeconds": 1, "periodSeconds": 10, "failureThreshold": 3, **container["readinessProbe"]}
            for container in containers]


def probe_behind(server: Server, ahead: int, timeout: float) -> float | None:
    """`ahead` /slow requests sent whole, each on its own connection, then the probe with the
    probe's timeout: the seconds it waited for `200 ok`, or None if it was not answered in time. The
    slow ones are read as they come (a sync worker lingers on an answer its client has not read)."""
    busy = [http.client.HTTPConnection("127.0.0.1", server.port, timeout=120) for _ in range(ahead)]
    try:
        for connection in busy:
            connection.request("GET", "/slow", headers={"Host": HOST})
        with ThreadPoolExecutor(ahead) as pool:
            answers = [pool.submit(lambda c: c.getresponse().status, connection) for connection in busy]
            start = time.monotonic()
            try:
                probe = httpx2.get(f"{server.url}/healthz", headers={"Host": POD}, timeout=timeout)
            except httpx2.TimeoutException:
                waited = None
            else:
                assert (probe.status_code, probe.text) == (200, "ok")
                waited = time.monotonic() - start
            assert [answer.result() for answer in answers] == [200] * ahead
    finally:
        for connection in busy:
            connection.close()
    return waited


FLASK_WORKERS = 2  # the page's Gunicorn command: --workers 2


@pytest.mark.slow
def test_the_probe_waits_for_a_free_sync_worker_within_the_manifests_timeout(flask_sync):
    """health_check skips the Host check, not the queue: under sync workers the probe is answered
    only when a worker is free. Six /slow in flight on the page's two workers hold it about three times
    the view's sleep, past Kubernetes' default 1 s probe timeout and inside the manifest's."""
    assert f"--workers {FLASK_WORKERS}" in commands()["flask"]
    sleep = slow_view_sleep()
    timeout = min(probe["timeoutSeconds"] for probe in manifest_probes())
    assert timeout >= 5
    waited = probe_behind(flask_sync, 6, timeout)
    assert waited is not None and 1 <= 2 * sleep < waited < timeout, (sleep, waited, timeout)  # 1 s: the default


@pytest.mark.slow
def test_a_queue_longer_than_the_probe_timeout_fails_the_probe(flask_sync):
    """The manifest's timeout moves the limit; it does not remove it. The page: 5 s covers about
    twenty half-second requests queued ahead of the probe per Pod (timeout / sleep x workers), and a
    longer queue fails the probe all the same; three failures 10 s apart (about 30 s of such a
    queue) take the Pod out. Four more than that many ahead: the probe is not answered in time."""
    sleep = slow_view_sleep()
    (probe,) = manifest_probes()
    covered = round(probe["timeoutSeconds"] / sleep * FLASK_WORKERS)
    assert (sleep, covered, probe["failureThreshold"] * probe["periodSeconds"]) == (0.5, 20, 30)  # the page's figures
    assert probe_behind(flask_sync, covered + 4, probe["timeoutSeconds"]) is None


@pytest.mark.slow
def test_a_worker_that_dies_is_replaced(runtime_dir):
    """The page's #uvicorn: the manager restarts workers that die (and the glossary's "survive one
    worker's crash"). Under the page's two commands, Gunicorn's and Uvicorn's --workers 2, one
    worker is killed (SIGKILL, as a crash or the kernel's OOM killer ends it): the requests sent
    meanwhile are all answered 200, by the other, and a new worker process appears. Then the other
    original worker is killed too, and a request is answered by a worker that was not there at the
    start."""
    import signal

    def run(name: str) -> tuple[str, list[int], set[int], int, set[int]]:
        running = "multiprocessing.spawn" if name == "fastapi" else ""  # Uvicorn's spawned workers
        with run_server(commands()[name], cwd=SNIPPETS, env=shell_env(XDG_RUNTIME_DIR=runtime_dir), timeout=60,
                        measure=False) as server:
            manager = server.proc.pid
            first = wait_for_children(manager, 2, running=running)
            warm(server)
            victim, survivor = sorted(first)
            os.kill(victim, signal.SIGKILL)
            meanwhile = [get(server).status_code for _ in range(10)]
            wait_until(lambda: len(now := children_of(manager, running=running)) == 2 and now != first, timeout=30)
            replacements = children_of(manager, running=running) - first
            os.kill(survivor, signal.SIGKILL)
            answer = get(server)
            assert answer.status_code == 200
            return name, meanwhile, replacements, answer.json()["pid"], first

    with ThreadPoolExecutor(2) as pool:
        results = {name: rest for name, *rest in pool.map(run, ["flask", "fastapi"])}
    for name, (meanwhile, replacements, answered_by, first) in results.items():
        assert meanwhile == [200] * 10, (name, meanwhile)
        assert len(replacements) == 1, (name, replacements)  # a new pid, the manager's child
        assert answered_by not in first, (name, answered_by, first)  # a worker started after the crash


@pytest.mark.slow
def test_uvicorn_ignores_forwarded_headers_from_other_addresses(outputs):
    """--forwarded-allow-ips replaces the default list: 127.0.0.1 is no longer trusted."""
    with run_server(commands()["fastapi-other-proxy"], cwd=SNIPPETS, env=shell_env(), timeout=60) as server:
        response = get(server, "/", **PROXY)
    body = response.json()
    assert body["scheme"] == "http" and body["client"] == "127.0.0.1"
    outputs.check(f"{OUT}/fastapi_untrusted_proxy.txt", render(response, f"GET /\nHost: {HOST}\n{PROXY_LINES}"),
                  normalisers=[PID])


@pytest.mark.slow
def test_fastapi_under_gunicorn_with_uvicorn_worker(runtime_dir, outputs):
    # Gunicorn's own forwarded_allow_ips, set through GUNICORN_CMD_ARGS (extra options Gunicorn
    # reads from the environment), reaches the Uvicorn workers: 127.0.0.1 is no longer trusted.
    env = shell_env(XDG_RUNTIME_DIR=runtime_dir, GUNICORN_CMD_ARGS="--forwarded-allow-ips 10.0.0.2")
    with run_server(commands()["fastapi-gunicorn"], cwd=SNIPPETS, env=env, timeout=60) as server:
        master = server.proc.pid
        workers = wait_for_children(master, 2)
        warm(server)
        response = get(server, "/", **PROXY)
        log = server.wait_for("Application startup complete.", 2)
    body = response.json()
    assert body["pid"] in workers
    assert body["thread"] == "MainThread"
    assert body["scheme"] == "http" and body["client"] == "127.0.0.1"
    assert "Deprecat" not in log and "Warning" not in log
    wanted = ("Starting gunicorn", "Listening at", "Using worker", "Booting worker", "Application startup complete")
    outputs.check(f"{OUT}/fastapi_gunicorn_log.txt", gunicorn_log(log, master, wanted))


@pytest.mark.slow
def test_the_fastapi_production_command_shown_first_answers_kept_alive_requests_at_once(runtime_dir, outputs):
    """The command the FastAPI tab of #servers shows (read from the page), run as shown: its answer is
    the tab's output, and it does not make kept-alive responses wait for the client's delayed ACK,
    the Uvicorn bug the page warns about (`uvicorn --workers 2` fails here; the page shows it later,
    in #uvicorn)."""
    from guide_tools.website.content import DOCS
    from performance.bench.keepalive import keepalive_ms

    page = (DOCS / "en/compare/deployment.md").read_text()
    servers = page[page.index("{ #servers }"):page.index("{ #process-models }")]
    shown = re.search(r'=== "FastAPI"\n\n    ```bash\n    --8<-- "compare/deployment/commands.sh:([\w-]+)"', servers)
    assert shown, "the FastAPI tab of #servers"
    env = shell_env(XDG_RUNTIME_DIR=runtime_dir)
    with run_server(commands()[shown.group(1)], cwd=SNIPPETS, env=env, timeout=60) as server:
        workers = wait_for_children(server.proc.pid, 2)
        warm(server)
        response = get(server, "/", **PROXY)
        # /healthz: the one path answered 200 whatever the Host (keepalive_ms sends 127.0.0.1:<port>)
        median_ms = keepalive_ms(server.port, path="/healthz")
    body = response.json()
    assert body["pid"] in workers and body["thread"] == "MainThread"
    assert body["scheme"] == "https" and body["client"] == "203.0.113.7"  # 127.0.0.1 is a trusted proxy by default
    assert median_ms < 20, f"{commands()[shown.group(1)]!r}: median {median_ms:.1f} ms on a kept-alive connection"
    outputs.check(f"{OUT}/fastapi_gunicorn.txt", render(response, f"GET /\nHost: {HOST}\n{PROXY_LINES}"), normalisers=[PID])


@pytest.mark.slow
def test_uvicorn_workers_delay_keepalive_responses_gunicorn_does_not(runtime_dir):
    """The page's two multi-process FastAPI commands, timed as the benchmark's keepalive.py times
    them: 20 requests one after another on one kept-alive connection, the median. `uvicorn
    --workers 2` binds its socket without TCP_NODELAY (uvicorn issue #3149), so each response waits
    for the client's delayed ACK, about 40 ms on Linux; Gunicorn sets TCP_NODELAY on the socket it
    binds, and its Uvicorn workers answer at once. Fails once a Uvicorn release fixes the bug: then
    rewrite the page's paragraph on it (and performance/benchmarks.md#delayed-ack)."""
    from performance.bench.keepalive import keepalive_ms

    gunicorn_env = shell_env(XDG_RUNTIME_DIR=runtime_dir)
    with (run_server(commands()["fastapi"], cwd=SNIPPETS, env=shell_env(), timeout=60) as uvicorn,
          run_server(commands()["fastapi-gunicorn"], cwd=SNIPPETS, env=gunicorn_env, timeout=60) as gunicorn):
        wait_for_children(uvicorn.proc.pid, 2, running="multiprocessing.spawn")
        wait_for_children(gunicorn.proc.pid, 2)
        for server in (uvicorn, gunicorn):
            warm(server)
        # /healthz: the one path answered 200 whatever the Host (keepalive_ms sends 127.0.0.1:<port>)
        uvicorn_ms, gunicorn_ms = keepalive_ms(uvicorn.port, path="/healthz"), keepalive_ms(gunicorn.port, path="/healthz")
    assert uvicorn_ms > 35, f"uvicorn --workers 2: median {uvicorn_ms:.1f} ms, expected a delayed ACK's wait"
    assert gunicorn_ms < 20, f"gunicorn with Uvicorn workers: median {gunicorn_ms:.1f} ms, expected no wait"


def gunicorn_log(log: str, master: int, wanted: tuple[str, ...]) -> str:
    """The lines of Gunicorn's log that contain one of `wanted`, in that order, with the master's and
    the workers' process ids named (workers in order of appearance) and times left out."""
    names = {str(master): "master"}
    for pid in re.findall(r"Booting worker with pid: (\d+)", log):
        names.setdefault(pid, f"worker {len(names)}")
    lines = []
    for line in log.splitlines():
        for rank, word in enumerate(wanted):
            if word in line:
                line = re.sub(r"\b\d+\b", lambda m: f"<{names[m.group()]}>" if m.group() in names else m.group(), line)
                line = re.sub(r"^\[[^\]]+\] ", "", line)
                lines.append((rank, line))
                break
    return "\n".join(line for _, line in sorted(lines)) + "\n"


# --------------------------------------------------------------------------- Django: checks, Gunicorn, Daphne


@pytest.mark.slow
def test_check_deploy_is_clean(outputs):
    command = commands()["check-deploy"]
    assert command == "python manage.py check --deploy --fail-level WARNING"
    env = django_env()
    assert len(env["DJANGO_SECRET_KEY"]) == 67  # secrets.token_urlsafe(50)
    result = manage(*command.split()[2:], **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"
    outputs.check(f"{OUT}/django_check_deploy.txt", f"$ {command}\n{result.stdout}{result.stderr}")


@pytest.mark.slow
def test_check_deploy_fails_on_debug(tmp_path):
    """With --fail-level WARNING a single warning (here DEBUG = True) makes the command fail."""
    (tmp_path / "debug_settings.py").write_text("from config.settings import *  # noqa: F403\nDEBUG = True\n")
    env = django_env(DJANGO_SETTINGS_MODULE="debug_settings", PYTHONPATH=str(tmp_path))
    result = manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 1
    assert "(security.W018) You should not have DEBUG set to True in deployment." in result.stderr


@pytest.mark.slow
def test_check_deploy_accepts_any_host():
    """`ALLOWED_HOSTS = ["*"]` switches the Host check off, and check --deploy does not object."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", **django_env(DJANGO_ALLOWED_HOSTS="*"))
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_https_redirect_without_the_proxy_header_setting(tmp_path, runtime_dir, daphne):
    """Without SECURE_PROXY_SSL_HEADER, Django relies on the server for the scheme. Gunicorn applies
    X-Forwarded-Proto itself, from 127.0.0.1 (its forwarded_allow_ips); Daphne, started as on this
    page, does not, so a request the browser made over HTTPS is redirected to itself: a loop.
    Without the redirect, a browser's form POST (Origin: https://...) fails CSRF's Origin check."""
    (tmp_path / "no_proxy_header.py").write_text(
        "from config.settings import *  # noqa: F403\ndel SECURE_PROXY_SSL_HEADER  # noqa: F821\n")
    (tmp_path / "no_proxy_header_no_redirect.py").write_text(
        "from no_proxy_header import *  # noqa: F403\nSECURE_SSL_REDIRECT = False\n")
    env = django_env(DJANGO_SETTINGS_MODULE="no_proxy_header", PYTHONPATH=str(tmp_path), XDG_RUNTIME_DIR=runtime_dir)
    with run_server(commands()["django"], cwd=PROJECT, env=env, timeout=60) as server:
        assert get(server, "/", Host=HOST, **PROXY).status_code == 200
    with run_server(commands()["daphne"], cwd=PROJECT, env=env, timeout=90) as server:
        response = get(server, "/", Host=HOST, **PROXY)
    assert response.status_code == 301
    assert response.headers["location"] == f"https://{HOST}/"  # where the browser already was

    def form_post(server: Server) -> httpx2.Response:
        """A browser's POST from https://HOST with a valid CSRF cookie and token (an unmasked secret)."""
        secret = "a" * 32
        return httpx2.post(f"{server.url}/", headers={"Host": HOST, **PROXY, "Origin": f"https://{HOST}",
                                                        "X-CSRFToken": secret, "Cookie": f"csrftoken={secret}"},
                           timeout=30, follow_redirects=False)

    env["DJANGO_SETTINGS_MODULE"] = "no_proxy_header_no_redirect"
    with run_server(commands()["daphne"], cwd=PROJECT, env=env, timeout=90) as server:
        assert form_post(server).status_code == 403  # Origin checking failed: Django believes http
    assert form_post(daphne).status_code == 405  # with the page's settings CSRF passes; the view is GET-only


@pytest.mark.slow
def test_settings_require_a_secret_key():
    env = django_env()
    del env["DJANGO_SECRET_KEY"]
    result = manage("check", **env)
    assert result.returncode == 1
    assert "KeyError: 'DJANGO_SECRET_KEY'" in result.stderr


@pytest.fixture(scope="module")
def django_gunicorn(runtime_dir) -> Iterator[Server]:
    with run_server(commands()["django"], cwd=PROJECT, env=django_env(XDG_RUNTIME_DIR=runtime_dir),
                    timeout=60) as server:
        wait_for_children(server.proc.pid, 2)
        warm(server, Host=HOST)
        yield server


@pytest.mark.slow
def test_django_under_gunicorn(django_gunicorn, outputs):
    response = get(django_gunicorn, "/", Host=HOST, **PROXY)
    assert response.status_code == 200
    body = response.json()
    assert parent_of(body["pid"]) == django_gunicorn.proc.pid
    assert body["thread"] == "MainThread"
    assert body["scheme"] == "https"  # SECURE_PROXY_SSL_HEADER
    assert body["client"] == "127.0.0.1"  # Django does not read X-Forwarded-For
    assert response.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    # SecurityMiddleware's defaults, and XFrameOptionsMiddleware's
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["cross-origin-opener-policy"] == "same-origin"
    assert response.headers["x-frame-options"] == "DENY"
    outputs.check(f"{OUT}/django_gunicorn.txt", render(response, f"GET /\nHost: {HOST}\n{PROXY_LINES}",
                                                        headers=DJANGO_HEADERS), normalisers=[PID])


@pytest.mark.slow
def test_django_redirects_plain_http(django_gunicorn, outputs):
    response = get(django_gunicorn, "/", Host=HOST)  # no X-Forwarded-Proto: the request came over HTTP
    assert response.status_code == 301
    assert response.headers["location"] == f"https://{HOST}/"
    assert "strict-transport-security" not in response.headers  # HSTS only rides on HTTPS responses
    outputs.check(f"{OUT}/django_http_redirect.txt", render(response, f"GET /\nHost: {HOST}", headers=DJANGO_HEADERS))


@pytest.mark.slow
def test_django_refuses_unknown_hosts(django_gunicorn):
    assert get(django_gunicorn, "/", Host="evil.example", **PROXY).status_code == 400
    # Host: 127.0.0.1:<port> is not in ALLOWED_HOSTS
    assert get(django_gunicorn, "/", Host=f"127.0.0.1:{django_gunicorn.port}").status_code == 400


# Production settings have no default: unset, the project refuses to start rather than serve.
test_allowed_hosts_from_the_environment = django_snippets.allowed_hosts_test(PROJECT / "config/settings.py", unset=None)


@pytest.mark.slow
def test_a_health_probe_gets_through_to_django(django_gunicorn):
    """A platform's probe connects to the container directly, over plain HTTP, with the container's
    address as Host. Anywhere else the production settings refuse it (400 for the Host, 301 to
    HTTPS); health.py's middleware, listed first, answers /healthz before either check runs."""
    pod = "10.1.2.3:8000"
    probe = get(django_gunicorn, "/healthz", Host=pod)
    assert (probe.status_code, probe.text, probe.headers["content-type"]) == (200, "ok", "text/plain")
    assert get(django_gunicorn, "/healthz", Host=HOST).status_code == 200  # by name, over HTTP
    assert get(django_gunicorn, "/", Host=pod).status_code == 400
    assert get(django_gunicorn, "/", Host=HOST).status_code == 301
    assert raw_get(django_gunicorn, "/healthz?full=1", pod) == (200, "ok")
    for target in ("/healthz/", "/healthz/..", "//healthz"):  # other paths: the Host check applies
        assert raw_get(django_gunicorn, target, pod)[0] == 400, target


@pytest.fixture(scope="module")
def daphne() -> Iterator[Server]:
    with run_server(commands()["daphne"], cwd=PROJECT, env=django_env(), timeout=90) as server:
        warm(server, Host=HOST, **PROXY)
        yield server


@pytest.mark.slow
def test_django_under_daphne(daphne, outputs):
    response = get(daphne, "/", Host=HOST, **PROXY)
    assert response.status_code == 200
    body = response.json()
    assert body["pid"] == daphne.proc.pid  # one process: no workers
    assert body["thread"].startswith("ThreadPoolExecutor-")  # a sync view runs off the event loop
    assert body["scheme"] == "https" and body["client"] == "127.0.0.1"
    assert response.headers["server"] == "daphne"
    assert get(daphne, "/", Host=HOST).status_code == 301  # the same settings, the same redirect
    outputs.check(f"{OUT}/django_daphne.txt", render(response, f"GET /\nHost: {HOST}\n{PROXY_LINES}",
                                                      headers=DJANGO_HEADERS), normalisers=[PID, POOL_THREAD])


@pytest.mark.slow
def test_daphne_websocket(daphne, outputs):
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    url = f"ws://127.0.0.1:{daphne.port}/ws/echo/"
    message = json.dumps({"message": "hello"})
    with connect(url, origin=f"https://{HOST}", open_timeout=30) as ws:
        ws.send(message)
        reply = ws.recv(timeout=30)
    assert json.loads(reply) == {"echo": {"message": "hello"}}
    transcript = [f"WebSocket {url}\nOrigin: https://{HOST}\n\n> {message}\n< {reply}"]
    for origin in ("https://evil.example", None):  # another site's page, or a client that sends none
        with pytest.raises(InvalidStatus) as refused, connect(url, origin=origin, open_timeout=30):
            pass  # the handshake fails first
        assert refused.value.response.status_code == 403
        if origin:
            transcript.append(f"WebSocket {url}\nOrigin: {origin}\n\n"
                              f"HTTP/1.1 {refused.value.response.status_code} {refused.value.response.reason_phrase}")
    outputs.check(f"{OUT}/django_websocket.txt", "\n\n".join(transcript) + "\n")


def gunicorn_command_settings(command: list[str]):
    """Gunicorn's own settings for a command line, read by Gunicorn's own parser."""
    from gunicorn.config import Config

    assert command[0] == "gunicorn", command
    config = Config()
    parsed = vars(config.parser().parse_args(command[1:]))
    for name, value in parsed.items():
        if value is not None and name in config.settings:
            config.set(name, value)
    return config, parsed["args"]


def test_kubernetes_stops_the_pod_after_the_load_balancers_have_let_it_go():
    """kubernetes/deployment.yaml: the kubelet's SIGTERM and the Pod's removal from the Service's
    endpoints start at once, so a preStop sleep keeps the old server answering until the proxies
    have let it go. The grace period counts from before preStop, so it must hold the sleep and
    the server's own graceful timeout, or SIGKILL ends the requests in flight. Every container."""
    import yaml

    manifest = yaml.safe_load((TOPIC / "kubernetes/deployment.yaml").read_text())
    pod = manifest["spec"]["template"]["spec"]
    grace = pod.get("terminationGracePeriodSeconds", 30)  # Kubernetes' default
    for container in pod["containers"]:
        delay = container["lifecycle"]["preStop"]["sleep"]["seconds"]
        server, app = gunicorn_command_settings(container["command"])
        assert delay > 0, container["name"]
        assert delay + server.graceful_timeout < grace, (container["name"], delay, server.graceful_timeout, grace)
        assert app == ["config.wsgi:application"]  # the page's project, as in commands.sh


def required_environment(path: Path) -> set[str]:
    """The names a module reads with `os.environ[...]`: without them it stops at import."""
    import ast

    return {node.slice.value for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ"
            and isinstance(node.slice, ast.Constant)}


def test_kubernetes_sets_what_the_settings_read():
    """Every variable the production settings read with os.environ[...] is set in every container
    (a missing one is a KeyError at start, and the Pod restarts forever: CrashLoopBackOff), and a
    secret comes from a Secret, never written in the manifest."""
    import yaml

    needed = required_environment(PROJECT / "config/settings.py")
    assert needed == {"DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"}  # what the page says they read
    manifest = yaml.safe_load((TOPIC / "kubernetes/deployment.yaml").read_text())
    for container in manifest["spec"]["template"]["spec"]["containers"]:
        env = {variable["name"]: variable for variable in container.get("env", [])}
        assert needed <= env.keys(), (container["name"], needed - env.keys())
        for name in env.keys() & {name for name in needed if "SECRET" in name}:
            assert "value" not in env[name], (container["name"], name)
            assert env[name]["valueFrom"]["secretKeyRef"].keys() >= {"name", "key"}, (container["name"], name)
        assert HOST in env["DJANGO_ALLOWED_HOSTS"]["value"].split(","), container["name"]  # the site's name


HANDSHAKES = """
import json, sys
from importlib import import_module

from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator

application = import_module(sys.argv[1]).application


async def accepted(origin):
    communicator = WebsocketCommunicator(application, "/ws/echo/", headers=[(b"origin", origin.encode())])
    connected, _ = await communicator.connect()
    await communicator.disconnect()
    return connected


print(json.dumps({origin: async_to_sync(accepted)(origin) for origin in sys.argv[2:]}))
"""

# The page's own origin, a sibling subdomain (the same *site*, so SameSite=Lax cookies go with it),
# the same host over plain http, another port, another site.
ORIGINS = (f"https://{HOST}", "https://blog.example.com", f"http://{HOST}", f"https://{HOST}:8443",
           "https://evil.example")


def handshakes(module: str, allowed_hosts: str) -> dict[str, bool]:
    """Which ORIGINS the project's ASGI application (`module`) lets open /ws/echo/, with
    DJANGO_ALLOWED_HOSTS as given: Channels' WebsocketCommunicator, in a process of the project's own
    (its settings, its `config` and `probe` packages)."""
    result = subprocess.run([sys.executable, "-c", HANDSHAKES, module, *ORIGINS], cwd=PROJECT,
                            env=django_env(DJANGO_ALLOWED_HOSTS=allowed_hosts), capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_websocket_origin_check_follows_allowed_hosts():
    """asgi.py's AllowedHostsOriginValidator compares Origin's host with ALLOWED_HOSTS and nothing
    else: with the exact name it refuses the sibling subdomain; with the leading dot the page also
    teaches, it lets the sibling in. Neither compares the scheme, so http:// passes, nor the port."""
    exact = handshakes("config.asgi", HOST)
    assert {origin for origin, ok in exact.items() if ok} == {
        f"https://{HOST}", f"http://{HOST}", f"https://{HOST}:8443"}
    dotted = handshakes("config.asgi", ".example.com")
    assert {origin for origin, ok in dotted.items() if ok} == {
        f"https://{HOST}", "https://blog.example.com", f"http://{HOST}", f"https://{HOST}:8443"}


def test_origin_validator_with_whole_origins_ignores_allowed_hosts():
    """asgi_origins.py, for ALLOWED_HOSTS = [".example.com"]: OriginValidator with whole origins lets
    in the page's own origin alone, whatever ALLOWED_HOSTS holds."""
    for allowed_hosts in (".example.com", HOST):
        assert {origin for origin, ok in handshakes("config.asgi_origins", allowed_hosts).items() if ok} == {
            f"https://{HOST}"}


SLEEPY_WSGI = '''import time

from flask import Flask

app = Flask(__name__)


@app.get("/sleep/<float:seconds>")
def sleep(seconds):
    print(f"sleeping {seconds}", flush=True)  # the server's log: the request has started
    time.sleep(seconds)
    return {"slept": seconds}
'''
SLEEPY_ASGI = '''import asyncio
import time

from fastapi import FastAPI

app = FastAPI()


@app.get("/sleep/{seconds}")
async def sleep(seconds: float):
    print(f"sleeping {seconds}", flush=True)  # the server's log: the request has started
    await asyncio.sleep(seconds)
    return {"slept": seconds}


@app.get("/block/{seconds}")
async def block(seconds: float):
    time.sleep(seconds)  # blocks the event loop
    return {"blocked": seconds}


@app.get("/block-in-thread/{seconds}")
def block_in_thread(seconds: float):
    time.sleep(seconds)  # a plain def runs in the thread pool
    return {"blocked": seconds}
'''


@pytest.mark.slow
def test_a_slow_request_meets_each_servers_timeout(tmp_path):
    """A request of 6 s under each server, with a timeout of 3 s where the server has one (the page's
    #timeouts): Gunicorn's sync worker is killed (WORKER TIMEOUT) and Gunicorn answers 500; its
    gthread and Uvicorn workers, plain Uvicorn and Daphne let it finish; Daphne's --http-timeout
    answers 503. A Uvicorn worker lets it finish only while its event loop is free: an `async def`
    view that blocks the loop for 6 s gets the worker killed, and the request that was only awaiting
    beside it dies with it; the same blocking call in a plain `def` view, run in the thread pool,
    finishes.

    Why 3 s and not 1: Gunicorn gives a worker half its --timeout, and Uvicorn's worker reports
    that it is alive from its event loop about once a second (once its half has passed, checked on
    a 1 s tick). With --timeout 1 the arbiter kills a worker whose report is a few milliseconds late,
    which a loaded machine makes happen: a free Uvicorn worker was killed (CI-like load, 2 cores)."""
    (tmp_path / "sleepy_wsgi.py").write_text(SLEEPY_WSGI)
    (tmp_path / "sleepy_asgi.py").write_text(SLEEPY_ASGI)
    gunicorn = 'gunicorn --bind "127.0.0.1:$PORT" --no-control-socket --timeout 3'
    uvicorn_worker = f"{gunicorn} --worker-class uvicorn_worker.UvicornWorker --workers 1 sleepy_asgi:app"
    lines = {
        "sync": f"{gunicorn} sleepy_wsgi:app",
        "gthread": f"{gunicorn} --threads 2 sleepy_wsgi:app",
        "uvicorn_worker": uvicorn_worker,
        "uvicorn_worker_blocked": uvicorn_worker,
        "uvicorn": 'uvicorn --port "$PORT" sleepy_asgi:app',
        "daphne": 'daphne --port "$PORT" sleepy_asgi:app',
        "daphne_http_timeout": 'daphne --port "$PORT" --http-timeout 3 sleepy_asgi:app',
    }
    # What each server is sent: one request, or (the blocked worker) a request that awaits and, a
    # second later, one that blocks the same worker's event loop; both are in flight when it is killed.
    paths = {name: ["/sleep/6.0"] for name in lines}
    paths["uvicorn_worker"] = ["/sleep/6.0", "/block-in-thread/6.0"]
    paths["uvicorn_worker_blocked"] = ["/sleep/8.0", "/block/8.0"]

    def send(url: str) -> int | str:
        try:
            return httpx2.get(url, timeout=30).status_code
        except httpx2.RemoteProtocolError:  # the connection closed with no response at all
            return "no response"

    def run(name: str) -> tuple[str, list[int | str], str]:
        with (run_server(lines[name], cwd=tmp_path, env=shell_env(PYTHONPATH=str(tmp_path)), timeout=60,
                         measure=False) as server,
              ThreadPoolExecutor(len(paths[name])) as requests):
            sent = []
            for path in paths[name]:
                sent.append(requests.submit(send, f"{server.url}{path}"))
                time.sleep(1)
            statuses = [future.result() for future in sent]
            if name == "uvicorn_worker_blocked":  # Gunicorn has started another worker, which answers
                statuses.append(send(f"{server.url}/sleep/0.1"))
            return name, statuses, server.output()

    with ThreadPoolExecutor(len(lines)) as pool:
        results = {name: (statuses, log) for name, statuses, log in pool.map(run, lines)}
    expected = {
        "sync": [500], "gthread": [200], "uvicorn_worker": [200, 200],
        "uvicorn_worker_blocked": ["no response", "no response", 200],
        "uvicorn": [200], "daphne": [200], "daphne_http_timeout": [503]}
    got = {name: statuses for name, (statuses, _) in results.items()}
    assert got == expected, "\n\n".join(  # each server that answered otherwise, with its log
        f"{name}: got {got[name]}, expected {expected[name]}; {lines[name]!r} printed:\n{results[name][1]}"
        for name in expected if got[name] != expected[name])
    assert "WORKER TIMEOUT" in results["sync"][1]
    assert "WORKER TIMEOUT" in results["uvicorn_worker_blocked"][1]
    assert "WORKER TIMEOUT" not in results["gthread"][1] + results["uvicorn_worker"][1]


def heartbeat(worker: int) -> float | None:
    """When a Gunicorn worker last reported to the master: the mtime (on the monotonic clock) that
    WorkerTmp.notify() sets on the worker's unlinked temporary file, read through /proc; None once
    the worker is gone."""
    try:
        fds = list(Path(f"/proc/{worker}/fd").iterdir())
    except FileNotFoundError:
        return None
    for fd in fds:
        try:
            if "wgunicorn-" in os.readlink(fd):
                return fd.stat().st_mtime
        except FileNotFoundError:  # a descriptor closed meanwhile
            continue
    return None


def next_report(worker: int, timeout: float = 10) -> float:
    """Wait for the worker's next report to the master; the time of it (time.monotonic())."""
    last, deadline = heartbeat(worker), time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = heartbeat(worker)
        assert now is not None, f"worker {worker} is gone"
        if now != last:
            return now
        time.sleep(0.005)
    raise AssertionError(f"worker {worker} did not report for {timeout} s")


@pytest.mark.slow
def test_how_long_a_blocked_loop_survives_under_a_uvicorn_worker(tmp_path):
    """The page's #timeouts, at its own --timeout 3 on a real Gunicorn with one Uvicorn worker. The
    worker's loop looks once a second whether more than half the timeout has passed since its last
    report, so it reports every 2 s; the master looks once a second whether a report is over 3 s old.
    Each try waits for a report (read from the worker's heartbeat file) and then blocks the loop:
    - for 1.4 s, less than half the timeout, started after the check that found no report due: the
      next check comes 1 s + 1.4 s later, so the report is 3.4 s old when it goes out. The master
      kills the worker whenever it looks in that 0.4 s: at least once in 15 tries.
    - for 1.7 s, more than half the timeout, started just after a report: 2.7 s old at most, never
      past the timeout: the worker survives (at least once in 5, for a machine that stalls the loop).
    - for 3.5 s, past the timeout, started just after a report (the phase that survives best):
      killed every time.
    The figures are read from the page. A kill is read from the master's log, not from the blocked
    request: the report that would have saved the worker comes at the loop's next check, up to a
    second after the block, so the request itself may have been answered."""
    from guide_tools.website.content import DOCS

    # The page's figures: the timeout, the short block that got the worker killed, the longer one that
    # did not, and the one past the timeout that always did.
    stated = re.search(r"At `--timeout (\d+)`, a block of\s+([\d.]+) s got the worker killed, one of ([\d.]+) s started "
                       r"just after a report did not, and one of ([\d.]+) s did\s+every time",
                       (DOCS / "en/compare/deployment.md").read_text())
    assert stated, "the #timeouts paragraph's figures"
    timeout, short_block, longer_block, past_block = int(stated.group(1)), *map(float, stated.groups()[1:])
    assert short_block < timeout / 2 < longer_block < timeout < past_block, stated.groups()
    (tmp_path / "sleepy_asgi.py").write_text(SLEEPY_ASGI)
    line = (f'gunicorn --bind "127.0.0.1:$PORT" --no-control-socket --timeout {timeout} '
            "--worker-class uvicorn_worker.UvicornWorker --workers 1 sleepy_asgi:app")

    def block(server: Server, seconds: float, after_report: float) -> bool:
        """Block the worker's loop `seconds`, `after_report` s after one of its reports; True if the
        master killed the worker for it. The kill can come after the blocked request was answered:
        the loop reports again only at its next check, up to a second after the block."""
        wait_until(lambda: len(children_of(server.proc.pid)) == 1)  # a killed worker is reaped
        assert httpx2.get(f"{server.url}/sleep/0.0", timeout=30).status_code == 200  # a worker serves
        (worker,) = children_of(server.proc.pid)
        reported = next_report(worker)
        time.sleep(max(0.0, reported + after_report - time.monotonic()))
        try:
            httpx2.get(f"{server.url}/block/{seconds}", timeout=30)
        except httpx2.RemoteProtocolError:  # the connection closed with no response at all
            pass
        ended = time.monotonic()
        killed = f"WORKER TIMEOUT (pid:{worker})"
        # Either the worker reports after the block (and is safe until it blocks again), or it is killed.
        wait_until(lambda: killed in server.output() or (heartbeat(worker) or 0) > ended)
        return killed in server.output()

    with run_server(line, cwd=tmp_path, env=shell_env(PYTHONPATH=str(tmp_path)), timeout=60, measure=False) as server:
        short = []
        while len(short) < 15 and not any(short):
            short.append(block(server, short_block, after_report=1.3))  # after the check at +1 s, before +2 s
        longer = []
        while len(longer) < 5 and all(longer):
            longer.append(block(server, longer_block, after_report=0.1))
        past = [block(server, past_block, after_report=0.1) for _ in range(3)]
        log = server.output()
    assert any(short), f"a {short_block} s block never got the worker killed in {len(short)} tries\n{log}"
    assert not all(longer), f"a {longer_block} s block after a report got the worker killed {len(longer)} times\n{log}"
    assert all(past), f"a {past_block} s block let the worker live: {past}\n{log}"
    assert log.count("WORKER TIMEOUT") == short.count(True) + longer.count(True) + past.count(True), log


@pytest.mark.slow
@pytest.mark.parametrize("worker", ["sync", "gthread"])
def test_a_slow_client_holds_a_sync_worker_until_its_timeout(tmp_path, worker):
    """The page's #reverse-proxy: without a buffering proxy, a client that sends its request a byte
    at a time holds a `sync` worker. One worker, --timeout 3: the slow client's headers trickle in
    (a byte every 0.3 s, for up to 25 s) and a quick request sent after it waits. The worker blocks in
    its read and stops reporting to the master, so after --timeout the master kills it (WORKER
    TIMEOUT), the slow client's connection closes without a response, and a new worker answers the
    quick request. The hold ends there, at --timeout, not whenever the client likes. A `gthread`
    worker (--threads 2) answers the quick request at once from its other thread: that run is the
    check that this test tells a held worker from a free one."""
    import socket
    import threading

    (tmp_path / "sleepy_wsgi.py").write_text(SLEEPY_WSGI)
    threads = " --threads 2" if worker == "gthread" else ""
    line = f'gunicorn --bind "127.0.0.1:$PORT" --no-control-socket --workers 1 --timeout 3{threads} sleepy_wsgi:app'
    closed, stop = threading.Event(), threading.Event()

    def trickle(port: int) -> None:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as slow:
            slow.sendall(b"GET /sleep/0.0 HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            deadline = time.monotonic() + 25
            try:
                while time.monotonic() < deadline and not stop.is_set():
                    slow.sendall(b"X")  # a header line that never ends
                    time.sleep(0.3)
            except OSError:  # reset: the worker that read it is gone
                closed.set()

    with run_server(line, cwd=tmp_path, env=shell_env(PYTHONPATH=str(tmp_path)), timeout=60, measure=False) as server:
        assert httpx2.get(f"{server.url}/sleep/0.0", timeout=30).status_code == 200  # the worker is up
        slow = threading.Thread(target=trickle, args=(server.port,), daemon=True)
        slow.start()
        time.sleep(0.5)  # the worker has taken the slow connection
        started = time.monotonic()
        quick = httpx2.get(f"{server.url}/sleep/0.0", timeout=30)
        waited = time.monotonic() - started
        if worker == "gthread":
            stop.set()
        slow.join(30)
        log = server.output()
    assert quick.status_code == 200
    if worker == "sync":
        assert 1.5 <= waited < 20, waited  # held (the request takes milliseconds), but not as long as the client sends
        assert "WORKER TIMEOUT" in log, log  # ... until the master killed the worker
        assert closed.is_set()
    else:
        assert waited < 1.5, waited
        assert "WORKER TIMEOUT" not in log, log


@pytest.mark.slow
def test_sigterm_and_the_requests_in_flight(tmp_path):
    """A deploy stops the old server with SIGTERM (the page's #stopping): a request of 3 s has started
    when the signal comes. Gunicorn (every worker class) and Uvicorn let it finish; Daphne
    cancels it at once, and the client gets no response. Past Gunicorn's --graceful-timeout the
    worker is killed (no response); past Uvicorn's --timeout-graceful-shutdown the request is
    cancelled and answered 500. No server answers a request sent after the signal, and each exits.
    The signal waits for the app's own line that the request has started, and the next request for
    the server's line that it is shutting down (every worker's under Uvicorn's --workers; the
    worker's own under Gunicorn's UvicornWorker), so that a loaded machine cannot reorder them."""
    import signal

    (tmp_path / "sleepy_wsgi.py").write_text(SLEEPY_WSGI)
    (tmp_path / "sleepy_asgi.py").write_text(SLEEPY_ASGI)
    gunicorn = 'gunicorn --bind "127.0.0.1:$PORT" --no-control-socket'
    lines = {
        "sync": f"{gunicorn} sleepy_wsgi:app",
        "gthread": f"{gunicorn} --threads 2 sleepy_wsgi:app",
        "uvicorn_worker": f"{gunicorn} --worker-class uvicorn_worker.UvicornWorker sleepy_asgi:app",
        "uvicorn": 'uvicorn --port "$PORT" sleepy_asgi:app',
        "uvicorn_workers": 'uvicorn --port "$PORT" --workers 2 sleepy_asgi:app',
        "daphne": 'daphne --port "$PORT" sleepy_asgi:app',
        "sync_graceful_timeout": f"{gunicorn} --graceful-timeout 1 sleepy_wsgi:app",
        "uvicorn_timeout_graceful_shutdown": 'uvicorn --port "$PORT" --timeout-graceful-shutdown 1 sleepy_asgi:app',
    }
    shutting_down = {"gunicorn": "Handling signal: term", "uvicorn": "Shutting down", "daphne": "Killed"}

    def send(url: str) -> int | str:
        try:
            return httpx2.get(url, timeout=30).status_code
        except (httpx2.RemoteProtocolError, httpx2.ReadError, httpx2.ConnectError):
            return "no response"

    def run(name: str) -> tuple[str, tuple[int | str, int | str, int]]:
        with (run_server(lines[name], cwd=tmp_path, env=shell_env(PYTHONPATH=str(tmp_path)), timeout=60,
                         measure=False) as server,
              ThreadPoolExecutor(1) as requests):
            main = Path(f"/proc/{server.proc.pid}/cmdline").read_text().split("\0")
            assert lines[name].split()[0] in main[1], main  # the server itself gets the signal, as in a container
            assert send(f"{server.url}/sleep/0.0") == 200  # a worker is up, not only the socket
            in_flight = requests.submit(send, f"{server.url}/sleep/3.0")
            server.wait_for("sleeping 3.0")
            os.kill(server.proc.pid, signal.SIGTERM)
            # Uvicorn's supervisor passes the signal on to each worker, and each logs its own line:
            # until the last has, another worker still accepts on the shared socket.
            # Under Gunicorn the arbiter logs the signal before it passes it on; Uvicorn's worker class
            # still accepts until it logs its own line (its loop looks for the signal every 0.1 s).
            line = "Shutting down" if "UvicornWorker" in lines[name] else shutting_down[lines[name].split()[0]]
            server.wait_for(line, count=2 if "--workers 2" in lines[name] else 1)
            after = send(f"{server.url}/sleep/0.0")
            return name, (in_flight.result(), after, server.proc.wait(30))

    with ThreadPoolExecutor(len(lines)) as pool:
        results = dict(pool.map(run, lines))
    assert {name: in_flight for name, (in_flight, _, _) in results.items()} == {
        "sync": 200, "gthread": 200, "uvicorn_worker": 200, "uvicorn": 200, "uvicorn_workers": 200,
        "daphne": "no response", "sync_graceful_timeout": "no response", "uvicorn_timeout_graceful_shutdown": 500}
    assert {name for name, (_, after, _) in results.items() if after != "no response"} == set()
    assert all(code in (0, -signal.SIGTERM) for _, _, code in results.values()), results


ECHO_ASGI = '''from fastapi import FastAPI, WebSocket

app = FastAPI()


@app.websocket("/echo")
async def echo(websocket: WebSocket):
    await websocket.accept()
    while True:
        await websocket.send_text(await websocket.receive_text())
'''


@pytest.mark.slow
def test_sigterm_closes_a_websocket_under_gunicorns_uvicorn_worker(tmp_path):
    """The page's #stopping: an open WebSocket under the page's Gunicorn set-up for FastAPI (the
    Uvicorn worker class, Gunicorn's default --graceful-timeout of 30 s). The worker runs Uvicorn's
    server, which closes the connection at once with the code the page gives (1012, Service Restart),
    and Gunicorn exits 0; Gunicorn's sync and gthread workers hold it for the whole graceful timeout
    (tests/compare/test_websockets.py, test_a_restart_closes_every_connection)."""
    import signal

    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect

    from guide_tools.website.content import DOCS

    stated = re.search(r"Uvicorn, alone or as Gunicorn's worker class, closes it at once with code `(\d+)`",
                       re.sub(r"\s+", " ", (DOCS / "en/compare/deployment.md").read_text()))
    assert stated, "the #stopping paragraph's WebSocket sentence"
    (tmp_path / "echo_asgi.py").write_text(ECHO_ASGI)
    line = 'gunicorn --bind "127.0.0.1:$PORT" --no-control-socket --worker-class uvicorn_worker.UvicornWorker echo_asgi:app'
    with (run_server(line, cwd=tmp_path, env=shell_env(PYTHONPATH=str(tmp_path)), timeout=60, measure=False) as server,
          connect(f"ws://127.0.0.1:{server.port}/echo") as chat):
        chat.send("hello")
        assert chat.recv(timeout=10) == "hello"
        signalled = time.monotonic()
        os.kill(server.proc.pid, signal.SIGTERM)
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                chat.recv(timeout=40)
        after = time.monotonic() - signalled
        exit_code = server.proc.wait(30)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == int(stated.group(1)), closed.value
    assert after < 2, after  # not the graceful timeout's 30 s
    assert exit_code == 0, server.output()


def test_nginx_host_is_lower_case_without_the_final_dot(tmp_path):
    """The host-spelling paragraph: nginx's `$host` is the name in lower case without a final dot
    and without the port, `$http_host` the header as it came (port included), and `$host:$server_port`
    the lower-case name with nginx's own port. A server block on a port other than 80 or 443 that
    answers the three, for four spellings of the site's name, one with the port the client used."""
    from tests.support.nginx import nginx_config, run_nginx
    from tests.support.services import free_port

    from guide_tools.website.content import DOCS

    # The spelling the page gives for a public port other than 80 or 443.
    stated = re.search(r"and without the port, where `\$http_host`.*?there send `([^`]+)` \(nginx's own port\)",
                       (DOCS / "en/compare/deployment.md").read_text(), re.DOTALL)
    assert stated, "the host-spelling paragraph's port clause"
    with_port = stated.group(1)
    port = free_port()
    conf = f"""pid nginx.pid;
error_log logs/error.log;
events {{}}
http {{
    access_log off;
    server {{
        listen 127.0.0.1:{port};
        location / {{ return 200 "host=[$host] http_host=[$http_host] host_port=[{with_port}]"; }}
    }}
}}
"""
    config = nginx_config(tmp_path / "unused.conf", tmp_path, {}, text=conf)
    seen = {}
    with run_nginx(config, port):
        for sent in ("WWW.Example.COM", "www.example.com.", "WWW.EXAMPLE.COM.:8080", f"www.example.com:{port}"):
            seen[sent] = raw_get_host(port, sent)
    assert port not in (80, 443)
    assert seen == {
        "WWW.Example.COM": f"host=[www.example.com] http_host=[WWW.Example.COM] host_port=[www.example.com:{port}]",
        "www.example.com.": f"host=[www.example.com] http_host=[www.example.com.] host_port=[www.example.com:{port}]",
        "WWW.EXAMPLE.COM.:8080": f"host=[www.example.com] http_host=[WWW.EXAMPLE.COM.:8080] host_port=[www.example.com:{port}]",
        # the port the client used, which a same-origin check compares: only $host drops it
        f"www.example.com:{port}": f"host=[www.example.com] http_host=[www.example.com:{port}] host_port=[www.example.com:{port}]",
    }


def raw_get_host(port: int, host: str) -> str:
    """GET / with `Host` exactly as given; the body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("GET", "/", skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        return connection.getresponse().read().decode()
    finally:
        connection.close()
