"""Admin interfaces: Flask-Admin, SQLAdmin (FastAPI) and the Django admin, each with a login.

Each assertion is a claim the page makes; each `outputs.check` is a transcript the page shows.
Flask and FastAPI run in-process through their test clients. The Django admin needs
`django.contrib.admin` in INSTALLED_APPS, which the shared test settings do not have, so the
Django example runs as the reader runs it: the lines of run.sh (migrate, createsuperuser in a
terminal, runserver) in a subprocess, with a real HTTP client against the real server, where
CSRF checks are never skipped.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import ClassVar

import httpx2
import pytest
from fastapi.testclient import TestClient
from flask import Flask
from sqladmin import Admin as SQLAdmin
from sqladmin import ModelView as SQLAdminModelView
from sqlalchemy import create_engine, event
from sqlalchemy import select as sa_select
from sqlalchemy.orm import Session

from compare.admin import drive, fastapi_app, flask_app, flask_open
from compare.admin.fastapi_models import Book as SABook
from compare.admin.fastapi_models import User as SAUser
from compare.admin.flask_models import Book, User, db
from guide_tools.runtime.drive import converse, make_app, result_rows, send, shown_part
from guide_tools.website.content import SNIPPETS
from tests.support import bursts
from tests.support.capture import render
from tests.support.databases import dispose_flask_db
from tests.support.services import python_env, run_server
from tests.support.shell import shown_commands

TOPIC = SNIPPETS / "compare/admin"
OUT = "compare/admin/out"

BOOKS = drive.BOOKS  # (title, author, year, in print): what the page's Run adds too
# Test-only credentials (strong enough for Django's password validators).
ADMIN, ADMIN_PASSWORD = "ada", "plum-orbit-5281"
USER, USER_PASSWORD = "bob", "fern-canyon-7730"
STAFF, STAFF_PASSWORD = "cy", "moss-harbor-4419"
SECRET = "test-only-not-secret"

FLASK_TOKENS = [
    (re.compile(r'(name="csrf_token" type="hidden" value=")[^"]+'), r"\1<token>"),
    (re.compile(r"(session=)[^;]+"), r"\1<token>"),
]


# --------------------------------------------------------------------------- helpers


def titles(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", row.splitlines()[1]).strip() for row in result_rows(html)]


def rows(response, request: str) -> str:
    """The transcript of a change list as the pages show it: its count and rows (drive.py's CUT "rows")."""
    return shown_part("rows", render(response, request))


def flask_token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


# =========================================================================== Flask-Admin


def seed_flask(app: Flask) -> None:
    with app.app_context():
        db.create_all()
        db.session.add_all(Book(title=t, author=a, year=y, in_print=p) for t, a, y, p in BOOKS)
        for name, password, is_admin in [(ADMIN, ADMIN_PASSWORD, True), (USER, USER_PASSWORD, False)]:
            user = User(username=name, is_admin=is_admin)
            user.set_password(password)
            db.session.add(user)
        db.session.commit()


@pytest.fixture(scope="module")
def flask_secured(tmp_path_factory):
    path = tmp_path_factory.mktemp("flask-admin") / "bookshop.db"
    app = flask_app.create_app({"SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    seed_flask(app)
    yield app
    dispose_flask_db(app)


def flask_login(app: Flask, username: str, password: str):
    client = app.test_client()
    token = flask_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"csrf_token": token, "username": username, "password": password})
    return client, response


def test_flask_login_sets_a_lax_session_cookie(flask_secured):
    """The login cookie is HttpOnly and SameSite=Lax, as the exercise asks: without SESSION_COOKIE_SAMESITE
    Flask writes no SameSite, and Firefox and Safari send such a cookie with other sites' posts."""
    _, response = flask_login(flask_secured, ADMIN, ADMIN_PASSWORD)
    cookie = response.headers["Set-Cookie"].lower()
    assert cookie.startswith("session=") and "httponly" in cookie and "samesite=lax" in cookie


@pytest.fixture(scope="module")
def flask_admin_client(flask_secured):
    client, response = flask_login(flask_secured, ADMIN, ADMIN_PASSWORD)
    assert response.status_code == 302 and response.headers["Location"] == "/admin/"
    return client


def test_flask_admin_has_no_authentication_of_its_own(tmp_path, outputs, request):
    app = flask_open.create_app({"SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'open.db'}"})
    request.addfinalizer(lambda: dispose_flask_db(app))
    seed_flask(app)
    anyone = app.test_client()  # never logged in
    listing = anyone.get("/admin/book/")
    assert listing.status_code == 200 and "The Hobbit" in listing.get_data(as_text=True)
    # Nor CSRF protection: a bare POST from anywhere creates a row.
    response = anyone.post("/admin/book/new/", data={"title": "Forged", "author": "Nobody", "year": "2024", "in_print": "y"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(Book).filter_by(title="Forged")) is not None
    page = make_app(drive.APPS["flask"])  # the page's Run: a fresh app, its tables made first (SETUP)
    request.addfinalizer(lambda: dispose_flask_db(page))
    outputs.check(f"{OUT}/flask_open_create.txt", converse(page.test_client(), drive, "flask_open_create.txt"),
                  normalisers=FLASK_TOKENS)
    with page.app_context():
        assert [book.title for book in db.session.scalars(db.select(Book))] == ["Forged"]


def test_flask_anonymous_is_sent_to_login(flask_secured, outputs):
    client = flask_secured.test_client()
    response = client.get("/admin/book/")
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert client.get("/admin/").status_code == 302  # the index view is protected too
    # The page's transcript, from a fresh app (it does not run in the browser: drive.py, scrypt).
    page = flask_app.create_app({"SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    try:
        outputs.check(f"{OUT}/flask_redirect.txt", send(page.test_client(), "GET /admin/book/"), normalisers=FLASK_TOKENS)
    finally:
        dispose_flask_db(page)


def test_flask_logged_in_user_without_rights_gets_403(flask_secured):
    client, response = flask_login(flask_secured, USER, USER_PASSWORD)
    assert response.status_code == 302  # the login itself works: bob is a user
    assert client.get("/admin/book/").status_code == 403
    assert client.get("/admin/").status_code == 403


def test_flask_login_rejects_bad_password_and_missing_token(flask_secured):
    client = flask_secured.test_client()
    token = flask_token(client.get("/login").get_data(as_text=True))
    wrong = client.post("/login", data={"csrf_token": token, "username": ADMIN, "password": "guess"})
    assert wrong.status_code == 400 and "Wrong username or password." in wrong.get_data(as_text=True)
    no_token = client.post("/login", data={"username": ADMIN, "password": ADMIN_PASSWORD})
    assert no_token.status_code == 400 and "The CSRF token is missing." in no_token.get_data(as_text=True)


def test_flask_search(flask_admin_client, outputs):
    response = flask_admin_client.get("/admin/book/?search=tolkien")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert titles(html) == ["The Hobbit", "The Silmarillion"]  # column_default_sort = "title"
    outputs.check(f"{OUT}/flask_search.txt", rows(response, "GET /admin/book/?search=tolkien"),
                  normalisers=FLASK_TOKENS)


def test_flask_search_words_must_each_match(flask_admin_client):
    html = flask_admin_client.get("/admin/book/?search=tolkien hobbit").get_data(as_text=True)
    assert titles(html) == ["The Hobbit"]  # each word matches some column


def test_flask_default_order_and_filter(flask_admin_client):
    everything = flask_admin_client.get("/admin/book/").get_data(as_text=True)
    assert titles(everything) == sorted(b[0] for b in BOOKS)
    out_of_print = flask_admin_client.get("/admin/book/?flt0_0=0").get_data(as_text=True)  # In Print equals No
    assert titles(out_of_print) == ["The Left Hand of Darkness"]


def test_flask_excluded_column_cannot_be_written(flask_secured, flask_admin_client):
    form = flask_admin_client.get("/admin/book/edit/?id=1").get_data(as_text=True)
    assert 'name="added"' not in form and 'name="title"' in form
    with flask_secured.app_context():
        before = db.session.get(Book, 1).added
    response = flask_admin_client.post("/admin/book/edit/?id=1", data={
        "csrf_token": flask_token(form), "title": "The Hobbit", "author": "J. R. R. Tolkien", "year": "1937",
        "in_print": "y", "added": "1999-01-01 00:00:00",
    })
    assert response.status_code == 302
    with flask_secured.app_context():
        assert db.session.get(Book, 1).added == before


def test_flask_secure_form_checks_csrf_on_delete(flask_secured, flask_admin_client):
    with flask_secured.app_context():
        book = Book(title="Doomed", author="Anyone", year=2000)
        db.session.add(book)
        db.session.commit()
        book_id = book.id
    forged = flask_admin_client.post("/admin/book/delete/", data={"id": str(book_id)})
    assert forged.status_code == 302  # redirected back with an error flashed ...
    with flask_secured.app_context():
        assert db.session.get(Book, book_id) is not None  # ... and nothing deleted
    listing = flask_admin_client.get("/admin/book/").get_data(as_text=True)
    token = flask_token(listing)  # the list page's delete buttons carry the token
    assert flask_admin_client.post("/admin/book/delete/", data={"id": str(book_id), "csrf_token": token}).status_code == 302
    with flask_secured.app_context():
        assert db.session.get(Book, book_id) is None


def test_flask_secure_form_token_lasts_the_whole_login(flask_secured, monkeypatch):
    """SecureForm's token expires after 30 minutes by default (WTForms' SessionCSRF), and a later save
    came back as the same form, 200, unsaved, with only Flask-Admin's "Failed to save record." (2.1+)
    and not the reason, which belongs to the hidden field. With csrf_time_limit = None it lasts
    as long as the session, which end_old_logins ends eight hours after the login; still bound to it."""
    from datetime import datetime, timedelta

    from wtforms.csrf.session import SessionCSRF

    start = time.time()
    client, _ = flask_login(flask_secured, ADMIN, ADMIN_PASSWORD)
    edit = "/admin/book/edit/?id=3"
    token = flask_token(client.get(edit).get_data(as_text=True))
    title, author, year, _ = BOOKS[2]
    form = {"title": title, "author": author, "year": str(year), "in_print": "y"}
    stranger, _ = flask_login(flask_secured, ADMIN, ADMIN_PASSWORD)  # another login, its own session
    for refused in (
        stranger.post(edit, data={**form, "csrf_token": token}),  # not its token
        client.post(edit, data=form),  # no token
    ):
        page = refused.get_data(as_text=True)
        assert refused.status_code == 200 and "Failed to save record." in page
        assert "CSRF token" not in page and "CSRF" not in page.replace("csrf_token", "")  # no reason shown
    clock_at(monkeypatch, start + 7 * 3600 + 59 * 60)  # the login's clock (itsdangerous, end_old_logins)
    later = datetime.now() + timedelta(hours=7, minutes=59)  # SessionCSRF's clock
    monkeypatch.setattr(SessionCSRF, "now", lambda self: later)
    saved = client.post(edit, data={**form, "csrf_token": token})
    assert saved.status_code == 302 and saved.headers["Location"].startswith("/admin/book/")


def test_flask_theme_and_admin_url(tmp_path, monkeypatch, request):
    monkeypatch.setenv("FLASK_ADMIN_URL", "/backstage")  # from_prefixed_env: config["ADMIN_URL"]
    app = flask_app.create_app({"SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'b.db'}"})
    request.addfinalizer(lambda: dispose_flask_db(app))
    seed_flask(app)
    client, _ = flask_login(app, ADMIN, ADMIN_PASSWORD)
    index = client.get("/backstage/")
    assert index.status_code == 200
    assert "bootstrap/bootstrap4/swatch/flatly/bootstrap.min.css" in index.get_data(as_text=True)
    assert client.get("/backstage/book/").status_code == 200
    assert client.get("/admin/").status_code == 404


def test_flask_admin_url_belongs_to_a_custom_index_view(tmp_path):
    from flask_admin import Admin

    app = Flask("url")
    Admin(app, url="/backstage", index_view=flask_app.IndexView())  # url= is ignored for the given view
    assert {r.rule for r in app.url_map.iter_rules() if r.endpoint == "admin.index"} == {"/admin/"}


def test_flask_readonly_widget_is_only_an_html_attribute(tmp_path, request):
    from flask_admin import Admin
    from flask_admin.contrib.sqla import ModelView

    class WidgetView(ModelView):  # the common "read-only" recipe, which this page does not use
        form_widget_args: ClassVar = {"added": {"readonly": True}}

    app = Flask("widget")
    app.config.update(SECRET_KEY=SECRET, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'w.db'}")
    db.init_app(app)
    request.addfinalizer(lambda: dispose_flask_db(app))
    Admin(app).add_view(WidgetView(Book, db))
    seed_flask(app)
    client = app.test_client()
    assert 'readonly' in client.get("/admin/book/edit/?id=1").get_data(as_text=True)
    client.post("/admin/book/edit/?id=1", data={
        "title": "The Hobbit", "author": "J. R. R. Tolkien", "year": "1937", "in_print": "y", "added": "1999-01-01 00:00:00",
    })
    with app.app_context():
        assert db.session.get(Book, 1).added.year == 1999  # the browser would not let you type it; a POST sets it


def test_flask_app_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("FLASK_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="FLASK_SECRET_KEY"):
        flask_app.create_app()


def test_flask_admin_1x_arguments_are_gone():
    from flask_admin import Admin
    from flask_admin.contrib.sqla import ModelView

    with pytest.raises(ModuleNotFoundError):
        __import__("flask.ext.admin")  # flask.ext went away in Flask 1.0
    with pytest.raises(TypeError, match="template_mode"):
        Admin(Flask("old"), template_mode="bootstrap3")  # Flask-Admin 1.x; 2.0 replaced it with theme=
    with pytest.warns(DeprecationWarning, match=r"ModelView\(User, db\) instead of ModelView\(User, db.session\)"):
        ModelView(Book, db.session)  # deprecated in 2.1: pass db


def test_flask_login_costs_a_hash_for_every_username(flask_secured, monkeypatch):
    """Timing must not tell which usernames exist: an unknown one is checked against DUMMY_HASH."""
    from compare.admin import flask_models

    calls = []
    real = flask_models.check_password_hash

    def spy(hashed, password):
        calls.append(hashed)
        return real(hashed, password)

    monkeypatch.setattr(flask_models, "check_password_hash", spy)
    monkeypatch.setattr(flask_app, "check_password_hash", spy)
    for username in ["nobody", USER, ADMIN]:
        _, response = flask_login(flask_secured, username, "guess")
        assert response.status_code == 400
    with flask_secured.app_context():
        hashes = {u.username: u.password_hash for u in db.session.scalars(db.select(User))}
    assert calls == [flask_app.DUMMY_HASH, hashes[USER], hashes[ADMIN]]


# =========================================================================== SQLAdmin (FastAPI)


def seed_sqlalchemy(url: str) -> None:
    engine = create_engine(url)
    with Session(engine) as session:
        session.add_all(SABook(title=t, author=a, year=y, in_print=p) for t, a, y, p in BOOKS)
        for name, password, is_admin in [(ADMIN, ADMIN_PASSWORD, True), (USER, USER_PASSWORD, False)]:
            session.add(SAUser(username=name, is_admin=is_admin, password_hash=fastapi_app.password_hash.hash(password)))
        session.commit()
    engine.dispose()


# What SQLAdmin's add_view() sets on the view class itself, not on the one Admin's instance.
ADMIN_VIEW_STATE = ("_admin_ref", "session_maker", "is_async", "ajax_lookup_url", "templates")


@pytest.fixture(autouse=True)
def _each_sqladmin_app_keeps_its_own_engine():
    """SQLAdmin's add_view() stores the Admin's session maker (so its engine), templates and itself on
    the view *class*: in one process, every app made with BookAdmin reads through the engine of the app
    made last. The chapter's app is made once per process; the tests make several. So BookAdmin gets
    back what it had once a test that made its own app ends: the module's app goes on reading its own
    database, and the test's engine, disposed by its app's shutdown, is not kept alive and used again
    (its new connections were left to the garbage collector: ResourceWarning "unclosed database" in
    whichever later test the collector ran, on another module's test once in CI)."""
    view = fastapi_app.BookAdmin
    saved = {name: view.__dict__[name] for name in ADMIN_VIEW_STATE if name in view.__dict__}
    yield
    for name in ADMIN_VIEW_STATE:
        if name in saved:
            setattr(view, name, saved[name])
        elif name in view.__dict__:
            delattr(view, name)


@pytest.fixture(scope="module")
def sqladmin_db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('sqladmin') / 'bookshop.db'}"
    app = fastapi_app.create_app(url, SECRET)  # creates the tables
    seed_sqlalchemy(url)
    with TestClient(app):  # its lifespan's shutdown disposes of the engine once the module is done
        yield url, app


@pytest.fixture
def fastapi_client(sqladmin_db):
    _, app = sqladmin_db
    with TestClient(app, follow_redirects=False) as client:
        yield client


@pytest.fixture
def fastapi_admin(fastapi_client):
    response = fastapi_client.post("/admin/login", data={"username": ADMIN, "password": ADMIN_PASSWORD})
    assert response.status_code == 302
    return fastapi_client


def test_sqladmin_login_costs_a_hash_for_every_username(fastapi_client, sqladmin_db, monkeypatch):
    """Timing must not tell which usernames exist or which are administrators: every username costs
    one hash (DUMMY_HASH for an unknown one), and is_admin is checked after it."""
    calls = []
    real = fastapi_app.password_hash.verify
    monkeypatch.setattr(fastapi_app.password_hash, "verify", lambda pw, h: calls.append(h) or real(pw, h))
    for username, password in [("nobody", "guess"), (USER, "guess"), (USER, USER_PASSWORD), (ADMIN, "guess")]:
        response = fastapi_client.post("/admin/login", data={"username": username, "password": password})
        assert response.status_code == 400
    engine = create_engine(sqladmin_db[0])
    with Session(engine) as session:
        hashes = {u.username: u.password_hash for u in session.scalars(sa_select(SAUser))}
    engine.dispose()
    assert calls == [fastapi_app.DUMMY_HASH, hashes[USER], hashes[USER], hashes[ADMIN]]


def test_sqladmin_hashing_runs_at_most_four_at_once(fastapi_client, monkeypatch):
    """Each Argon2 verify holds 64 MiB, and the login is anonymous: without a bound, AnyIO's 40
    threads hash 40 logins at once (40 x 64 MiB = 2.5 GiB). The semaphore caps it at four."""
    from concurrent.futures import ThreadPoolExecutor

    hashing = bursts.Overlap()

    def verify(password, hashed):
        with hashing:
            time.sleep(0.05)
        return False

    monkeypatch.setattr(fastapi_app.password_hash, "verify", verify)
    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(
            lambda n: fastapi_client.post("/admin/login", data={"username": f"u{n}", "password": "x"}), range(12)))
    assert [a.status_code for a in answers] == [400] * 12  # all served, never more than 4 hashing
    assert hashing.most == 4


def test_sqladmin_login_answers_503_while_every_hashing_slot_is_busy(fastapi_client):
    """Note 4, with the shipped wait: a login that finds no free slot gets 503 after two seconds,
    not sooner and not after a minute of holding its connection."""
    import anyio

    slots, portal = fastapi_app.HASHING_SLOTS, fastapi_client.portal  # the semaphore lives on the app's event loop
    for _ in range(4):
        portal.call(slots.acquire_nowait)
    try:
        with pytest.raises(anyio.WouldBlock):  # exactly four slots
            portal.call(slots.acquire_nowait)
        started = time.monotonic()
        response = fastapi_client.post("/admin/login", data={"username": ADMIN, "password": ADMIN_PASSWORD})
        waited = time.monotonic() - started
    finally:
        for _ in range(4):
            portal.call(slots.release)
    assert response.status_code == 503
    assert 2.0 <= waited < 3.0  # "within two seconds"
    assert response.headers["Retry-After"] == "1"
    assert "session" not in response.cookies
    assert fastapi_client.post("/admin/login", data={"username": ADMIN, "password": ADMIN_PASSWORD}).status_code == 302


def test_flask_login_has_no_bound_on_hashes_at_once(flask_secured, monkeypatch):
    """The page: SQLAdmin's login bounds how many hashes run at once; "Flask's has no such bound and
    needs one under a threaded server". Eight logins from eight threads at once (twice SQLAdmin's
    four slots): all eight are inside the password check together, each holding its memory. A
    bound of four would keep the other four out, and the barrier would break."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    together = threading.Barrier(8, timeout=10)

    def check(hashed: str, password: str) -> bool:
        together.wait()  # returns only once all eight are checking at the same time
        return False

    monkeypatch.setattr(flask_app, "check_password_hash", check)
    with ThreadPoolExecutor(8) as clients:
        answers = list(clients.map(lambda n: flask_login(flask_secured, f"nobody{n}", "x")[1].status_code, range(8)))
    assert answers == [400] * 8
    assert not together.broken


def test_sqladmin_answers_while_its_login_is_flooded(fastapi_admin, sqladmin_db, monkeypatch):
    """The page: the logins beyond four wait for a slot on the event loop. At the scale that tells
    the two apart, more logins at once than AnyIO's 40 threads + 4 slots (60, each hash hanging
    until the end): the signed-in admin's book list, whose authenticate() takes a thread, still
    answers at once. Waiting for the slot inside the thread (a threading semaphore around the
    hash) let the flood take all 40 threads, and the list waited for one."""
    _, app = sqladmin_db
    cookie = fastapi_admin.cookies.get("session")
    hang = bursts.HangingHash()
    monkeypatch.setattr(fastapi_app.password_hash, "verify", hang)
    monkeypatch.setattr(fastapi_app, "HASHING_WAIT_SECONDS", 5.0)

    books, logins = bursts.while_logins_hash(
        app, "http://testserver", "/admin/login",
        lambda client: client.get("/admin/book/list", headers={"Cookie": f"session={cookie}"}), hang)
    assert books.status_code == 200
    assert sorted(set(logins)) == [400]  # the flood is served too, four at a time
    assert len(hang.started) == 60


def test_sqladmin_anonymous_is_sent_to_login(fastapi_client, outputs):
    response = fastapi_client.get("/admin/book/list")
    assert response.status_code == 302
    assert response.headers["location"] == "http://testserver/admin/login"
    assert fastapi_client.get("/admin/").status_code == 302
    outputs.check(f"{OUT}/fastapi_redirect.txt", render(response, "GET /admin/book/list"))


def test_sqladmin_login_sets_a_lax_session_cookie(fastapi_client, outputs):
    response = fastapi_client.post("/admin/login", data={"username": ADMIN, "password": ADMIN_PASSWORD})
    assert response.status_code == 302 and response.headers["location"] == "http://testserver/admin/"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    outputs.check(
        f"{OUT}/fastapi_login.txt",
        render(response, f"POST /admin/login  (username={ADMIN}&password=…)"),
        normalisers=[(re.compile(r"(session=)[^;]+"), r"\1<signed session>")],
    )


def test_sqladmin_logout_clears_the_session(fastapi_admin):
    response = fastapi_admin.get("/admin/logout")
    assert response.status_code == 302 and response.headers["location"] == "http://testserver/admin/"
    assert fastapi_admin.get("/admin/book/list").status_code == 302


def test_sqladmin_refuses_users_who_are_not_admins(fastapi_client):
    response = fastapi_client.post("/admin/login", data={"username": USER, "password": USER_PASSWORD})
    assert response.status_code == 400 and "Invalid credentials." in response.text
    assert fastapi_client.get("/admin/book/list").status_code == 302


def clock_at(monkeypatch, moment: float) -> None:
    """Set the clock both signed cookies are checked against (itsdangerous reads time.time())."""
    import itsdangerous.timed

    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: moment)


def test_flask_admin_session_ends_after_eight_hours(flask_secured, monkeypatch):
    """Eight hours from the login, however busy: every save flashes a message, which re-signs the cookie."""
    start = time.time()
    client, _ = flask_login(flask_secured, ADMIN, ADMIN_PASSWORD)
    clock_at(monkeypatch, start + 7 * 3600)
    edit = "/admin/book/edit/?id=1"
    title, author, year, _ = BOOKS[0]
    saved = client.post(edit, data={"csrf_token": flask_token(client.get(edit).get_data(as_text=True)),
                                    "title": title, "author": author, "year": str(year), "in_print": "y"})
    assert saved.status_code == 302 and saved.headers["Location"].startswith("/admin/book/")
    assert "session=" in saved.headers["Set-Cookie"]  # the flash re-signed it: Flask alone would count from here
    clock_at(monkeypatch, start + 8 * 3600 - 60)
    assert client.get("/admin/").status_code == 200
    clock_at(monkeypatch, start + 8 * 3600 + 60)
    response = client.get("/admin/")
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    clock_at(monkeypatch, start + 8 * 3600 + 120)
    assert client.get("/admin/").status_code == 302  # logged out, not just turned away once


def test_flask_session_cookie_is_refused_eight_hours_after_it_was_signed(flask_secured, monkeypatch):
    """Setup note 1: Flask accepts a session cookie's signature for PERMANENT_SESSION_LIFETIME after it
    was signed, 31 days by default, permanent session or not. end_old_logins ends a login after eight
    hours; the setting bounds every other session cookie as well: here the one the login form signs
    (its CSRF token) before anyone logs in, or a copy of a cookie nobody has used since."""
    from datetime import timedelta

    from flask import request

    lifetime = timedelta(hours=8)
    assert flask_secured.permanent_session_lifetime == lifetime  # not Flask's 31 days
    start = time.time()
    client = flask_secured.test_client()
    client.get("/login")
    cookie = client.get_cookie("session").value

    def opened() -> dict:
        """The session Flask finds in the cookie, at the clock's time (empty: the signature was refused)."""
        with flask_secured.test_request_context(headers={"Cookie": f"session={cookie}"}):
            return dict(flask_secured.session_interface.open_session(flask_secured, request))

    assert "csrf_token" in opened()
    clock_at(monkeypatch, start + lifetime.total_seconds() - 60)
    assert "csrf_token" in opened()
    clock_at(monkeypatch, start + lifetime.total_seconds() + 60)
    assert opened() == {}
    response = client.get("/login")  # over HTTP: a new session, not the old cookie's
    assert client.get_cookie("session").value != cookie and response.status_code == 200

def test_sqladmin_session_ends_after_eight_hours(sqladmin_db, monkeypatch):
    """Eight hours from the login (note 8), however the session is used or written: the pages leave
    it alone, and a flashed message, which writes it (and would restart `max_age` alone), does not
    extend it either. Every 7 hours, as in the Flask test: `max_age` alone would never end."""
    from sqladmin import Flash
    from starlette.responses import RedirectResponse

    app = fastapi_app.create_app(sqladmin_db[0], SECRET)
    admin_app = next(route.app for route in app.routes if getattr(route, "path", None) == "/admin")

    async def reprint(request):  # what an @action that reports back does
        Flash.success(request, "Marked for reprint.")
        return RedirectResponse("/admin/book/list", 302)

    admin_app.add_route("/reprint", reprint, methods=["POST"])
    start = time.time()
    with TestClient(app, follow_redirects=False) as client:
        response = client.post("/admin/login", data={"username": ADMIN, "password": ADMIN_PASSWORD})
        assert "Max-Age=28800;" in response.headers["set-cookie"]
        copy = dict(client.cookies)  # the cookie as the login sent it
        clock_at(monkeypatch, start + 7 * 3600)
        for used in (client.get("/admin/book/list"), client.get("/admin/book/create"),
                     client.post("/admin/book/create", data={"title": "Busy", "author": "Ada", "year": "2020"})):
            assert used.status_code in (200, 302) and "set-cookie" not in used.headers  # not sent again
        flashed = client.post("/admin/reprint")
        assert flashed.status_code == 302 and "Max-Age=28800;" in flashed.headers["set-cookie"]  # written: 8 h from here
        assert client.get("/admin/book/list").status_code == 200
        clock_at(monkeypatch, start + 8 * 3600 - 60)
        assert client.get("/admin/book/list").status_code == 200
        clock_at(monkeypatch, start + 8 * 3600 + 60)
        assert client.get("/admin/book/list").status_code == 302  # the flashed cookie is still valid: the login time ends it
        client.cookies.clear()
        client.cookies.update(copy)
        assert client.get("/admin/book/list").status_code == 302
    engine = create_engine(sqladmin_db[0])
    with Session(engine) as session:
        session.delete(session.scalar(sa_select(SABook).filter_by(title="Busy")))  # saved at 7 h
        session.commit()
    engine.dispose()


def test_sqladmin_refuses_a_session_without_a_login_time(sqladmin_db, monkeypatch):
    """A cookie signed with the app's key that names an admin but holds no login time (one written before
    the login time was kept) opens nothing: it counts as expired, and the admin logs in again (note 8)."""
    import json
    from base64 import b64decode, b64encode

    import itsdangerous

    app = fastapi_app.create_app(sqladmin_db[0], SECRET)
    signer = itsdangerous.TimestampSigner(SECRET)  # what Starlette's SessionMiddleware signs with
    with TestClient(app, follow_redirects=False) as client:
        client.post("/admin/login", data={"username": ADMIN, "password": ADMIN_PASSWORD})
        assert client.get("/admin/book/list").status_code == 200
        session = json.loads(b64decode(signer.unsign(client.cookies["session"])))
        assert set(session) == {"user_id", "login_at"}

        def signed(session: dict) -> int:  # the admin's answer to a cookie signed with the app's key
            client.cookies.clear()
            client.cookies.set("session", signer.sign(b64encode(json.dumps(session).encode())).decode())
            return client.get("/admin/book/list").status_code

        assert signed(session) == 200  # the forged cookie is read
        assert signed({"user_id": session["user_id"]}) == 302
        now = time.time()
        clock_at(monkeypatch, now)  # the eight hours to the second: the last one still opens the admin
        lifetime = fastapi_app.LOGIN_LIFETIME_SECONDS
        assert signed({"user_id": session["user_id"], "login_at": now - lifetime}) == 200
        assert signed({"user_id": session["user_id"], "login_at": now - lifetime - 1}) == 302


def test_sqladmin_redirects_name_the_requests_host(sqladmin_db):
    """The exercise's statement: SQLAdmin's redirects are absolute URLs built from the request's Host,
    so a forged Host sends the visitor elsewhere, until TrustedHostMiddleware (or the proxy) pins it."""
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    app = fastapi_app.create_app(sqladmin_db[0], SECRET)
    with TestClient(app, follow_redirects=False) as client:
        for path in ("/admin/", "/admin/book/list"):
            response = client.get(path, headers={"Host": "evil.example"})
            assert response.status_code == 302 and response.headers["location"].startswith("http://evil.example/admin/")
    pinned = fastapi_app.create_app(sqladmin_db[0], SECRET)
    pinned.add_middleware(TrustedHostMiddleware, allowed_hosts=["testserver"])
    with TestClient(pinned, follow_redirects=False) as client:
        assert client.get("/admin/", headers={"Host": "evil.example"}).status_code == 400
        assert client.get("/admin/").headers["location"] == "http://testserver/admin/login"


def test_sqladmin_search(fastapi_admin, outputs):
    response = fastapi_admin.get("/admin/book/list?search=tolkien")
    assert response.status_code == 200
    assert titles(response.text) == ["The Hobbit", "The Silmarillion"]
    outputs.check(f"{OUT}/fastapi_search.txt", rows(response, "GET /admin/book/list?search=tolkien"))


def test_sqladmin_search_matches_the_whole_phrase(fastapi_admin):
    assert titles(fastapi_admin.get("/admin/book/list?search=tolkien hobbit").text) == []
    assert titles(fastapi_admin.get("/admin/book/list?search=hobbit").text) == ["The Hobbit"]


def test_sqladmin_default_order_and_filter(fastapi_admin):
    assert titles(fastapi_admin.get("/admin/book/list").text) == sorted(b[0] for b in BOOKS)
    assert titles(fastapi_admin.get("/admin/book/list?in_print=false").text) == ["The Left Hand of Darkness"]


def test_sqladmin_forms_have_no_csrf_token(fastapi_admin, sqladmin_db):
    form = fastapi_admin.get("/admin/book/create").text
    assert 'name="title"' in form and 'name="added"' not in form
    assert "csrf" not in form.lower()
    with TestClient(sqladmin_db[1], follow_redirects=False) as stranger:  # no session cookie
        refused = stranger.post("/admin/book/create", data={"title": "Stranger", "author": "X", "year": "1"})
        assert refused.status_code == 302 and refused.headers["location"] == "http://testserver/admin/login"
    # From a sibling subdomain (same site, so SameSite=Lax sends the cookie): nothing looks at Origin.
    response = fastapi_admin.post("/admin/book/create", data={"title": "Posted", "author": "Anyone", "year": "2001"},
                                  headers={"Origin": "https://blog.example.com"})
    assert response.status_code == 302  # the session cookie is all it takes
    engine = create_engine(sqladmin_db[0])
    with Session(engine) as session:
        book = session.scalar(sa_select(SABook).filter_by(title="Posted"))
        assert book is not None and book.added is not None  # set by the model's default, not the form
        session.delete(book)
        session.commit()
    engine.dispose()


def test_sqladmin_checks_the_user_on_every_request(fastapi_admin, sqladmin_db):
    assert fastapi_admin.get("/admin/book/list").status_code == 200
    engine = create_engine(sqladmin_db[0])
    with Session(engine) as session:
        session.get(SAUser, 1).is_admin = False
        session.commit()
        try:
            assert fastapi_admin.get("/admin/book/list").status_code == 302  # demoted: out at once
        finally:
            session.get(SAUser, 1).is_admin = True
            session.commit()
    engine.dispose()


def test_sqladmin_engine_serves_until_shutdown_and_is_closed_then(tmp_path, monkeypatch):
    """The setup's comment: the pool's connections are "closed at shutdown". A real lifespan, on the
    app's own engine (watched from the moment create_app makes it): startup closes nothing, so the
    connection create_all opened is the one a request then reads through, and shutdown closes
    every connection the pool opened."""
    opened, closed = [], []

    def watched_engine(*args, **kwargs):
        engine = create_engine(*args, **kwargs)
        event.listen(engine, "connect", lambda dbapi_connection, record: opened.append(dbapi_connection))
        event.listen(engine, "close", lambda dbapi_connection, record: closed.append(dbapi_connection))
        return engine

    monkeypatch.setattr(fastapi_app, "create_engine", watched_engine)
    app = fastapi_app.create_app(f"sqlite:///{tmp_path / 'lifespan.db'}", SECRET)
    assert len(opened) == 1 and closed == []  # create_all's connection, back in the pool
    with TestClient(app, follow_redirects=False) as client:  # startup
        assert closed == [], "startup closed the pool's connections"
        response = client.post("/admin/login", data={"username": "nobody", "password": "x"})  # reads users
        assert response.status_code == 400 and "Invalid credentials." in response.text
        assert len(opened) == 1 and closed == []  # served from the pool, still open
    assert closed == opened, "shutdown left pool connections open"  # shutdown


def test_sqladmin_admin_url_and_secret_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ADMIN_URL", "/backstage")
    monkeypatch.setenv("ADMIN_SECRET_KEY", SECRET)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    with TestClient(fastapi_app.create_app(), follow_redirects=False) as client:
        assert client.get("/backstage/login").status_code == 200
        assert client.get("/admin/login").status_code == 404
    monkeypatch.delenv("ADMIN_SECRET_KEY")
    with pytest.raises(RuntimeError, match="ADMIN_SECRET_KEY"):
        fastapi_app.create_app(f"sqlite:///{tmp_path / 'env.db'}")


def test_sqladmin_refuses_to_start_with_an_empty_secret_key(tmp_path, monkeypatch):
    """`ADMIN_SECRET_KEY=` in a .env file, or Compose filling an unset `${ADMIN_SECRET_KEY}` with "": Starlette
    would sign with the empty key, and anyone could forge a session. Unset or empty, the app does not start."""
    monkeypatch.setenv("ADMIN_SECRET_KEY", "")
    with pytest.raises(RuntimeError, match="ADMIN_SECRET_KEY"):
        fastapi_app.create_app(f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(RuntimeError, match="ADMIN_SECRET_KEY"):
        fastapi_app.create_app(f"sqlite:///{tmp_path / 'empty.db'}", "")


def test_sqladmin_brings_its_templates_and_static_files(fastapi_client):
    css = fastapi_client.get("/admin/statics/css/tabler.min.css")  # mounted by Admin, from the package
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert 'name="password"' in fastapi_client.get("/admin/login").text  # its own login page template


def test_sqladmin_session_cookie_options():
    from sqladmin.authentication import AuthenticationBackend

    middleware = AuthenticationBackend(SECRET, https_only=True).middlewares[0]
    assert middleware.kwargs == {"secret_key": SECRET, "https_only": True}  # handed to SessionMiddleware


def test_sqladmin_needs_the_auth_extra_for_sessions():
    import importlib.metadata
    import inspect

    # Starlette's SessionMiddleware needs itsdangerous; SQLAdmin lists it under its `auth` extra.
    assert "itsdangerous ; extra == 'auth'" in importlib.metadata.requires("sqladmin")
    assert "authorization_backend" in inspect.signature(SQLAdmin).parameters  # per-action permissions: yours to write


def test_sqladmin_without_a_backend_is_open(tmp_path):
    from fastapi import FastAPI

    engine = create_engine(f"sqlite:///{tmp_path / 'open.db'}")
    SABook.metadata.create_all(engine)

    class OpenBookAdmin(SQLAdminModelView, model=SABook):
        pass

    app = FastAPI()
    SQLAdmin(app, engine).add_view(OpenBookAdmin)
    with TestClient(app, follow_redirects=False) as client:
        assert client.get("/admin/book/list").status_code == 200  # nobody logged in
        assert client.get("/admin/login").status_code == 503  # "Authentication backend not configured."
    engine.dispose()


# =========================================================================== Django admin


def commands() -> dict[str, str]:
    """The sections of run.sh, by name: the lines the page shows."""
    return shown_commands("compare/admin/run.sh")


def shell_env(**extra: str) -> dict[str, str]:
    """This environment (coverage's subprocess patch included), the venv first on PATH, and none of
    the test run's Django settings."""
    env = {**os.environ, **python_env(), **extra}
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_SECRET_KEY", "DJANGO_DEBUG", "FLASK_SECRET_KEY",
                 "ADMIN_SECRET_KEY", "ADMIN_URL", "DATABASE_URL", "FLASK_SQLALCHEMY_DATABASE_URI"):
        if name not in extra:
            env.pop(name, None)
    return env


# Starts a new session, makes the pseudo-terminal on stdin its controlling terminal, then runs bash.
IN_A_TERMINAL = (
    "import fcntl, os, sys, termios; os.setsid(); fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
    "os.execvp('bash', ['bash', '-ec', sys.argv[1]])"
)


def in_terminal(script: str, answers: list[tuple[str, str]], cwd: Path, env: dict[str, str]) -> str:
    """Run shell lines in a pseudo-terminal, typing each answer when its prompt appears, as a person
    would (getpass reads from the terminal). Returns what the terminal showed."""
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-c", IN_A_TERMINAL, script], stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
    )
    os.close(slave)
    shown, seen, pending = b"", 0, list(answers)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            if not select.select([master], [], [], 0.2)[0]:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the terminal's other side closed
                break
            shown += chunk
            text = shown.decode(errors="replace")
            if pending and pending[0][0] in text[seen:]:
                prompt, answer = pending.pop(0)
                seen = text.index(prompt, seen) + len(prompt)
                os.write(master, answer.encode() + b"\n")
        else:
            raise TimeoutError(shown.decode(errors="replace"))
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        os.close(master)
    assert proc.returncode == 0, shown.decode(errors="replace")
    assert not pending, f"never prompted for {pending}"
    return shown.decode().replace("\r\n", "\n")


SEED = f"""
from django.contrib.auth.models import User
from compare.admin.django_site.catalog.models import Book
for title, author, year, in_print in {BOOKS!r}:
    Book.objects.create(title=title, author=author, year=year, in_print=in_print)
User.objects.create_user({USER!r}, password={USER_PASSWORD!r})
User.objects.create_user({STAFF!r}, password={STAFF_PASSWORD!r}, is_staff=True)
"""

DJANGO_PREFIX = "/backstage/"
SERVER = pytest.mark.xdist_group("admin-django-server")  # one worker starts the server, once
CHANGELIST = f"{DJANGO_PREFIX}admin_catalog/book/"


@pytest.fixture(scope="module")
def django_site(tmp_path_factory):
    """run.sh's Django lines: migrate, createsuperuser (typed in a terminal), runserver."""
    tmp = tmp_path_factory.mktemp("django-admin")
    env = shell_env(DJANGO_DATABASE=str(tmp / "bookshop.sqlite3"), DJANGO_ADMIN_URL=DJANGO_PREFIX.lstrip("/"))
    transcript = in_terminal(commands()["django-setup"], [
        ("Username (leave blank to use", ADMIN),
        ("Email address: ", "ada@example.com"),
        ("Password: ", "plum"),  # refused by the validators, not bypassed: the page shows it
        ("Password (again): ", "plum"),
        ("Bypass password validation and create user anyway? [y/N]: ", "N"),
        ("Password: ", ADMIN_PASSWORD),
        ("Password (again): ", ADMIN_PASSWORD),
    ], cwd=SNIPPETS, env=env)
    env["DJANGO_SETTINGS_MODULE"] = "compare.admin.django_site.settings"
    env["DJANGO_SECRET_KEY"] = "test-only-" + "x" * 50  # the same key for the seed and the server
    seeded = subprocess.run([sys.executable, "-m", "django", "shell", "-c", SEED], cwd=SNIPPETS, env=env,
                            capture_output=True, text=True, check=False)
    assert seeded.returncode == 0, seeded.stderr
    with run_server(commands()["django"], cwd=SNIPPETS, env=env) as server:
        yield server, transcript
        stop_autoreloaded_server(server.proc)


def stop_autoreloaded_server(proc: subprocess.Popen) -> None:
    """runserver's autoreloader serves from a child process, and kills that child with SIGKILL when it
    gets SIGTERM itself (subprocess.run kills on any exception), so stopping the whole group at once
    loses the child's coverage data. Stop the child first: the reloader then exits by itself.
    The reloader starts a new child when a watched file changes, so a child that appeared after the
    first look is stopped too; 120 s in all is generous for a busy machine writing coverage data."""
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True, check=False).stdout.split()
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(child), signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
    assert proc.poll() is not None, "runserver's reloader did not exit within 120 s of its child being stopped"


def django_client(django_site) -> httpx2.Client:
    server, _ = django_site
    return httpx2.Client(base_url=server.url, follow_redirects=False, timeout=10)


def django_login(client: httpx2.Client, username: str, password: str, next_url: str = CHANGELIST):
    page = client.get(f"{DJANGO_PREFIX}login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return client.post(f"{DJANGO_PREFIX}login/", data={
        "csrfmiddlewaretoken": token, "username": username, "password": password, "next": next_url,
    })


@pytest.fixture(scope="module")
def django_admin(django_site):
    client = django_client(django_site)
    response = django_login(client, ADMIN, ADMIN_PASSWORD)
    assert response.status_code == 302 and response.headers["location"] == CHANGELIST
    yield client
    client.close()


@SERVER
@pytest.mark.slow
def test_django_createsuperuser_in_a_terminal(django_site, outputs):
    _, transcript = django_site
    session = transcript[transcript.index("Username"):]
    assert session.rstrip().endswith("Superuser created successfully.")
    assert "This password is too short. It must contain at least 8 characters." in session  # the validators ran
    assert ADMIN_PASSWORD not in session  # getpass does not echo
    outputs.check(
        f"{OUT}/django_createsuperuser.txt", "$ python -m django createsuperuser\n" + session,
        normalisers=[(re.compile(r"leave blank to use '[^']*'"), "leave blank to use '<you>'"),
                     (re.compile(r"\x1b\[[0-9;]*m"), "")],  # the terminal's colours: the page shows text
    )


@SERVER
@pytest.mark.slow
def test_django_anonymous_is_sent_to_login(django_site, outputs):
    with django_client(django_site) as client:
        response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert response.headers["location"] == f"{DJANGO_PREFIX}login/?next={CHANGELIST}"
    outputs.check(f"{OUT}/django_redirect.txt", render(response, f"GET {CHANGELIST}"))


# The page's Run, in a fresh interpreter, as the browser's worker makes it: drive.browser_setup(), then
# drive.run_output, which configures Django from the settings module (admin installed), migrates,
# calls SETUP and sends the request.
PAGE_RUN = ("import asyncio, sys\nfrom guide_tools.runtime import drive\ndrive.browser_setup()\n"
            "sys.stdout.write(asyncio.run(drive.run_output('compare.admin.drive', sys.argv[1])))\n")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["django_redirect.txt", "django_search.txt"])
def test_django_admin_as_the_page_runs_it(name, tmp_path, outputs):
    """Django's admin needs django.contrib.admin installed, which this process's settings do not
    install: the page's Run runs in a subprocess, in an empty folder (its database file is new).
    runserver's answers (test_django_anonymous_is_sent_to_login, test_django_search) must be the same."""
    env = shell_env(PYTHONPATH=os.pathsep.join([str(SNIPPETS), str(SNIPPETS.parent)]))
    done = subprocess.run([sys.executable, "-c", PAGE_RUN, name], cwd=tmp_path, env=env, capture_output=True,
                          text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    outputs.check(f"{OUT}/{name}", done.stdout)


@SERVER
@pytest.mark.slow
def test_django_login_without_csrf_token_is_refused(django_site):
    with django_client(django_site) as client:
        response = client.post(f"{DJANGO_PREFIX}login/", data={"username": ADMIN, "password": ADMIN_PASSWORD})
    assert response.status_code == 403
    assert "CSRF verification failed" in response.text


@SERVER
@pytest.mark.slow
def test_django_non_staff_user_cannot_log_in(django_site):
    with django_client(django_site) as client:
        response = django_login(client, USER, USER_PASSWORD)
        assert response.status_code == 200  # the form again, with an error
        assert "Please enter the correct username and password for a staff account." in response.text
        assert client.get(CHANGELIST).status_code == 302  # still sent to the login page


@SERVER
@pytest.mark.slow
def test_django_admin_login_is_not_throttled(django_site):
    with django_client(django_site) as client:
        for _ in range(5):
            assert django_login(client, ADMIN, "wrong-guess").status_code == 200  # the form again, no lockout
        assert django_login(client, ADMIN, ADMIN_PASSWORD).status_code == 302


@SERVER
@pytest.mark.slow
def test_django_staff_without_permissions_gets_403(django_site):
    with django_client(django_site) as client:
        assert django_login(client, STAFF, STAFF_PASSWORD).status_code == 302  # is_staff: login works
        assert client.get(CHANGELIST).status_code == 403  # but no view/change permission on Book
        assert "You don’t have permission to view or edit anything." in client.get(DJANGO_PREFIX).text


@SERVER
@pytest.mark.slow
def test_django_search(django_admin, outputs):
    response = django_admin.get(f"{CHANGELIST}?q=tolkien")
    assert response.status_code == 200
    assert titles(response.text) == ["The Hobbit", "The Silmarillion"]  # ordering = ["title"]
    count = re.search(r'<span class="small quiet">.*?</span>', response.text).group(0)
    assert count == '<span class="small quiet">2 results (<a href="?">4 total</a>)</span>'
    assert "Bookshop administration" in response.text  # admin.site.site_header
    # runserver's answer, after a login through the form, and the page's Run's (test_django_admin_as_the_page_runs_it)
    outputs.check(f"{OUT}/django_search.txt", rows(response, f"GET {CHANGELIST}?q=tolkien"))


@SERVER
@pytest.mark.slow
def test_django_search_words_must_each_match(django_admin):
    assert titles(django_admin.get(f"{CHANGELIST}?q=tolkien hobbit").text) == ["The Hobbit"]


@SERVER
@pytest.mark.slow
def test_django_default_order_and_filter(django_admin):
    assert titles(django_admin.get(CHANGELIST).text) == sorted(b[0] for b in BOOKS)
    assert titles(django_admin.get(f"{CHANGELIST}?in_print__exact=0").text) == ["The Left Hand of Darkness"]


@SERVER
@pytest.mark.slow
def test_django_readonly_field_is_shown_and_ignored(django_admin):
    change = f"{CHANGELIST}1/change/"
    page = django_admin.get(change).text
    assert 'name="added"' not in page and '<div class="readonly">' in page
    assert "<h2>The Hobbit</h2>" in page  # Book.__str__
    shown = re.search(r'<div class="readonly">(.*?)</div>', page).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = django_admin.post(change, data={
        "csrfmiddlewaretoken": token, "title": "The Hobbit", "author": "J. R. R. Tolkien", "year": "1937",
        "in_print": "on", "added_0": "1999-01-01", "added_1": "00:00:00", "added": "1999-01-01 00:00:00",
    })
    assert response.status_code == 302
    assert re.search(r'<div class="readonly">(.*?)</div>', django_admin.get(change).text).group(1) == shown
    history = django_admin.get(f"{CHANGELIST}1/history/").text  # every save is recorded (LogEntry)
    assert "Change history: The Hobbit" in history and "No fields changed." in history


@SERVER
@pytest.mark.slow
def test_django_admin_is_not_at_the_default_url(django_admin):
    assert django_admin.get("/admin/").status_code == 404
    assert django_admin.get(DJANGO_PREFIX).status_code == 200
    # runserver serves the admin's own CSS because run.sh turns DEBUG on
    assert django_admin.get("/static/admin/css/base.css").status_code == 200


@SERVER
@pytest.mark.slow
def test_django_logout_is_a_post(django_site):
    with django_client(django_site) as client:
        django_login(client, ADMIN, ADMIN_PASSWORD)
        assert client.get(f"{DJANGO_PREFIX}logout/").status_code == 405  # GET logout was removed in Django 5.0
        token = client.cookies["csrftoken"]
        response = client.post(f"{DJANGO_PREFIX}logout/", data={"csrfmiddlewaretoken": token})
        assert response.status_code == 200 and "Logged out" in response.text
        assert client.get(CHANGELIST).status_code == 302


@SERVER
@pytest.mark.slow
def test_django_admin_session_lasts_eight_hours(django_site):
    """SESSION_COOKIE_AGE: eight hours from the login instead of Django's two weeks; saves do not extend it."""
    with django_client(django_site) as client:
        login = django_login(client, ADMIN, ADMIN_PASSWORD)
        [session] = [c for c in login.headers.get_list("set-cookie") if c.startswith("sessionid=")]
        assert "Max-Age=28800;" in session
        change = f"{CHANGELIST}2/change/"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(change).text).group(1)
        saved = client.post(change, data={"csrfmiddlewaretoken": token, "title": "The Silmarillion",
                                          "author": "J. R. R. Tolkien", "year": "1977", "in_print": "on"})
        assert saved.status_code == 302
        for response in (saved, client.get(CHANGELIST)):
            assert not any(c.startswith("sessionid=") for c in response.headers.get_list("set-cookie"))


@pytest.mark.slow
@pytest.mark.parametrize("password", [ADMIN_PASSWORD, "1"], ids=["strong", "one_character"])
def test_django_createsuperuser_without_a_terminal(tmp_path, password):
    """--noinput runs none of AUTH_PASSWORD_VALIDATORS: a one-character password makes a superuser too."""
    env = shell_env(DJANGO_SECRET_KEY=SECRET, DJANGO_DATABASE=str(tmp_path / "noinput.sqlite3"),
                    DJANGO_SETTINGS_MODULE="compare.admin.django_site.settings",
                    DJANGO_SUPERUSER_USERNAME=ADMIN, DJANGO_SUPERUSER_EMAIL="ada@example.com",
                    DJANGO_SUPERUSER_PASSWORD=password)
    script = "python -m django migrate -v 0 && python -m django createsuperuser --noinput"
    result = subprocess.run(["bash", "-ec", script], cwd=SNIPPETS, env=env, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Superuser created successfully."


@pytest.mark.slow
def test_django_migration_matches_the_models(tmp_path):
    env = shell_env(DJANGO_SECRET_KEY=SECRET, DJANGO_DATABASE=str(tmp_path / "check.sqlite3"),
                    DJANGO_SETTINGS_MODULE="compare.admin.django_site.settings")
    result = subprocess.run([sys.executable, "-m", "django", "makemigrations", "--check", "--dry-run"],
                            cwd=SNIPPETS, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


@pytest.mark.slow
def test_django_settings_need_a_secret_key(tmp_path):
    env = shell_env(DJANGO_DATABASE=str(tmp_path / "k.sqlite3"), DJANGO_SETTINGS_MODULE="compare.admin.django_site.settings")
    result = subprocess.run([sys.executable, "-m", "django", "check"], cwd=SNIPPETS, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "KeyError: 'DJANGO_SECRET_KEY'" in result.stderr


def test_django_admin_urls_are_not_included():
    from django.contrib import admin
    from django.core.exceptions import ImproperlyConfigured
    from django.urls import include

    with pytest.raises(ImproperlyConfigured, match="3-tuple"):
        include(admin.AdminSite().urls)  # the pre-2.0 spelling; path("admin/", admin.site.urls) now
    from django.conf import urls

    assert not hasattr(urls, "url")  # url() was removed in Django 4.0: path() or re_path()


# =========================================================================== the first admin, and run it yourself


@pytest.mark.slow
@pytest.mark.parametrize("name", ["flask", "fastapi"])
def test_create_the_first_admin_then_serve(name, tmp_path, outputs):
    flask = name == "flask"
    env = shell_env(**{"FLASK_SQLALCHEMY_DATABASE_URI" if flask else "DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}"})
    # A short password first: the page shows the refusal, then the second try.
    answers = [("Password: ", "plum"), ("Password: ", ADMIN_PASSWORD), ("Repeat for confirmation: ", ADMIN_PASSWORD)]
    setup = commands()[f"{name}-setup"]
    transcript = in_terminal(setup, answers, cwd=SNIPPETS, env=env)
    assert transcript.rstrip().endswith(f"Admin {ADMIN} created.") and ADMIN_PASSWORD not in transcript
    outputs.check(f"{OUT}/{name}_create_admin.txt", f"$ {setup.splitlines()[-1]}\n{transcript}")

    env["FLASK_SECRET_KEY" if flask else "ADMIN_SECRET_KEY"] = SECRET
    login = "/login" if flask else "/admin/login"
    with run_server(commands()[name], cwd=SNIPPETS, env=env) as server, \
            httpx2.Client(base_url=server.url, follow_redirects=False, timeout=10) as client:
        response = client.get("/admin/")
        assert response.status_code == 302 and response.headers["location"].endswith(login)
        data = {"username": ADMIN, "password": ADMIN_PASSWORD}
        if flask:
            data["csrf_token"] = flask_token(client.get(login).text)
        assert client.post(login, data=data).status_code == 302
        assert client.get("/admin/book/" if flask else "/admin/book/list").status_code == 200


@pytest.mark.slow
@pytest.mark.parametrize("name", ["flask", "fastapi"])
def test_the_first_admin_command_refuses_a_weak_or_mistyped_password(name, tmp_path):
    """Enter at the prompt (an empty password), a short one, then two entries that differ: each is
    refused and asked for again, as Django's createsuperuser does, and the admin gets only the
    password typed twice. Without the checks, the FastAPI script stored the empty one (SQLAdmin's
    login then took the username alone) and Flask's took any non-empty one."""
    from werkzeug.security import check_password_hash

    flask = name == "flask"
    database = f"sqlite:///{tmp_path / 'run.db'}"
    env = shell_env(**{"FLASK_SQLALCHEMY_DATABASE_URI" if flask else "DATABASE_URL": database})
    answers = [("Password: ", ""), ("Password: ", "1"), ("Password: ", ADMIN_PASSWORD),
               ("Repeat for confirmation: ", ADMIN_PASSWORD[:-1] + "0"),
               ("Password: ", ADMIN_PASSWORD), ("Repeat for confirmation: ", ADMIN_PASSWORD)]
    transcript = in_terminal(commands()[f"{name}-setup"], answers, cwd=SNIPPETS, env=env)
    # The same words from both: Click asks again after Enter without a message, the script says why.
    assert transcript.count("Error: Use at least 15 characters.") == (1 if flask else 2), transcript
    assert transcript.count("Error: The two entered values do not match.") == 1, transcript
    assert transcript.rstrip().endswith(f"Admin {ADMIN} created."), transcript
    engine = create_engine(database)
    try:
        with engine.connect() as conn:
            stored = conn.execute(sa_select((User if flask else SAUser).__table__.c.password_hash)).scalars().all()
    finally:
        engine.dispose()
    assert len(stored) == 1
    verify = check_password_hash if flask else (lambda stored, password: fastapi_app.password_hash.verify(password, stored))
    assert verify(stored[0], ADMIN_PASSWORD) and not verify(stored[0], "")


def test_flask_admin_access_defaults():
    """The page: by default is_accessible() lets everyone in and inaccessible_callback() answers 403."""
    from flask import Flask
    from flask_admin import BaseView, expose
    from werkzeug.exceptions import Forbidden

    class Plain(BaseView):
        @expose("/")
        def index(self):
            return "plain"

    view = Plain(name="Plain")
    assert view.is_accessible() is True
    with Flask(__name__).test_request_context(), pytest.raises(Forbidden):
        view.inaccessible_callback("index")


@pytest.mark.slow
def test_shown_settings_leave_cookies_without_secure(tmp_path):
    """The page: the examples run over plain HTTP, so no cookie of theirs is marked Secure; in
    production Django's `check --deploy` names both cookies until you set them (W012, W016)."""
    env = shell_env(DJANGO_SECRET_KEY=SECRET, DJANGO_DATABASE=str(tmp_path / "deploy.sqlite3"),
                    DJANGO_SETTINGS_MODULE="compare.admin.django_site.settings")
    result = subprocess.run([sys.executable, "-m", "django", "check", "--deploy"],
                            cwd=SNIPPETS, env=env, capture_output=True, text=True, check=False)
    warnings = result.stdout + result.stderr
    assert "(security.W012) SESSION_COOKIE_SECURE" in warnings
    assert "(security.W016)" in warnings and "CSRF_COOKIE_SECURE" in warnings
    secure = {**env, "DJANGO_SETTINGS_MODULE": "deploy_settings"}
    (tmp_path / "deploy_settings.py").write_text(
        "from compare.admin.django_site.settings import *  # noqa: F403\n"
        "SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True\n")
    secure["PYTHONPATH"] = os.pathsep.join([str(tmp_path), secure.get("PYTHONPATH", "")])
    fixed = subprocess.run([sys.executable, "-m", "django", "check", "--deploy"],
                           cwd=SNIPPETS, env=secure, capture_output=True, text=True, check=False)
    assert "W012" not in fixed.stdout + fixed.stderr and "W016" not in fixed.stdout + fixed.stderr
    import inspect

    from starlette.middleware.sessions import SessionMiddleware

    assert Flask(__name__).config["SESSION_COOKIE_SECURE"] is False  # Flask's default
    assert inspect.signature(SessionMiddleware).parameters["https_only"].default is False  # SQLAdmin's session


def test_sqladmin_logout_is_a_get(fastapi_admin):
    """SameSite=Lax keeps the cookie off a cross-site POST, not off a cross-site link: SQLAdmin's
    /logout (like its custom @action routes) is a GET, so a link on any site logs the admin out."""
    assert fastapi_admin.get("/admin/").status_code == 200
    assert fastapi_admin.get("/admin/logout").status_code == 302
    assert fastapi_admin.get("/admin/").headers["location"].endswith("/admin/login")


def test_a_new_user_is_not_an_admin_unless_made_one():
    """`is_admin` is the one flag the admin checks: a user added without it (a sign-up, a script) is
    not an admin, in either model, through the ORM, a Core insert and plain SQL alike (psql, another
    service, the old release's INSERT during a deploy that adds the column): the table's own
    default says so, not only SQLAlchemy's."""
    from sqlalchemy import insert, text

    from compare.admin import fastapi_models, flask_models

    for models, user in ((fastapi_models, SAUser), (flask_models, User)):
        engine = create_engine("sqlite://")
        models.Base.metadata.create_all(engine)
        with Session(engine) as session:
            session.add(user(username="new", password_hash="x"))
            session.flush()
            session.execute(insert(user.__table__).values(username="core", password_hash="x"))
            session.execute(text('INSERT INTO "user" (username, password_hash) VALUES (\'sql\', \'x\')'))
            assert [u.is_admin for u in session.scalars(sa_select(user).order_by(user.id))] == [False] * 3, models
        engine.dispose()
