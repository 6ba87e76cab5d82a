"""Checks of the admin exercise, sqladmin: `python3 dev.py exercise admin/fastapi`."""

import asyncio
import base64
import gc
import json
import os
import re
import time
import warnings

import app as app_module
import argon2
import itsdangerous
import pytest
from app import Book, create_app
from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy.orm import Session
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import Mount

from exercises.batteries import clock, cookies, debug, secrets

LATE = 8 + 1 / 60  # hours after the login: a minute past the eight hours a login lasts at most
PASSWORD = "correct horse battery"  # the users' passwords are "<name>: correct horse battery"
GRACE = "a passphrase of grace's own"  # a second admin, whose password follows no pattern
GRACE_HASH = PasswordHash.recommended().hash(GRACE)
SPACED = "  hal's pässwörd, spaces and all  "  # a user whose password starts and ends with spaces, not ASCII
SPACED_HASH = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),)).hash(SPACED)

# Who a visitor is comes from the login alone: no header a client can write (the names an SSO proxy or a
# shortcut might use) and no client address (the server itself, a private network) makes a visitor an admin.
IDENTITY_HEADERS = [(name, "ada") for name in ("X-Forwarded-User", "X-Remote-User", "Remote-User", "X-User", "X-Auth-User",
                                                 "X-Authenticated-User", "X-Auth-Request-User", "X-Forwarded-Preferred-Username",
                                                 "X-Username", "X-Admin-User")] + [
    ("X-Admin", "true"), ("X-Is-Admin", "1"), ("X-Role", "admin"), ("X-Roles", "admin")]
TRUSTED_ADDRESSES = ("127.0.0.1", "::1", "10.0.0.1", "192.168.1.10")


@pytest.fixture
def client(tmp_path, monkeypatch):
    users = getattr(app_module, "USERS", {})  # the starter has no users yet
    monkeypatch.setitem(users, "grace", (GRACE_HASH, True))
    app = create_app(f"sqlite:///{tmp_path / 'books.db'}", secret_key="test-only")
    with Session(app.state.engine) as session:
        session.add(Book(title="Dune"))
        session.commit()
    with TestClient(app, follow_redirects=False) as client:
        yield client
    app.state.engine.dispose()


def log_in(client, user: str) -> None:
    client.post("/admin/login", data={"username": user, "password": f"{user}: {PASSWORD}"})


def books_in(client) -> int:
    with Session(client.app.state.engine) as session:
        return session.query(Book).count()


def let_in(client) -> str:
    """What the admin let this client do: "" when nothing; else the request it let through, reading
    (GET the list) or writing (POST the create form, which must add no book). A check made on GET alone
    leaves every POST of the admin open."""
    if client.get("/admin/book/list").status_code == 200:
        return "GET /admin/book/list"
    before = books_in(client)
    client.post("/admin/book/create", data={"title": "Written by whoever got in"})
    return "POST /admin/book/create" if books_in(client) > before else ""


def test_an_admin_sees_the_books(client):
    log_in(client, "ada")
    response = client.get("/admin/book/list")
    assert response.status_code == 200, f"ada (an admin) got {response.status_code} for /admin/book/list, expected 200"
    assert "Dune" in response.text, "the book list does not show the book Dune"
    client.cookies.clear()
    client.post("/admin/login", data={"username": "grace", "password": GRACE})
    response = client.get("/admin/book/list")
    assert response.status_code == 200, (
        f"[password_not_verified] grace (an admin) logged in with her own password and got {response.status_code}, expected 200")


@pytest.mark.parametrize("url", ["/admin/", "/admin/book/list"])
def test_an_anonymous_visitor_is_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code in (302, 303, 307), f"an anonymous visitor got {response.status_code} for {url}"
    assert "/admin/login" in response.headers["location"], f"{url} redirects to {response.headers['location']!r}"
    for name, value in IDENTITY_HEADERS:
        status = client.get(url, headers={name: value}).status_code
        assert status in (302, 303, 307), (
            f"[trusted_header] an anonymous visitor sent the header {name}: {value} and got {status} for {url}, expected "
            "a redirect to log in: who is an admin comes from the login, never from what the request says")
    for address in TRUSTED_ADDRESSES:  # Starlette's test client comes from "testclient" unless told otherwise
        status = TestClient(client.app, client=(address, 50000), follow_redirects=False).get(url).status_code
        assert status in (302, 303, 307), (
            f"[trusted_address] an anonymous visitor from the address {address} got {status} for {url}, expected a "
            "redirect to log in: behind a proxy every visitor comes from such an address")


def test_every_route_beside_the_admin_is_for_admins(client, tmp_path, monkeypatch):
    """Every route the app serves besides SQLAdmin's mount (an export "next to the admin", a page of its own),
    each method it allows: an anonymous visitor gets a redirect to log in or a refusal, never the data.
    FastAPI's own documentation routes are left out: they describe the API, not the books."""
    documentation = {client.app.openapi_url, client.app.docs_url, client.app.redoc_url, client.app.swagger_ui_oauth2_redirect_url}
    for route in client.app.routes:
        path, methods = getattr(route, "path", None), getattr(route, "methods", None)
        if not methods or path in documentation:  # a mount (SQLAdmin's own pages are checked above) or a websocket
            continue
        path = re.sub(r"{[^}:]+(:[^}]+)?}", "1", path)  # a parameter: 1 fits int, str and path
        for method in sorted(methods - {"HEAD", "OPTIONS"}):
            status = client.request(method, path).status_code
            assert not 200 <= status < 300, (
                f"[route_beside_the_admin] {method} {path} answered {status} for an anonymous visitor, expected a "
                "redirect to log in or a refusal: every route the app serves beside the admin is for admins")
    # A mounted app beside the admin (a folder served as static files, say): none of the reader's own files,
    # the database among them, reaches an anonymous visitor through it. The app is made again in the reader's
    # folder, where they start it, so that a folder served "from here" is theirs.
    folder = os.path.dirname(os.path.abspath(app_module.__file__))
    files = sorted(name for name in os.listdir(folder) if os.path.isfile(os.path.join(folder, name)))
    monkeypatch.chdir(folder)
    app = create_app(f"sqlite:///{tmp_path / 'mounted.db'}", secret_key="test-only")
    try:
        with TestClient(app, follow_redirects=False) as anonymous:
            for route in app.routes:
                if not isinstance(route, Mount) or route.path.rstrip("/") == "/admin":
                    continue
                for name in files:
                    path = f"{route.path.rstrip('/')}/{name}"
                    status = anonymous.get(path).status_code
                    assert not 200 <= status < 300, (
                        f"[route_beside_the_admin] {'GET'} {path} answered {status} for an anonymous visitor, expected a "
                        "redirect to log in or a refusal: every route the app serves beside the admin is for admins")
    finally:
        app.state.engine.dispose()


def test_a_wrong_password_or_a_non_admin_is_not_let_in(client):
    for user, password in (("ada", "guess"), ("bob", f"bob: {PASSWORD}")):
        client.post("/admin/login", data={"username": user, "password": password})
        response = client.get("/admin/book/list")
        assert response.status_code != 200, f"{user} with password {password!r} got into the admin"
    client.post("/admin/login", data={"username": "grace", "password": GRACE})
    assert client.get("/admin/book/list").status_code == 200, "grace (an admin) logged in and was not let in"
    users = getattr(app_module, "USERS", {})  # monkeypatch restores the dict after the check
    users["grace"] = (GRACE_HASH, False)  # she is no longer an admin
    got_in = let_in(client)
    assert not got_in, (
        f"[session_outlives_the_user] grace is no longer an admin, and her session still opened the admin ({got_in})")
    users.pop("grace")  # her account is deleted
    got_in = let_in(client)
    assert not got_in, (
        f"[session_outlives_the_user] grace's account was deleted, and her session still opened the admin ({got_in})")


def on_the_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # a worker thread: no loop runs here
        return False
    return True


def test_every_login_costs_one_hash(client, monkeypatch):
    """The response time must not tell who has an account or who is an admin: every login does the same
    Argon2 work, (time_cost, memory_cost, parallelism) of each hash computed or verified, whichever library
    calls argon2, and none of it on the event loop."""
    work, loop = [], []
    hash_, verify = argon2.PasswordHasher.hash, argon2.PasswordHasher.verify

    def hashing(self, password, *args, **kwargs):
        work.append((self.time_cost, self.memory_cost, self.parallelism))
        loop.append(on_the_event_loop())
        return hash_(self, password, *args, **kwargs)

    def verifying(self, stored, password):
        found = argon2.extract_parameters(stored if isinstance(stored, str) else stored.decode())
        work.append((found.time_cost, found.memory_cost, found.parallelism))
        loop.append(on_the_event_loop())
        return verify(self, stored, password)

    monkeypatch.setattr(argon2.PasswordHasher, "hash", hashing)
    monkeypatch.setattr(argon2.PasswordHasher, "verify", verifying)
    done = {}
    for user, password in (("ada", "guess"), ("nobody", "guess"), ("bob", f"bob: {PASSWORD}"), ("bob", "guess"),
                           ("ada", f"ada: {PASSWORD}")):
        work.clear()
        client.post("/admin/login", data={"username": user, "password": password})
        done[user, password] = got = sorted(work)
        expected = done["ada", "guess"]  # a user who exists, with a wrong password: one hash of the stored kind
        if not got or len(got) != 1 or got != expected:
            assert got and expected, (
                f"a login as nobody, a username that does not exist, verified {len(got)} password hashes, expected 1"
                if user == "nobody" else
                f"a login as bob (not an admin), with his right password, verified {len(got)} password hashes, expected 1"
                if password != "guess" else
                f"a login as {user}, with a wrong password, verified {len(got)} password hashes, expected 1"
            ) + ": a login that answers sooner tells who has an account or who is an admin"
            assert got == expected, (
                f"[hash_work_differs] a login as {user} did the Argon2 work {got} (time_cost, memory_cost, parallelism of "
                f"each hash), a login as ada with a wrong password {expected}: a login that answers sooner or later tells "
                "who has an account or who is an admin")
        assert not any(loop), (
            f"[hash_on_the_event_loop] a login as {user} hashed on the event loop: while one Argon2 hash runs, "
            "no other request of the app is answered")


def test_a_password_is_checked_as_typed(client, monkeypatch):
    url = "/admin/book/list"
    response = client.get(url)
    assert response.status_code in (302, 303, 307), f"an anonymous visitor got {response.status_code} for {url}"
    monkeypatch.setitem(getattr(app_module, "USERS", {}), "hal", (SPACED_HASH, True))
    client.post("/admin/login", data={"username": "hal", "password": SPACED})
    response = client.get("/admin/book/list")
    assert response.status_code == 200, (
        f"[password_changed_before_the_check] hal (an admin) logged in with his password {SPACED!r} and got "
        f"{response.status_code}, expected 200: a password is checked exactly as it was typed")
    # Trimmed, in other letters' case, or without its letters beyond ASCII: each is another password.
    for typed in (SPACED.strip(), SPACED.upper(), SPACED.encode("ascii", "ignore").decode()):
        client.cookies.clear()
        client.post("/admin/login", data={"username": "hal", "password": typed})
        response = client.get("/admin/book/list")
        assert response.status_code != 200, (
            f"[password_changed_before_the_check] hal logged in with {typed!r}, which is not his password "
            f"{SPACED!r}, and got into the admin")


def test_a_login_lasts_hours_not_weeks(client, monkeypatch):
    """At most eight hours from the login, however it is written (the cookie's max_age, a login time kept in
    the session, both): every wall clock is moved (exercises/batteries/clock.py), not only itsdangerous'.
    "At most" is checked a minute past the eight hours: a little grace is a longer login."""
    response = client.post("/admin/login", data={"username": "ada", "password": f"ada: {PASSWORD}"})
    copy = dict(client.cookies)  # what a thief copies at the login
    assert copy, f"ada logged in and got no session cookie (the login answered {response.status_code})"
    renewed = False
    for hours in (2, 4, 6, 7.9, LATE):  # ada keeps using the admin; her login is 8 hours and a minute old at the end
        clock.later(monkeypatch, hours * 3600, app_module)
        response = client.get("/admin/book/list")
        renewed = renewed or bool(response.headers.get_list("set-cookie"))
    assert response.status_code != 200, (
        "[session_renewed_by_use] ada logged in, kept using the admin, and 8 hours and 1 minute after her login her "
        "session still opened it: a session written again at every request never ends" if renewed else
        "8 hours and 1 minute after her login, ada's session still opened the admin: a login lasts at most 8 hours")
    got_in = let_in(client)
    assert not got_in, (
        f"8 hours and 1 minute after her login, ada's session still let through {got_in}: a login lasts at most 8 "
        "hours, for every request of the admin")
    client.cookies.clear()
    client.cookies.update(copy)
    assert client.get("/admin/book/list").status_code != 200, (
        "a copy of ada's session cookie, taken at her login, still opened the admin 8 hours and 1 minute later: "
        "a login lasts at most 8 hours")
    # Any write of the session signs its cookie again, with the time of that write: a flashed message, a
    # preference kept in the session. Write ada's, unchanged, 7.9 hours after her login, as such a write would.
    signing = session_signing(client.app)
    if signing is None:  # no Starlette session: the reader keeps logins elsewhere, and the lines above judged them
        return
    name, signer = signing
    clock.later(monkeypatch, 7.9 * 3600, app_module)
    written_again = {name: signer.sign(signer.unsign(copy[name])).decode()} if name in copy else copy
    clock.later(monkeypatch, LATE * 3600, app_module)
    client.cookies.clear()
    client.cookies.update(written_again)
    status = client.get("/admin/book/list").status_code
    assert status != 200, (
        "[login_extended_by_a_session_write] ada's session, written again 7.9 hours after her login (as a flashed "
        f"message or any other write of the session does), still opened the admin 8 hours and 1 minute after the "
        f"login ({status})")
    got_in = let_in(client)
    assert not got_in, (
        f"[login_extended_by_a_session_write] 8 hours and 1 minute after her login, ada's session still let through "
        f"{got_in}: a login lasts at most 8 hours, for every request of the admin")
    # A session that lacks one of its keys (the login time, say), signed now: it must not open the admin for
    # longer than a login lasts, so a session with no login time counts as expired.
    if name not in copy:
        return
    data = json.loads(base64.b64decode(signer.unsign(copy[name])))
    for key in sorted(data):
        client.cookies.clear()
        client.cookies.update({name: signer.sign(base64.b64encode(json.dumps(
            {k: v for k, v in data.items() if k != key}).encode())).decode()})
        status = client.get("/admin/book/list").status_code
        assert status != 200, (
            f"[login_time_missing_lets_in] ada's session without its {key!r}, signed 8 hours and 1 minute after her "
            f"login, still opened the admin ({status}): a session with no login time must count as expired")


def test_logging_out_ends_the_session(client):
    url = "/admin/book/list"
    response = client.get(url)
    assert response.status_code in (302, 303, 307), f"an anonymous visitor got {response.status_code} for {url}"
    client.post("/admin/login", data={"username": "ada", "password": f"ada: {PASSWORD}"})
    assert client.get("/admin/book/list").status_code == 200, "ada logged in and was not let in"
    client.get("/admin/logout")
    response = client.get("/admin/book/list")
    assert response.status_code != 200, (
        f"[logout_keeps_the_session] ada logged out, and her browser's next request opened the admin "
        f"({response.status_code}): `logout()` must clear the session")


def session_middleware(app):
    """The Starlette session middleware of the admin (the app's routes, mounts included), as declared; None if none."""
    for route in getattr(app, "routes", []):
        for middleware in getattr(getattr(route, "app", None), "user_middleware", []):
            if middleware.cls is SessionMiddleware:
                return middleware
    return None


def session_secret(app) -> str | None:
    """The key the session middleware of the admin signs with: Starlette signs with `str(secret_key)`, so a
    `None` from `os.environ.get()` is the key "None" (None: no middleware)."""
    middleware = session_middleware(app)
    if middleware is None:
        return None
    return str(middleware.kwargs["secret_key"] if "secret_key" in middleware.kwargs else (middleware.args or [None])[0])


def session_signing(app) -> tuple[str, itsdangerous.TimestampSigner] | None:
    """The session cookie's name and a signer that signs as the admin's session middleware does."""
    middleware = session_middleware(app)
    if middleware is None:
        return None
    built = SessionMiddleware(app=None, secret_key=session_secret(app),
                              **{k: v for k, v in middleware.kwargs.items() if k != "secret_key"})
    return built.session_cookie, built.signer


def app_of(module, **kwargs):
    """The app the reader's module makes, its database closed (None when it refuses to start)."""
    try:
        app = module.create_app("sqlite://", **kwargs)
    except (Exception, SystemExit):  # noqa: BLE001 - refusing to start (sys.exit too) without the key is the right answer
        return None
    engine = getattr(getattr(app, "state", None), "engine", None)
    if engine is not None:
        engine.dispose()  # no connection left for the garbage collector to close (a ResourceWarning)
    return app


def no_hashing_at_start(monkeypatch):
    """The module is started again and again: its dummy hash, if it makes one, costs nothing here."""
    monkeypatch.setattr(argon2.PasswordHasher, "hash", lambda self, *args, **kwargs: GRACE_HASH)


def test_no_secret_in_the_source(monkeypatch):
    no_hashing_at_start(monkeypatch)
    key_of = lambda module: session_secret(app_of(module))  # noqa: E731
    for name in [n for n in os.environ if "SECRET" in n.upper() or "KEY" in n.upper()]:
        monkeypatch.delenv(name)
    # a create_app() that refused to start after making its engine leaves a connection open: its
    # ResourceWarning belongs to the reader's app, not to this check, whenever the collector finds it
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            module = secrets._started(monkeypatch, "app")
            key = key_of(module) if module else None
            assert key not in ("None", ""), (
                f"[secret_key_none] app.py, started without ADMIN_SECRET_KEY, signs sessions with the key {key!r}, "
                "expected no start: anyone can sign an admin session with that key")
            # it unsets every *SECRET* and *KEY* variable; Starlette signs with an empty key too
            secrets.check_no_literal_fallback(monkeypatch, "app", key_of, empty_is_refused=False)
            module = secrets._started(monkeypatch, "app")
            key = key_of(module) if module else None
            assert not key, (
                f"[secret_made_at_start] app.py, started without ADMIN_SECRET_KEY, made a secret key of its own ({key!r}): "
                "every restart logs everyone out, and each worker signs with a different key")
            monkeypatch.setenv("ADMIN_SECRET_KEY", "")  # `ADMIN_SECRET_KEY=` in a .env file, Compose's "" for an unset one
            module = secrets._started(monkeypatch, "app")
            key = key_of(module) if module else None
            assert key is None, (
                "[secret_key_empty] app.py, started with ADMIN_SECRET_KEY set but empty, signs sessions with the empty key, "
                "expected no start: anyone can sign an admin session with it")
        finally:
            module = None
            gc.collect()


def test_debug_mode_stays_off(monkeypatch):
    def debug_of(module):  # the app, and what it mounts: SQLAdmin's own Starlette app takes Admin(debug=...)
        apps = [app for app in (app_of(module, secret_key="test-only"), getattr(module, "app", None)) if app is not None]
        mounted = [route.app for app in apps for route in getattr(app, "routes", ()) if isinstance(route, Mount)]
        return any(getattr(app, "debug", False) for app in apps + mounted)

    no_hashing_at_start(monkeypatch)
    debug.check_debug_off(monkeypatch, "app", debug_of)


def test_the_session_cookie_is_safe(client):
    response = client.post("/admin/login", data={"username": "ada", "password": f"ada: {PASSWORD}"})
    cookies.check_login_cookies(response.headers.get_list("set-cookie"))
