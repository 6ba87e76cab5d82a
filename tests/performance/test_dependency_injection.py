"""Dependency injection vs DRF's authentication and permission classes: the same protected
endpoint, a bearer token checked against a token store read from the environment.

Counters prove what runs how often: FastAPI's per-request cache of dependency values (and
`use_cache=False`), when a `yield` dependency's teardown runs relative to the response, DRF's
lazy `request.user` (computed once per request), and the authentication and permission objects
DRF creates for every request.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator
from typing import Annotated

import pytest
from fastapi import BackgroundTasks, Depends, FastAPI, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.testclient import TestClient
from rest_framework.permissions import IsAuthenticated
from rest_framework.test import APIClient

from guide_tools.runtime.drive import converse, environ
from performance.dependency_injection import drive, fastapi_app, tokens
from performance.dependency_injection.drf_app.authentication import BearerAuthentication

OUT = "performance/dependency_injection/out"
DRF_URLS = drive.APPS["django"]["ROOT_URLCONF"]
ALICE = secrets.token_urlsafe(32)
BOB = secrets.token_urlsafe(32)
# A token is shown as <token> (drive.py's NORMALISE, which the browser test applies too).
TOKEN = next((__import__("re").compile(pattern), replacement) for pattern, replacement in drive.NORMALISE)


@pytest.fixture(autouse=True)
def token_store(monkeypatch):
    monkeypatch.setenv("API_TOKENS", f"alice:{ALICE}, bob:{BOB}")


@pytest.fixture
def lookups(monkeypatch) -> list[str]:
    """Every call of tokens.find_user in this test, by the token it was given."""
    calls: list[str] = []
    real = tokens.find_user

    def spy(token: str):
        calls.append(token)
        return real(token)

    monkeypatch.setattr(tokens, "find_user", spy)
    return calls


@pytest.fixture(scope="module")
def fastapi_client():
    with TestClient(fastapi_app.app) as client:
        yield client


@pytest.fixture
def drf_client(settings):
    settings.ROOT_URLCONF = DRF_URLS
    return APIClient()


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# --------------------------------------------------------------------------- the token store


def test_token_store():
    assert tokens.find_user(ALICE) == "alice"
    assert tokens.find_user(BOB) == "bob"
    assert tokens.find_user("nope") is None
    assert tokens.find_user("") is None


def test_no_tokens_configured(monkeypatch):
    monkeypatch.delenv("API_TOKENS")
    assert tokens.find_user(ALICE) is None


# --------------------------------------------------------------------------- same endpoint, both ways


@pytest.mark.parametrize("framework", ["fastapi", "drf"])
def test_protected_endpoint(framework, fastapi_client, drf_client, monkeypatch, outputs):
    client = fastapi_client if framework == "fastapi" else drf_client
    ok = client.get("/profile", headers=auth(ALICE))
    assert ok.status_code == 200 and ok.json() == {"user": "alice"}
    missing = client.get("/profile")
    wrong = client.get("/profile", headers=auth("not-a-token"))
    basic = client.get("/profile", headers={"Authorization": "Basic YWxpY2U6cHc="})
    for response in (missing, wrong, basic):
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
    assert wrong.json() == {"detail": "Invalid token"}
    assert missing.json() == {
        "fastapi": {"detail": "Not authenticated"},
        "drf": {"detail": "Authentication credentials were not provided."},
    }[framework]
    # The page's transcript: the requests drive.py declares, with its token store, as a Run sends them.
    for name, value in environ(drive).items():
        monkeypatch.setenv(name, value)
    text = converse(client, drive, f"{framework}_profile.txt")
    outputs.check(f"{OUT}/{framework}_profile.txt", text, normalisers=[TOKEN])


# --------------------------------------------------------------------------- FastAPI: per-request cache


def test_fastapi_runs_a_shared_dependency_once_per_request(fastapi_client, lookups):
    """current_user is needed by the endpoint and by audit: one lookup per request."""
    fastapi_client.get("/profile", headers=auth(ALICE))
    assert lookups == [ALICE]
    fastapi_client.get("/profile", headers=auth(BOB))
    assert lookups == [ALICE, BOB]  # the next request computes it again: the cache is per request


def test_fastapi_use_cache_false(fastapi_client, lookups):
    assert fastapi_client.get("/profile/twice", headers=auth(ALICE)).json() == {"user": "alice"}
    assert lookups == [ALICE, ALICE]  # declared twice with use_cache=False: run twice


class RecordSend:
    """ASGI wrapper: notes in `events` when the last part of the response body has been sent."""

    def __init__(self, app, events):
        self.app, self.events = app, events

    async def __call__(self, scope, receive, send):
        async def recording_send(message):
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                self.events.append("response sent")

        await self.app(scope, receive, recording_send)


class ListHandler(logging.Handler):
    def __init__(self, events):
        super().__init__()
        self.events = events

    def emit(self, record):
        self.events.append(record.getMessage())


@pytest.fixture
def events():
    found: list[str] = []
    handler = ListHandler(found)
    audit_logger = logging.getLogger("audit")
    audit_logger.addHandler(handler)
    audit_logger.setLevel(logging.INFO)
    yield found
    audit_logger.removeHandler(handler)
    audit_logger.setLevel(logging.NOTSET)


def test_yield_teardown_runs_after_the_response_is_sent(events):
    with TestClient(RecordSend(fastapi_app.app, events)) as client:
        assert client.get("/profile", headers=auth(ALICE)).status_code == 200
    assert events == ["response sent", "alice read /profile"]


def test_yield_teardown_waits_for_the_background_tasks(events):
    """The default ("request") teardown runs after the response and after the background tasks:
    whatever the dependency holds (a database session's connection) it holds through them."""
    app = FastAPI()

    @app.get("/profile", dependencies=[Depends(fastapi_app.audit)])
    async def profile(user: fastapi_app.CurrentUser, tasks: BackgroundTasks) -> dict[str, str]:
        tasks.add_task(logging.getLogger("audit").info, "task ran")
        return {"user": user}

    with TestClient(RecordSend(app, events)) as client:
        assert client.get("/profile", headers=auth(ALICE)).status_code == 200
    assert events == ["response sent", "task ran", "alice read /profile"]


def test_audit_logs_requests_whose_endpoint_raises(events):
    """The endpoint's exception is thrown into audit at `yield`; `finally` still logs, before the
    error response is sent (the exception handlers run outside the dependencies)."""
    app = FastAPI()

    @app.get("/missing", dependencies=[Depends(fastapi_app.audit)])
    async def missing(user: fastapi_app.CurrentUser) -> dict[str, str]:
        raise HTTPException(404, "Not found")

    @app.get("/broken", dependencies=[Depends(fastapi_app.audit)])
    async def broken(user: fastapi_app.CurrentUser) -> dict[str, str]:
        raise RuntimeError("bug")

    with TestClient(RecordSend(app, events), raise_server_exceptions=False) as client:
        assert client.get("/missing", headers=auth(ALICE)).status_code == 404
        assert client.get("/broken", headers=auth(BOB)).status_code == 500
    assert events == ["alice read /missing", "response sent", "bob read /broken", "response sent"]


def test_scope_function_tears_down_before_the_response(events):
    """`Depends(..., scope="function")` (FastAPI 0.121+) ends the dependency when the function returns."""
    app = FastAPI()

    async def audit_early(user: fastapi_app.CurrentUser) -> AsyncIterator[None]:
        yield
        logging.getLogger("audit").info("%s done", user)

    @app.get("/profile", dependencies=[Depends(audit_early, scope="function")])
    async def profile(user: Annotated[str, Depends(fastapi_app.current_user)]) -> dict[str, str]:
        return {"user": user}

    with TestClient(RecordSend(app, events)) as client:
        assert client.get("/profile", headers=auth(ALICE)).status_code == 200
    assert events == ["alice done", "response sent"]


def test_drf_cleanup_after_the_response_is_request_finished(settings, monkeypatch):
    """Django's counterpart of code after `yield` is the request_finished signal, sent when the WSGI
    server closes the response after its last byte; finalize_response() (like middleware) runs before."""
    from wsgiref.util import setup_testing_defaults

    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished
    from rest_framework.views import APIView

    settings.ROOT_URLCONF = DRF_URLS
    order: list[str] = []
    real_finalize = APIView.finalize_response

    def finalize_response(self, *args, **kwargs):
        order.append("finalize_response")
        return real_finalize(self, *args, **kwargs)

    def finished(**kwargs):
        order.append("request_finished")

    monkeypatch.setattr(APIView, "finalize_response", finalize_response)
    environ = {"PATH_INFO": "/profile", "HTTP_HOST": "testserver", "HTTP_AUTHORIZATION": f"Bearer {ALICE}"}
    setup_testing_defaults(environ)
    request_finished.connect(finished)
    try:
        response = WSGIHandler()(environ, lambda status, headers: order.append(status))
        body = b"".join(response)  # what a WSGI server sends
        order.append("response sent")
        response.close()  # what a WSGI server calls next
    finally:
        request_finished.disconnect(finished)
    assert body == b'{"user":"alice"}'
    assert order == ["finalize_response", "200 OK", "response sent", "request_finished"]


# --------------------------------------------------------------------------- DRF: per-request objects


def test_drf_request_user_is_computed_once_per_request(drf_client, lookups):
    """IsAuthenticated and the view both read request.user; the authenticator runs once."""
    drf_client.get("/profile", headers=auth(ALICE))
    assert lookups == [ALICE]
    drf_client.get("/profile", headers=auth(BOB))
    assert lookups == [ALICE, BOB]


def test_drf_creates_authenticators_and_permissions_per_request(drf_client, monkeypatch):
    created = {"authentication": 0, "permission": 0}

    def counting(kind):
        def __init__(self, *args, **kwargs):
            created[kind] += 1
        return __init__

    monkeypatch.setattr(BearerAuthentication, "__init__", counting("authentication"), raising=False)
    monkeypatch.setattr(IsAuthenticated, "__init__", counting("permission"), raising=False)
    for _ in range(3):
        assert drf_client.get("/profile", headers=auth(ALICE)).status_code == 200
    assert created == {"authentication": 3, "permission": 3}


def test_drf_anonymous_request_never_calls_the_store(drf_client, lookups):
    assert drf_client.get("/profile").status_code == 401
    assert lookups == []  # no Bearer header: authenticate() returns None before any lookup


def test_drf_403_without_a_challenge():
    """401 needs a WWW-Authenticate challenge from the first authentication class."""
    from rest_framework.authentication import SessionAuthentication, TokenAuthentication
    from rest_framework.test import APIRequestFactory
    from rest_framework.views import APIView

    from performance.dependency_injection.drf_app.views import Profile

    class SessionProfile(Profile):
        authentication_classes = [SessionAuthentication]

    request = APIRequestFactory().get("/profile")
    assert SessionProfile.as_view()(request).status_code == 403
    assert TokenAuthentication().authenticate_header(request) == "Token"
    assert issubclass(Profile, APIView)


def test_httpbearer_is_documented_in_openapi(fastapi_client):
    schema = fastapi_client.get("/openapi.json").json()
    assert schema["components"]["securitySchemes"] == {"HTTPBearer": {"type": "http", "scheme": "bearer"}}


def threaded_user(
    credentials: Annotated[HTTPAuthorizationCredentials, Depends(HTTPBearer())],
) -> str:
    """The page's current_user as a plain `def`, which FastAPI runs in a worker thread."""
    return tokens.find_user(credentials.credentials) or "nobody"


def test_a_slow_sync_store_blocks_the_loop_from_an_async_dependency(monkeypatch):
    """The page's caveat: find_user() is sync. Fast here (it reads memory), but a store that waits,
    a database or Redis behind a sync client, holds the event loop for every request when an
    `async def` dependency calls it: three requests queue. A plain `def` dependency (FastAPI runs it
    in one of AnyIO's worker threads, 40 at most at once) lets them overlap."""
    import asyncio
    import time

    import anyio.to_thread
    import httpx

    async def thread_limit() -> float:
        return anyio.to_thread.current_default_thread_limiter().total_tokens

    assert asyncio.run(thread_limit()) == 40  # the page's figure
    real = tokens.find_user

    def slow_find_user(token: str) -> str | None:
        time.sleep(0.4)  # a round trip to a database, with a sync driver
        return real(token)

    monkeypatch.setattr(tokens, "find_user", slow_find_user)
    app = FastAPI()

    @app.get("/on-the-loop")
    async def on_the_loop(user: fastapi_app.CurrentUser) -> dict[str, str]:
        return {"user": user}

    @app.get("/in-a-thread")
    async def in_a_thread(user: Annotated[str, Depends(threaded_user)]) -> dict[str, str]:
        return {"user": user}

    async def three(path: str) -> float:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:
            started = time.monotonic()
            answers = await asyncio.gather(*(client.get(path, headers=auth(ALICE)) for _ in range(3)))
        assert [a.json() for a in answers] == [{"user": "alice"}] * 3
        return time.monotonic() - started

    assert asyncio.run(three("/on-the-loop")) >= 1.2  # 3 x 0.4 s, one after the other
    assert asyncio.run(three("/in-a-thread")) < 1.1  # side by side
