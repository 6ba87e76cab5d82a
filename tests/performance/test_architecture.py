"""Architecture, ASGI vs WSGI: the same small items API in FastAPI and DRF.

In process, each framework's own test client proves the two apps answer alike. The slow tests
start each app under its production server exactly as run.sh shows (Uvicorn for FastAPI, Gunicorn
for the DRF project's wsgi module, Gunicorn with uvicorn-worker), compare the answers byte for
byte, and send four 1 s requests at once to see which server model overlaps the waits. The
thresholds are wide (overlapping: < 2.5 s; one at a time: >= 3.8 s) so a busy machine cannot
flip them; no duration is asserted beyond that.
"""

from __future__ import annotations

import copy
import time
from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest
from fastapi.testclient import TestClient
from rest_framework.test import APIClient

from guide_tools.website.content import SNIPPETS
from performance.architecture import fastapi_app
from performance.architecture.drf_app import views as drf_views
from tests.support import django_snippets
from tests.support.capture import DEFAULT_HEADERS, render
from tests.support.services import python_env, run_server
from tests.support.shell import shown_commands

OUT = "performance/architecture/out"
DRF_URLS = "performance.architecture.drf_app.urls"
HEADERS = (*DEFAULT_HEADERS, "server")
WAITS = 4  # requests of 1 s each, sent at the same moment
OVERLAPPED = 2.5  # seconds: well above 1 s (all at once), well below 4 s (one after another)
ONE_AT_A_TIME = 3.8


# --------------------------------------------------------------------------- in process


@pytest.fixture
def fresh_items(monkeypatch):
    """Each test starts from the one seeded item (the POST tests add to the stores)."""
    monkeypatch.setattr(fastapi_app, "ITEMS", copy.deepcopy(fastapi_app.ITEMS))
    monkeypatch.setattr(drf_views, "ITEMS", copy.deepcopy(drf_views.ITEMS))


@pytest.fixture
def fastapi_client(fresh_items):
    with TestClient(fastapi_app.app) as client:
        yield client


@pytest.fixture
def drf_client(fresh_items, settings):
    settings.ROOT_URLCONF = DRF_URLS
    return APIClient()


def exchange(client) -> list[tuple[int, str, bytes]]:
    """The page's three requests: (status, content type, body) of each."""
    responses = [
        client.get("/items/1"),
        client.post("/items", {"name": "cup", "quantity": 2}, format="json")
        if isinstance(client, APIClient) else client.post("/items", json={"name": "cup", "quantity": 2}),
        client.get("/items/99"),
    ]
    return [(r.status_code, r.headers["content-type"], r.content) for r in responses]


def test_both_apps_answer_alike(fastapi_client, drf_client):
    fastapi_answers, drf_answers = exchange(fastapi_client), exchange(drf_client)
    assert fastapi_answers == drf_answers
    assert [status for status, _, _ in fastapi_answers] == [200, 201, 404]
    assert fastapi_answers[1][2] == b'{"id":2,"name":"cup","quantity":2}'  # compact JSON in both


class SlowToRead(dict):
    """ITEMS whose keys take a millisecond to read, as a `SELECT max(id)` would: the other threads
    run meanwhile, so a race between reading the highest id and storing the item shows every time."""

    def __iter__(self):
        keys = list(super().__iter__())
        time.sleep(0.001)
        return iter(keys)


def test_drf_posts_from_many_threads_keep_every_item(fresh_items, monkeypatch):
    """Under `--threads 8` (run.sh's drf-threads line) the view runs in 8 threads of one process,
    which share ITEMS: each `201` must be a stored item with an id of its own, not one that a
    second thread took too and overwrote."""
    from rest_framework.test import APIRequestFactory

    monkeypatch.setattr(drf_views, "ITEMS", SlowToRead(drf_views.ITEMS))
    factory, view = APIRequestFactory(), drf_views.ItemList.as_view()

    def post(_: int) -> int:
        return view(factory.post("/items", {"name": "cup", "quantity": 1}, format="json")).data["id"]

    with ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(post, range(200)))
    assert len(set(ids)) == 200, f"{200 - len(set(ids))} of 200 ids were handed out twice"
    assert len(drf_views.ITEMS) == 201


def test_validation_differs(fastapi_client, drf_client):
    """Same rule, different status: FastAPI 422, DRF 400 (the serialization page shows why)."""
    assert fastapi_client.post("/items", json={"name": "", "quantity": -1}).status_code == 422
    assert drf_client.post("/items", {"name": "", "quantity": -1}, format="json").status_code == 400


@pytest.mark.slow  # two one-second waits
def test_wait_endpoints(fastapi_client, drf_client):
    assert fastapi_client.get("/wait").json() == {"waited": 1}
    assert drf_client.get("/wait").json() == {"waited": 1}


# --------------------------------------------------------------------------- server defaults


def test_server_defaults(monkeypatch):
    """What the servers do when not told: one worker, sync, HTTP/1.1 only."""
    import uvicorn
    from gunicorn.config import Config

    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("PORT", raising=False)
    gunicorn = Config()
    assert gunicorn.workers == 1
    assert gunicorn.worker_class_str == "sync"
    assert gunicorn.threads == 1
    assert gunicorn.http_protocols == ["h1"]  # HTTP/2 is opt-in (--http-protocols h2,h1 + the h2 package)
    config = uvicorn.Config("performance.architecture.fastapi_app:app")
    assert config.workers == 1
    assert config.http2 is False  # opt-in: --http2 --http zttp, with the zttp package
    assert config.loop == "auto"  # uvloop only if it is installed
    assert config.host == "127.0.0.1"  # Uvicorn binds loopback unless --host says otherwise
    monkeypatch.setenv("WEB_CONCURRENCY", "3")  # (Gunicorn reads it when gunicorn.config is imported)
    assert uvicorn.Config("performance.architecture.fastapi_app:app").workers == 3


def test_connection_features_are_server_settings():
    """Keep-alive, TLS, graceful shutdown and timeouts are settings of the server, not of ASGI/WSGI."""
    import uvicorn
    from gunicorn.config import Config

    gunicorn, config = Config(), uvicorn.Config("performance.architecture.fastapi_app:app")
    assert (gunicorn.keepalive, config.timeout_keep_alive) == (2, 5)  # seconds an idle connection stays open
    assert gunicorn.certfile is None and config.ssl_keyfile is None  # TLS: off unless given a certificate
    assert gunicorn.graceful_timeout == 30 and gunicorn.timeout == 30  # Gunicorn restarts a silent worker
    assert config.timeout_graceful_shutdown is None


def test_uvloop_is_optional():
    """loop="uvloop" fails unless uvloop is installed (uvicorn[standard] installs it); "auto" falls back."""
    import uvicorn

    with pytest.raises(ModuleNotFoundError, match="uvloop"):
        uvicorn.Config("performance.architecture.fastapi_app:app", loop="uvloop").get_loop_factory()
    assert uvicorn.Config("performance.architecture.fastapi_app:app").get_loop_factory() is not None


def test_http2_needs_an_extra_package(monkeypatch, capsys):
    """Uvicorn: --http2 needs --http zttp and the zttp package. Gunicorn: h2 in --http-protocols, the
    h2 package, TLS (or --http2-cleartext), and a worker class that speaks it: not the default sync."""
    import gunicorn.http2
    import uvicorn
    from gunicorn.config import Config
    from gunicorn.errors import ConfigError
    from gunicorn.workers.gthread import ThreadWorker
    from gunicorn.workers.sync import SyncWorker

    app = "performance.architecture.fastapi_app:app"
    with pytest.raises(ValueError, match="HTTP/2 requires the `zttp` HTTP protocol"):
        uvicorn.Config(app, http2=True).load()
    with pytest.raises(ModuleNotFoundError, match="zttp"):  # --http zttp passes the check; not installed here
        uvicorn.Config(app, http2=True, http="zttp").load()

    config = Config()
    config.set("http_protocols", "h2,h1")
    with pytest.raises(ConfigError, match="h2 package is not installed"):
        config.validate()
    monkeypatch.setattr(gunicorn.http2, "is_http2_available", lambda: True)  # as if gunicorn[http2]
    config.validate()
    assert "no TLS and http2_cleartext is off, so HTTP/2 will never be negotiated" in capsys.readouterr().err
    assert hasattr(ThreadWorker, "handle_http2") and not hasattr(SyncWorker, "handle_http2")


# --------------------------------------------------------------------------- real servers


def commands() -> dict[str, str]:
    return shown_commands(SNIPPETS / "performance/architecture/run.sh")


def server_env() -> dict[str, str]:
    """run_server() starts from this process's environment, where pytest-django has set the test
    run's own settings module: name the one wsgi.py defaults to instead."""
    return {**python_env(), "DJANGO_SETTINGS_MODULE": "performance.architecture.drf_app.settings"}


def serve(name: str):
    return run_server(commands()[name], cwd=SNIPPETS, env=server_env())


def conversation(url: str) -> tuple[list[tuple[int, str, bytes]], str]:
    with httpx2.Client(base_url=url, timeout=30) as client:
        responses = [
            (client.get("/items/1"), "GET /items/1"),
            (client.post("/items", json={"name": "cup", "quantity": 2}),
             'POST /items\n{"name": "cup", "quantity": 2}'),
            (client.get("/items/99"), "GET /items/99"),
        ]
    answers = [(r.status_code, r.headers["content-type"], r.content) for r, _ in responses]
    transcript = "\n".join(render(r, line, headers=HEADERS) for r, line in responses)
    return answers, transcript


def overlapped_waits(url: str) -> float:
    """Seconds for WAITS requests to /wait sent at once, each on its own connection."""
    def one(_):
        return httpx2.get(f"{url}/wait", timeout=30).status_code

    httpx2.get(f"{url}/items/1", timeout=30)  # the first request may import lazily; not timed
    start = time.monotonic()
    with ThreadPoolExecutor(WAITS) as pool:
        assert list(pool.map(one, range(WAITS))) == [200] * WAITS
    return time.monotonic() - start


def describe(label: str, seconds: float) -> str:
    """A coarse, stable reading of the measured time (asserted in the tests)."""
    if seconds < OVERLAPPED:
        verdict = "under 2.5 s: the waits overlapped"
    elif seconds >= ONE_AT_A_TIME:
        verdict = "3.8 s or more: one request at a time"
    else:  # pragma: no cover - between the thresholds, the test fails before showing it
        verdict = f"{seconds:.1f} s: unclear"
    return f"{label:<42}{verdict}"


@pytest.mark.slow
def test_production_servers_answer_identically(outputs):
    with serve("fastapi") as uvicorn_server:
        fastapi_answers, fastapi_text = conversation(uvicorn_server.url)
    with serve("drf") as gunicorn_server:
        drf_answers, drf_text = conversation(gunicorn_server.url)
    assert fastapi_answers == drf_answers
    assert [status for status, _, _ in drf_answers] == [200, 201, 404]
    assert drf_answers[2][2] == b'{"detail":"Item not found"}'
    assert "server: uvicorn" in fastapi_text and "server: gunicorn" in drf_text
    outputs.check(f"{OUT}/fastapi_uvicorn.txt", fastapi_text)
    outputs.check(f"{OUT}/drf_gunicorn.txt", drf_text)


@pytest.mark.slow
def test_what_each_server_model_does_with_waits(outputs):
    lines = [f"{'server (one worker process)':<42}{WAITS} x GET /wait at once"]
    with serve("fastapi") as server:
        seconds = overlapped_waits(server.url)
        assert seconds < OVERLAPPED  # one event loop, every await overlaps
        lines.append(describe("uvicorn", seconds))
    with serve("drf") as server:
        seconds = overlapped_waits(server.url)
        assert seconds >= ONE_AT_A_TIME  # the sync worker takes one request at a time
        lines.append(describe("gunicorn, sync worker", seconds))
        assert "Using worker: sync" in server.output()
    with serve("drf-threads") as server:
        seconds = overlapped_waits(server.url)
        assert seconds < OVERLAPPED  # eight threads in the one worker
        lines.append(describe("gunicorn --threads 8 (gthread)", seconds))
        assert "Using worker: gthread" in server.output()
    with serve("fastapi-gunicorn") as server:
        seconds = overlapped_waits(server.url)
        assert seconds < OVERLAPPED
        lines.append(describe("gunicorn + uvicorn_worker.UvicornWorker", seconds))
        assert "Using worker: uvicorn_worker.UvicornWorker" in server.output()
        answers, _ = conversation(server.url)
        assert [status for status, _, _ in answers] == [200, 201, 404]
    outputs.check(f"{OUT}/waits.txt", "\n".join(lines) + "\n")


def idle_connection(port: int, idle: float) -> tuple[str | None, bytes]:
    """One request on a fresh connection, `idle` seconds of silence, then a second request on the
    same socket: the first response's Connection header, and the start of what the socket gives back
    (b"" once the server has closed it)."""
    import http.client
    import socket

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/items/1")
    first = connection.getresponse()
    first.read()
    header = first.getheader("connection")
    if connection.sock is None:  # http.client closes its side after `Connection: close`
        return header, b""
    time.sleep(idle)
    sock: socket.socket = connection.sock
    try:
        sock.sendall(b"GET /items/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = sock.recv(64)
    except OSError:  # a reset: the server had closed the connection
        answer = b""
    connection.close()
    return header, answer


@pytest.mark.slow
def test_keep_alive_depends_on_the_worker():
    """The sync worker ignores --keep-alive: every response closes its connection. gthread keeps an
    idle connection 2 s, Uvicorn 5 s; a proxy that reuses it later than that finds it closed (review 12 A1)."""
    with serve("drf") as server:
        assert idle_connection(server.port, 0) == ("close", b"")
    with serve("drf-threads") as server:
        header, answer = idle_connection(server.port, 0.5)
        assert header == "keep-alive" and answer.startswith(b"HTTP/1.1 200")
        # past Gunicorn's 2 s: the worker checks its idle connections once a second, so allow 2.5 s more
        assert idle_connection(server.port, 4.5) == ("keep-alive", b"")
    with serve("fastapi") as server:
        header, answer = idle_connection(server.port, 3)
        assert answer.startswith(b"HTTP/1.1 200")  # within Uvicorn's 5 s
        assert idle_connection(server.port, 7)[1] == b""  # past it


def test_json_nested_too_deeply_is_a_400_from_both(fastapi_client, drf_client):
    """200 KB of brackets, far under Django's body limit: json.loads raises RecursionError, which
    DRF's JSONParser does not catch (an HTML 500); the views' BoundedJSONParser makes it a JSON 400,
    as FastAPI answers on its own (review 12 A2)."""
    body = b"[" * 100_000 + b"]" * 100_000
    fastapi = fastapi_client.post("/items", content=body, headers={"content-type": "application/json"})
    drf = drf_client.post("/items", body, content_type="application/json")
    assert (fastapi.status_code, drf.status_code) == (400, 400)
    assert drf.headers["content-type"] == "application/json"
    assert drf.json() == {"detail": "JSON parse error - nested too deeply"}
    assert drf_client.post("/items", b"{", content_type="application/json").status_code == 400  # still JSONParser


def test_drfs_own_json_parser_would_leave_deep_nesting_to_a_500(fresh_items, settings, monkeypatch):
    """The parser note's "would": with DRF's JSONParser alone, the RecursionError escapes the view
    and Django answers with its HTML 500 page."""
    from rest_framework.parsers import JSONParser

    from performance.architecture.drf_app import views

    settings.ROOT_URLCONF = DRF_URLS
    monkeypatch.setattr(views.ItemList, "parser_classes", [JSONParser])
    body = b"[" * 100_000 + b"]" * 100_000
    response = APIClient(raise_request_exception=False).post("/items", body, content_type="application/json")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")


test_allowed_hosts_from_the_environment = django_snippets.allowed_hosts_test(
    SNIPPETS / "performance/architecture/drf_app/settings.py", unset=["127.0.0.1", "localhost"])
