"""DRF architecture: one small API whose responses show each stage of DRF's request flow acting
(authentication 401, permissions 403, throttling 429, parsing and validation 400/415, pagination).

Each assertion is a claim the page makes; each `outputs.check` is a transcript the page shows, of
the requests snippets/django_ecosystem/drf_architecture/drive.py declares for it, after its SETUP
(the users, the notes), on an empty database (the page's Run button sends the same ones).
The views set every policy class themselves, so the shared test settings (which configure no
REST_FRAMEWORK defaults) do not matter; `test_view_classes_are_bound_at_import` shows why that is
the safe way.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from django_ecosystem.drf_architecture import drive
from django_ecosystem.drf_architecture.api.models import Note
from django_ecosystem.drf_architecture.api.views import BurstThrottle, NoteList
from guide_tools.runtime.drive import converse
from tests.support.responses import json_of

OUT = "django_ecosystem/drf_architecture/out"
URLS = "django_ecosystem.drf_architecture.api.urls"
PASSWORD = drive.PASSWORD
NORMALISERS = [(re.compile(pattern), replacement) for pattern, replacement in drive.NORMALISE]

pytestmark = [pytest.mark.urls(URLS), pytest.mark.django_db]


def basic(username: str, password: str = PASSWORD) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


@pytest.fixture(autouse=True)
def fast_isolated(settings, request):
    # A cheap hasher keeps the many Basic-auth checks fast; a private cache keeps the throttle's
    # request history from leaking between tests.
    settings.PASSWORD_HASHERS = drive.APPS["django"]["PASSWORD_HASHERS"]  # MD5, as on the page's Run
    settings.CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": request.node.nodeid,
    }}


@pytest.fixture
def clock(monkeypatch):
    """A frozen clock for the throttle, so Retry-After is exact."""
    now = [1_000_000.0]
    monkeypatch.setattr(BurstThrottle, "timer", staticmethod(lambda: now[0]))
    return now


@pytest.fixture
def users(db):
    return drive.users()  # alice may add notes, bob may only read (the page's Run makes them too)


def client_as(username: str | None = None) -> APIClient:
    client = APIClient()
    if username:
        client.credentials(HTTP_AUTHORIZATION=basic(username))
    return client


def post(client: APIClient, path: str, data: dict):
    return client.post(path, data=json.dumps(data), content_type="application/json")


@pytest.mark.parametrize("name", list(drive.OUTPUTS))
def test_the_responses_the_page_shows(db, clock, name, outputs):
    """drive.py's requests, after its SETUP (and BEFORE), on an empty database: what Run shows."""
    outputs.check(f"{OUT}/{name}", converse(Client(), drive, name), normalisers=NORMALISERS)  # as in the browser


def test_the_declared_credentials_are_the_users_passwords():
    assert drive.ALICE == f"Authorization: {basic('alice')}" and drive.BOB == f"Authorization: {basic('bob')}"


# --------------------------------------------------------------------------- authentication


def test_anonymous_gets_401_with_challenge(users):
    response = client_as().get("/notes/")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Basic realm="api"'
    assert json_of(response) == {"detail": "Authentication credentials were not provided."}


def test_wrong_password_gets_401(users):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=basic("alice", "wrong"))
    response = client.get("/notes/")
    assert response.status_code == 401
    assert json_of(response) == {"detail": "Invalid username/password."}
    assert response.headers["WWW-Authenticate"] == 'Basic realm="api"'


def test_basic_authentication_hashes_on_every_request(settings, monkeypatch, users):
    """The page: with Basic authentication every request runs Django's default password hasher,
    PBKDF2 at its full iteration count, for a right or wrong password and for an unknown user."""
    from django.conf import global_settings
    from django.contrib.auth import hashers

    from guide_tools.devtools import stacks

    assert global_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.PBKDF2PasswordHasher"
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS  # Django's default, not the test's MD5
    iterations: list[int] = []
    real = hashers.pbkdf2

    def counted(password, salt, rounds, *args, **kwargs):
        iterations.append(rounds)
        return real(password, salt, 1, *args, **kwargs)  # records the cost without paying it

    monkeypatch.setattr(hashers, "pbkdf2", counted)
    User.objects.create_user("carol", password=PASSWORD)
    iterations.clear()
    for auth, status in [(basic("carol"), 200), (basic("carol", "wrong"), 401), (basic("nobody"), 401)]:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=auth)
        assert client.get("/notes/").status_code == status
    expected = {"lts": 1_000_000, "latest": 1_500_000}[stacks.current()]
    assert iterations == [expected] * 3  # one full hash per request, whatever the outcome


def test_session_authentication_first_means_403(users):
    """SessionAuthentication has no authenticate_header(), so DRF turns the 401 into a 403."""
    response = client_as().get("/browser/notes/")
    assert response.status_code == 403
    assert "WWW-Authenticate" not in response.headers
    assert json_of(response) == {"detail": "Authentication credentials were not provided."}


def test_logged_in_session_is_accepted(users):
    client = APIClient()
    assert client.login(username="bob", password=PASSWORD)
    assert client.get("/browser/notes/").status_code == 200


# --------------------------------------------------------------------------- permissions


def test_authenticated_without_permission_gets_403(users):
    bob = client_as("bob")
    assert bob.get("/notes/").status_code == 200  # DjangoModelPermissions: reading needs a login only
    data = {"title": "Bob's note"}
    response = post(bob, "/notes/", data)
    assert response.status_code == 403
    assert "WWW-Authenticate" not in response.headers
    assert json_of(response) == {"detail": "You do not have permission to perform this action."}
    assert not Note.objects.exists()


def test_permitted_user_creates(users):
    response = post(client_as("alice"), "/notes/", {"title": "First", "body": "Hello"})
    assert response.status_code == 201
    assert json_of(response) == {"id": Note.objects.get().id, "title": "First", "body": "Hello"}


# --------------------------------------------------------------------------- throttling


def test_fourth_request_in_a_minute_is_throttled(users, clock):
    alice = client_as("alice")
    assert [alice.get("/notes/").status_code for _ in range(3)] == [200, 200, 200]
    response = alice.get("/notes/")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "60"
    assert json_of(response) == {"detail": "Request was throttled. Expected available in 60 seconds."}
    assert client_as("bob").get("/notes/").status_code == 200  # UserRateThrottle counts per user
    clock[0] += 60
    assert alice.get("/notes/").status_code == 200  # the window has moved on


def test_a_cache_outage_does_not_take_the_api_down(users, settings, caplog, monkeypatch):
    """The throttle reads and writes the cache on every request that passes the permissions. With
    Redis down, DRF's own throttle raises and every such request is a 500; BurstThrottle serves the
    request and logs a warning."""
    import socket

    import redis
    from rest_framework.throttling import UserRateThrottle

    with socket.socket() as probe:  # a loopback port where nothing listens
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{closed_port}/0"}}
    alice = client_as("alice")
    with caplog.at_level("WARNING"):
        assert [alice.get("/notes/").status_code for _ in range(5)] == [200] * 5  # not throttled either
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == ["throttle cache unavailable"] * 5
    # The same view with DRF's own throttle (BurstThrottle without its allow_request()): a 500 each time.
    drf_own = type("DRFOwnThrottle", (UserRateThrottle,), {"scope": "burst", "rate": BurstThrottle.rate})
    monkeypatch.setattr(NoteList, "throttle_classes", [drf_own])
    unguarded = client_as("alice")
    unguarded.raise_request_exception = False  # as a server answers: the exception becomes a 500
    assert [unguarded.get("/notes/").status_code for _ in range(3)] == [500] * 3
    with pytest.raises(redis.exceptions.ConnectionError):  # the cache's error, raised through DRF
        client_as("alice").get("/notes/")
    import inspect


    timeouts = inspect.signature(redis.Redis).parameters  # what a Redis that never answers costs a request
    assert timeouts["socket_connect_timeout"].default == timeouts["socket_timeout"].default == 5


def page_redis_options() -> dict:
    """The Redis cache OPTIONS the page advises, read from the English page itself."""
    import ast

    from guide_tools.website.content import DOCS

    text = " ".join((DOCS / "en/django/drf_architecture.md").read_text().split())
    found = re.search(r'`"OPTIONS": (\{[^`]*\})`', text)
    assert found, "drf_architecture.md no longer shows the Redis cache OPTIONS this test applies"
    return ast.literal_eval(found.group(1))


def test_a_redis_that_never_answers_holds_a_request_only_as_long_as_the_page_s_timeouts(users, settings, caplog):
    """The page: a Redis that accepts connections and never answers holds every request redis-py's
    5 s by default; with the page's OPTIONS (0.5 s) the throttle gives up sooner and serves the
    request. A listening socket that never accepts stands for that Redis (the kernel completes the
    handshake, nothing ever answers): a silent dependency, not a refused one."""
    import socket
    import time

    options = page_redis_options()  # {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        location = f"redis://127.0.0.1:{silent.getsockname()[1]}/0"

        def served_in(cache_options: dict) -> float:
            settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                           "LOCATION": location, "OPTIONS": cache_options}}
            started = time.monotonic()
            assert client_as("alice").get("/notes/").status_code == 200  # served, unthrottled
            return time.monotonic() - started

        with caplog.at_level("WARNING"):
            assert served_in({}) >= 4.5  # redis-py's default socket_timeout: 5 s per request
            assert served_in(options) < 2 * (options["socket_connect_timeout"] + options["socket_timeout"])
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == ["throttle cache unavailable"] * 2


def test_the_throttle_check_is_not_atomic(users, clock, monkeypatch):
    """allow_request() reads the history, checks it and writes it back, with no lock or atomic
    increment: requests that arrive together all read the history before any of them writes it,
    so ten at once all pass a limit of three, whatever the cache (the barrier forces that timing)."""
    import threading

    from django.core.cache import cache

    alice = users[0]
    arrived = threading.Barrier(10, timeout=10)

    class Together:  # the test's cache, with every request's read done before any write
        def get(self, *args, **kwargs):
            history = cache.get(*args, **kwargs)
            arrived.wait()
            return history

        def set(self, *args, **kwargs):
            return cache.set(*args, **kwargs)

    monkeypatch.setattr(BurstThrottle, "cache", Together())
    request = RequestFactory().get("/notes/")
    request.user = alice
    allowed: list[bool] = []

    def one_request():
        allowed.append(BurstThrottle().allow_request(request, None))

    threads = [threading.Thread(target=one_request) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert allowed == [True] * 10  # with rate = "3/minute"
    monkeypatch.setattr(BurstThrottle, "cache", cache)  # one request at a time again
    assert [BurstThrottle().allow_request(request, None) for _ in range(3)] == [True, True, False]  # one of ten recorded


# A worker process: the test run's settings, with a local-memory cache as `default` (Django's default
# cache) and a Redis one as `shared`, and the page's BurstThrottle. Each line it reads names the cache the
# throttle keeps its history in; one request of user 1 asks the throttle, and the worker answers 1 or 0.
THROTTLE_WORKER = """\
import os
import sys
from types import SimpleNamespace

import django
from django.conf import settings

import tests.django_settings

run_settings = {name: getattr(tests.django_settings, name) for name in dir(tests.django_settings) if name.isupper()}
settings.configure(**{**run_settings, "CACHES": {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"],
               "KEY_PREFIX": os.environ["KEY_PREFIX"]},
}})
django.setup()

from django.core.cache import caches
from django.test import RequestFactory

from django_ecosystem.drf_architecture.api.views import BurstThrottle

print("ready", flush=True)
for line in sys.stdin:
    BurstThrottle.cache = caches[line.strip()]
    request = RequestFactory().get("/notes/")
    request.user = SimpleNamespace(pk=1, is_authenticated=True)
    print(int(BurstThrottle().allow_request(request, None)), flush=True)
"""


@contextlib.contextmanager
def throttle_workers(redis_url: str, count: int):
    """`count` worker processes; yields ask(cache_alias, requests): how many each let through when
    `requests` requests of one user are handed to them in turn, as a server's workers take connections."""
    import os
    import subprocess
    import sys
    import uuid

    from guide_tools.website.content import SNIPPETS

    root = SNIPPETS.parent
    env = {**os.environ, "REDIS_URL": redis_url, "KEY_PREFIX": uuid.uuid4().hex,  # keys of this test's own
           "PYTHONPATH": os.pathsep.join([str(root), str(SNIPPETS)])}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    procs = [subprocess.Popen([sys.executable, "-c", THROTTLE_WORKER], cwd=root, env=env, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE) for _ in range(count)]

    def ask(cache: str, requests: int) -> list[int]:
        allowed = [0] * count
        for n in range(requests):
            proc = procs[n % count]
            proc.stdin.write(f"{cache}\n")
            proc.stdin.flush()
            allowed[n % count] += int(proc.stdout.readline())
        return allowed

    try:
        for proc in procs:
            assert proc.stdout.readline() == "ready\n"
        yield ask
    finally:
        for proc in procs:
            proc.stdin.close()  # the worker's loop ends
            proc.wait(timeout=30)
            proc.stdout.close()


@pytest.mark.slow
def test_each_worker_counts_on_its_own_with_the_local_memory_cache(redis_url):
    """The page: with the default local-memory cache each worker process counts on its own, so N
    workers let a client through N times the rate (four times behind four); a shared Redis cache
    counts once for all. Two processes, the page's BurstThrottle (3/minute), eight requests of one
    user taken by the workers in turn."""
    with throttle_workers(redis_url, 2) as ask:
        assert ask("default", 8) == [3, 3]  # 6 of 8: twice the rate
        assert sum(ask("shared", 8)) == 3  # the rate, whichever worker took the request


def test_rejected_requests_are_not_throttled(users, clock):
    """Throttles run after authentication and permissions: failed logins never reach them."""
    stranger = APIClient()
    stranger.credentials(HTTP_AUTHORIZATION=basic("alice", "guess"))
    assert {stranger.get("/notes/").status_code for _ in range(10)} == {401}
    bob = client_as("bob")
    assert {post(bob, "/notes/", {"title": "x"}).status_code for _ in range(5)} == {403}


def anonymous_allowed(xff: str, times: int = 1) -> list[bool]:
    """Ask BurstThrottle (1 request a minute here) about anonymous requests from one socket
    address, the proxy's, each carrying this X-Forwarded-For."""
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    class OnePerMinute(BurstThrottle):
        rate = "1/minute"

    throttle = OnePerMinute()
    request = Request(APIRequestFactory().get("/notes/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=xff))
    return [throttle.allow_request(request, None) for _ in range(times)]


def test_anonymous_throttling_keys_on_the_whole_x_forwarded_for(db, clock):
    """With NUM_PROXIES unset, DRF keys an anonymous client on the whole X-Forwarded-For header,
    which the client writes: every new value is a new allowance."""
    assert anonymous_allowed("203.0.113.7, 198.51.100.9", times=2) == [True, False]
    assert [anonymous_allowed(f"192.0.2.{n}, 198.51.100.9") for n in range(5)] == [[True]] * 5


def test_num_proxies_keys_on_the_address_the_proxy_appended(db, clock, settings):
    """NUM_PROXIES=1 (one proxy in front, appending the address it saw) keys on the last entry:
    the values a client prepends no longer buy a new allowance."""
    settings.REST_FRAMEWORK = {**getattr(django_settings, "REST_FRAMEWORK", {}), "NUM_PROXIES": 1}
    assert anonymous_allowed("192.0.2.1, 198.51.100.9") == [True]
    assert anonymous_allowed("192.0.2.2, 198.51.100.9") == [False]  # same last hop, same bucket
    assert anonymous_allowed("192.0.2.2, 198.51.100.10") == [True]  # another client of the proxy


# --------------------------------------------------------------------------- parsing and validation


def test_invalid_payload_gets_400_with_field_errors(users):
    data = {"title": "", "body": ["not", "text"]}
    response = post(client_as("alice"), "/notes/", data)
    assert response.status_code == 400
    assert json_of(response) == {"title": ["This field may not be blank."], "body": ["Not a valid string."]}


def test_form_body_is_unsupported_media_type(users):
    response = client_as("alice").post("/notes/", data={"title": "form"})  # multipart, not JSON
    assert response.status_code == 415
    assert json_of(response)["detail"].startswith('Unsupported media type "multipart/form-data;')


def test_malformed_json_gets_400(users):
    response = client_as("alice").post("/notes/", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert json_of(response)["detail"].startswith("JSON parse error")


def test_stages_run_in_order(users, clock):
    """The same invalid body is refused by whichever stage comes first."""
    bad = {"title": ""}
    assert post(client_as(), "/notes/", bad).status_code == 401  # authentication before anything else
    assert post(client_as("bob"), "/notes/", bad).status_code == 403  # permissions before parsing
    alice = client_as("alice")
    for _ in range(3):
        alice.get("/notes/")
    assert post(alice, "/notes/", bad).status_code == 429  # throttling before parsing
    clock[0] += 60
    assert post(alice, "/notes/", bad).status_code == 400  # only now is the body read


def session_client(username: str, *, csrf_token: bool) -> APIClient:
    """Logged in through the session, with CSRF enforced as a browser meets it (APIClient skips it by default)."""
    client = APIClient(enforce_csrf_checks=True)
    assert client.login(username=username, password=PASSWORD)
    if csrf_token:
        request = RequestFactory().get("/")
        client.credentials(HTTP_X_CSRFTOKEN=get_token(request))
        client.cookies[django_settings.CSRF_COOKIE_NAME] = request.META["CSRF_COOKIE"]
    return client


def test_session_csrf_check_reads_the_body_before_permissions(users):
    """SessionAuthentication's CSRF check reads request.POST, which parses the body during
    authentication: a logged-in user without permission gets 400 for malformed JSON, not 403."""
    broken = "{not json"
    bob = session_client("bob", csrf_token=True)
    response = bob.post("/browser/notes/", data=broken, content_type="application/json")
    assert response.status_code == 400
    assert json_of(response)["detail"].startswith("JSON parse error")
    assert post(bob, "/browser/notes/", {"title": ""}).status_code == 403  # a parsable body: permissions refuse it
    for method in (bob.put, bob.patch, bob.delete):  # Django's CSRF check reads request.POST on a POST only
        response = method("/browser/notes/", data=broken, content_type="application/json")
        assert response.status_code == 403, method
        assert json_of(response)["detail"] == "You do not have permission to perform this action."
    no_cookie = session_client("bob", csrf_token=False)  # refused before the token is looked for
    response = no_cookie.post("/browser/notes/", data=broken, content_type="application/json")
    assert response.status_code == 403
    assert json_of(response)["detail"].startswith("CSRF Failed: CSRF cookie not set")
    unchecked = APIClient()  # the test client's default: no CSRF check, so no early parse
    assert unchecked.login(username="bob", password=PASSWORD)
    assert unchecked.post("/browser/notes/", data=broken, content_type="application/json").status_code == 403
    assert client_as("bob").post("/notes/", data=broken, content_type="application/json").status_code == 403  # Basic
    assert not Note.objects.exists()


# --------------------------------------------------------------------------- ORM, pagination, rendering


def test_paginated_list(users):
    Note.objects.bulk_create([Note(title=t) for t in ("One", "Two", "Three")])
    response = client_as("bob").get("/notes/")
    assert response.status_code == 200
    page = json_of(response)
    assert page["count"] == 3
    assert page["next"] == "http://testserver/notes/?page=2"
    assert page["previous"] is None
    assert [n["title"] for n in page["results"]] == ["One", "Two"]
    last = client_as("bob").get("/notes/?page=2")
    assert [n["title"] for n in json_of(last)["results"]] == ["Three"]
    assert json_of(last)["next"] is None
    assert json_of(last)["previous"] == "http://testserver/notes/"
    assert client_as("bob").get("/notes/?page=3").status_code == 404


def test_view_classes_are_bound_at_import(settings):
    """APIView copies DEFAULT_* settings into class attributes when rest_framework.views is
    imported; changing REST_FRAMEWORK later does not reach the classes already built."""
    from rest_framework.permissions import AllowAny
    from rest_framework.views import APIView

    settings.REST_FRAMEWORK = {"DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"]}
    assert APIView.permission_classes == [AllowAny]
    assert NoteList.permission_classes[0].__name__ == "DjangoModelPermissions"


def test_authentication_alone_rejects_nobody(users):
    """No credentials is not an error for an authentication class: the request goes on as
    AnonymousUser, and only a permission turns that into 401/403."""
    from rest_framework.permissions import AllowAny
    from rest_framework.test import APIRequestFactory

    view = NoteList.as_view(permission_classes=[AllowAny])
    response = view(APIRequestFactory().get("/notes/"))
    assert response.status_code == 200
    bad = APIRequestFactory().get("/notes/", HTTP_AUTHORIZATION=basic("alice", "wrong"))
    assert view(bad).status_code == 401  # wrong credentials are refused by authentication itself


def test_content_negotiation_runs_first(users):
    """No renderer for text/html on this view: 406, before authentication is even asked."""
    response = client_as().get("/notes/", HTTP_ACCEPT="text/html")
    assert response.status_code == 406
    assert json_of(response) == {"detail": 'Could not satisfy the request Accept header.'}


def test_next_links_behind_a_tls_proxy(users, settings):
    """`next` is built from the request. Behind a proxy that ends TLS, Django sees plain HTTP and
    the links say http:// unless SECURE_PROXY_SSL_HEADER names the proxy's header."""
    Note.objects.bulk_create([Note(title=t) for t in ("One", "Two", "Three")])
    proxied = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "api.example.com"}
    settings.ALLOWED_HOSTS = ["api.example.com"]
    assert json_of(client_as("bob").get("/notes/", **proxied))["next"] == "http://api.example.com/notes/?page=2"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert json_of(client_as("bob").get("/notes/", **proxied))["next"] == "https://api.example.com/notes/?page=2"


def test_a_page_is_a_count_and_a_limit_query(users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Note.objects.bulk_create([Note(title=t) for t in ("One", "Two", "Three")])
    with CaptureQueriesContext(connection) as ctx:
        client_as("bob").get("/notes/")
    notes = [q["sql"] for q in ctx.captured_queries if "drf_architecture_api_note" in q["sql"]]
    assert len(notes) == 2
    assert "COUNT(*)" in notes[0] and "LIMIT 2" in notes[1]


def test_xml_is_not_part_of_drf():
    from rest_framework import parsers, renderers

    assert not hasattr(parsers, "XMLParser") and not hasattr(renderers, "XMLRenderer")
    assert {"JSONParser", "FormParser", "MultiPartParser", "FileUploadParser"} <= set(dir(parsers))
