"""Checks of the admin exercise, Flask-Admin: `python3 dev.py exercise admin/flask`."""

import re
from datetime import timedelta

import pytest
from app import USERS, Book, User, create_app, db
from flask_login import login_user
from wtforms.csrf.session import SessionCSRF

from exercises.batteries import cookies, debug, redirects, secrets
from exercises.batteries import routes as app_routes

# Who a visitor is comes from the login alone: no header a client can write (the names an SSO proxy or a
# shortcut might use) and no client address (the server itself, a private network) makes a visitor an admin.
IDENTITY_HEADERS = [(name, "ada") for name in ("X-Forwarded-User", "X-Remote-User", "Remote-User", "X-User", "X-Auth-User",
                                                 "X-Authenticated-User", "X-Auth-Request-User", "X-Forwarded-Preferred-Username",
                                                 "X-Username", "X-Admin-User")] + [
    ("X-Admin", "true"), ("X-Is-Admin", "1"), ("X-Role", "admin"), ("X-Roles", "admin")]
TRUSTED_ADDRESSES = ("127.0.0.1", "::1", "10.0.0.1", "192.168.1.10")


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setitem(USERS, "grace", User("grace", is_admin=True))  # a second admin and a second non-admin:
    monkeypatch.setitem(USERS, "eve", User("eve", is_admin=False))  # the rule is the flag, not a name
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'books.db'}", "SECRET_KEY": "test-only",
                      "TESTING": True})
    with app.app_context():
        db.create_all()
        db.session.add(Book(title="Dune"))
        db.session.commit()
    yield app
    with app.app_context():
        db.engine.dispose()


def client_of(app, user=None):
    client = app.test_client()
    if user:
        with client.session_transaction() as session:
            session["_user_id"] = user  # what flask_login.login_user() stores
    return client


@pytest.fixture
def get(app):
    return lambda url, user=None: client_of(app, user).get(url)


def test_an_admin_sees_the_books(get):
    response = get("/admin/book/", "ada")
    assert response.status_code == 200, f"ada (an admin) got {response.status_code} for /admin/book/, expected 200"
    assert "Dune" in response.get_data(as_text=True), "the book list does not show the book Dune"
    response = get("/admin/book/", "grace")
    assert response.status_code == 200, f"[admin_by_name] grace (another admin) got {response.status_code}, expected 200"


@pytest.mark.parametrize("url", ["/admin/", "/admin/book/"])
def test_an_anonymous_visitor_is_sent_to_log_in(app, get, url):
    response = get(url)
    assert response.status_code == 302, f"an anonymous visitor got {response.status_code} for {url}, expected 302"
    assert response.headers["location"].startswith("/login"), f"{url} redirects to {response.headers['location']!r}"
    client = client_of(app)
    for name, value in IDENTITY_HEADERS:
        status = client.get(url, headers={name: value}).status_code
        assert status == 302, (
            f"[trusted_header] an anonymous visitor sent the header {name}: {value} and got {status} for {url}, expected "
            "a redirect to log in: who is an admin comes from the login, never from what the request says")
    for address in TRUSTED_ADDRESSES:
        status = client.get(url, environ_base={"REMOTE_ADDR": address}).status_code
        assert status == 302, (
            f"[trusted_address] an anonymous visitor from the address {address} got {status} for {url}, expected a "
            "redirect to log in: behind a proxy every visitor comes from such an address")


@pytest.mark.parametrize("url", ["/admin/", "/admin/book/"])
def test_a_user_who_is_not_an_admin_gets_403(get, url):
    response = get(url, "bob")
    assert response.status_code == 403, f"bob (logged in, not an admin) got {response.status_code} for {url}"
    response = get(url, "eve")
    assert response.status_code == 403, (
        f"[non_admin_by_name] eve (logged in, not an admin) got {response.status_code} for {url}, expected 403")


def test_the_forms_behind_the_list_are_guarded_too(app):
    response = client_of(app).get("/admin/book/new/")
    assert response.status_code == 302, f"an anonymous visitor got {response.status_code} for /admin/book/new/, expected 302"
    bob = client_of(app, "bob")
    status = sent_by(app, bob, "POST", "/admin/book/new/", {"title": "Written by bob"}).status_code
    assert "Written by bob" not in titles(app), f"bob (not an admin) added a book through /admin/book/new/ ({status})"
    assert status == 403, f"bob (logged in, not an admin) got {status} for POST /admin/book/new/"
    for path, methods, rule in app_routes.flask_routes(app):  # every page and form of the admin, each method it allows
        if not path.startswith("/admin") or rule.endpoint == "admin.static":  # the theme's CSS is for anyone
            continue
        for method in sorted(methods - {"HEAD", "OPTIONS"}):
            url = f"{path}?id=1&url=/admin/book/"
            response = sent_by(app, client_of(app), method, url, FORGED)
            location = response.headers.get("location", "")
            assert response.status_code == 302 and location.startswith("/login"), (
                f"[admin_route_left_open] {method} {path} answered {response.status_code} for an anonymous visitor, "
                "expected 302 to /login")
            status = sent_by(app, client_of(app, "bob"), method, url, FORGED).status_code
            assert status == 403, (
                f"[admin_route_left_open] {method} {path} answered {status} for bob (logged in, not an "
                "admin), expected 403")
            assert titles(app) == ["Dune"], (
                f"[admin_route_left_open] {method} {path}, sent by an anonymous visitor and by bob, changed the books "
                f"from ['Dune'] to {titles(app)!r}, expected no change")


def sent_by(app, client, method: str, url: str, data: dict):
    """The response a visitor (anonymous, or bob: logged in, not an admin) gets. A 400 to a post without a token
    may be an app-wide CSRF check (Flask-WTF's `CSRFProtect`) refusing it first, which is right too: the post is
    sent again with a valid token of that check, and then the admin itself must refuse the visitor."""
    response = client.open(url, method=method, data=data)
    if response.status_code != 400 or method == "GET" or "csrf" not in app.extensions:
        return response
    from flask import session
    from flask_wtf.csrf import generate_csrf

    field = app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    with app.test_request_context():
        token, raw = generate_csrf(), session[field]
    with client.session_transaction() as stored:
        stored[field] = raw  # what the page the visitor was shown would have given the session
    return client.open(url, method=method, data={**data, field: token}, headers={"X-CSRFToken": token})


def titles(app) -> list[str]:
    with app.app_context():
        return db.session.scalars(db.select(Book.title)).all()


def csrf_token(html: str) -> str | None:
    """The value of the form's hidden `csrf_token` field, as the browser would post it back."""
    field = re.search(r'<input[^>]*\bname="csrf_token"[^>]*>', html)
    value = re.search(r'\bvalue="([^"]*)"', field.group()) if field else None
    return value.group(1) if value else None


FORGED = {"id": "1", "title": "Forged", "rowid": "1", "action": "delete", "list_form_pk": "1", "url": "/admin/book/"}


def test_a_form_post_without_its_csrf_token_is_refused(app, monkeypatch):
    client = client_of(app, "ada")
    client.post("/admin/book/new/", data={"title": "Forged"})  # what a page on another site can make her browser send
    assert "Forged" not in titles(app), (
        "ada (an admin) posted /admin/book/new/ without the form's CSRF token, as another site's page can make her "
        "browser do, and the book was added")
    posts = [path for path, methods, _ in app_routes.flask_routes(app) if "POST" in methods]
    for path in posts:  # every form of the admin: create, edit, delete, actions
        response = client.post(f"{path}?id=1&url=/admin/book/", data=FORGED)
        assert titles(app) == ["Dune"], (
            f"[form_without_csrf] ada (an admin) posted {path} without a CSRF token (it answered {response.status_code}), "
            f"and the books changed from ['Dune'] to {titles(app)!r}: another site's page can make her browser do that")
    token = csrf_token(client.get("/admin/book/new/").get_data(as_text=True))
    client.post("/admin/book/new/", data={"title": "Written by ada", "csrf_token": token or ""})
    assert "Written by ada" in titles(app), (
        f"ada posted the new-book form with its CSRF token ({token!r}) and no book was added")
    token = csrf_token(client.get("/admin/book/new/").get_data(as_text=True))
    later = SessionCSRF.now(None) + timedelta(minutes=20)
    with monkeypatch.context() as patch:
        patch.setattr(SessionCSRF, "now", lambda self: later)  # she took 20 minutes to fill the form in
        client.post("/admin/book/new/", data={"title": "Written slowly", "csrf_token": token or ""})
    assert "Written slowly" in titles(app), (
        "[csrf_token_expires_too_soon] ada posted the new-book form 20 minutes after opening it, with its CSRF token, "
        "and no book was added: the token expired before she could save")
    page = client.get("/admin/book/").get_data(as_text=True)  # the list: one delete button per book
    response = client.post("/admin/book/delete/", data={"id": "1", "url": "/admin/book/", "csrf_token": csrf_token(page) or ""})
    assert "Dune" not in titles(app), (
        f"[list_form_refused] ada pressed the list page's delete button for Dune, with the token the page gave "
        f"({csrf_token(page)!r}), and the book is still there (the delete answered {response.status_code})")


def test_a_demoted_admin_is_out_at_the_next_request(app, monkeypatch):
    url = "/admin/book/"
    response = client_of(app, "bob").get(url)
    assert response.status_code == 403, f"bob (logged in, not an admin) got {response.status_code} for {url}"
    client = client_of(app, "grace")
    response = client.get("/admin/book/")
    assert response.status_code == 200, f"[admin_by_name] grace (another admin) got {response.status_code}, expected 200"
    monkeypatch.setitem(USERS, "grace", User("grace", is_admin=False))  # the users table says she is no longer an admin
    response = client.get("/admin/book/")
    assert response.status_code == 403, (
        f"[user_kept_from_an_earlier_request] grace is no longer an admin, and her next request to /admin/book/ got "
        f"{response.status_code}, expected 403")
    monkeypatch.delitem(USERS, "grace")  # her account is deleted
    response = client.get("/admin/book/")
    assert response.status_code == 302, (
        f"[user_kept_from_an_earlier_request] grace's account was deleted, and her next request to /admin/book/ got "
        f"{response.status_code}, expected 302")


def test_redirects_stay_on_the_site(app):
    routes = [(method, path, FORGED if method == "POST" else {}) for path, methods, _ in app_routes.flask_routes(app)
              for method in ("GET", "POST") if method in methods]
    client = client_of(app)  # an anonymous visitor, sent to log in from every page of the admin
    url = "/admin/"
    response = client.get(url)
    assert response.status_code == 302, f"an anonymous visitor got {response.status_code} for {url}, expected 302"

    def send(method, url, data, headers):
        response = client.open(url, method=method, data=data, headers=headers)
        return response.status_code, response.headers.get("location", "")

    redirects.stays_on_site(send, "localhost", routes)


def app_of(module, config=None):
    """The app the reader's module makes (None when it refuses to start)."""
    try:
        return module.create_app(config)
    except (Exception, SystemExit):  # noqa: BLE001 - refusing to start (sys.exit too) without the key is a right answer
        return None


def test_no_secret_in_the_source(monkeypatch):
    key_of = lambda module: getattr(app_of(module), "secret_key", None)  # noqa: E731
    secrets.check_no_literal_fallback(monkeypatch, "app", key_of)  # it unsets every *SECRET* and *KEY* variable
    module = secrets._started(monkeypatch, "app")
    key = key_of(module) if module else None
    assert not key, (
        f"[secret_made_at_start] app.py, started without FLASK_SECRET_KEY, made a secret key of its own ({key!r}): "
        "every restart logs everyone out, and each worker signs with a different key")
    assert module is None or app_of(module) is None, (
        "[secret_key_empty] app.py started without FLASK_SECRET_KEY: Flask then serves with no session, and every "
        "login fails with 500; without its key the app must refuse to start")
    monkeypatch.setenv("FLASK_SECRET_KEY", "")  # `FLASK_SECRET_KEY=` in a .env file, Compose's "" for an unset one
    module = secrets._started(monkeypatch, "app")
    assert module is None or app_of(module) is None, (
        "[secret_key_empty] app.py started with FLASK_SECRET_KEY set but empty: Flask then serves with no session, and "
        "every login fails with 500; with an empty key the app must refuse to start")
    signed = {}  # the secret the admin's forms sign their CSRF tokens with, per app secret key
    for key in ("one-key", "another-key"):
        monkeypatch.setenv("FLASK_SECRET_KEY", key)  # deployed with its key: an app that refuses to start without it starts
        app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": key})
        with app.test_request_context("/admin/book/new/"):
            for admin in app.extensions.get("admin", []):
                for view in admin._views:
                    form = view.create_form() if hasattr(view, "create_form") else None
                    if form is not None and form.meta.csrf:
                        signed[key] = form.meta.csrf_secret
    assert len(signed) < 2 or len(set(signed.values())) == 2, (
        f"[csrf_secret_in_source] the admin's forms sign their CSRF tokens with {signed['one-key']!r} whatever the app's "
        "secret key: a secret written in the source, which anyone who reads it can use")


def test_debug_mode_stays_off(monkeypatch):
    def debug_of(module):
        apps = [app_of(module), app_of(module, {"SECRET_KEY": "test-only"})]
        return any(getattr(app, "debug", False) for app in apps + [getattr(module, "app", None)])

    debug.check_debug_off(monkeypatch, "app", debug_of)


def test_the_session_cookie_is_safe(app):
    with app.test_request_context("/login", method="POST"):  # what the app sends when ada logs in
        login_user(USERS["ada"])
        response = app.process_response(app.make_response(""))
    session = app.config["SESSION_COOKIE_NAME"]
    sent = [header for header in response.headers.getlist("Set-Cookie") if header.split("=", 1)[0].strip() == session]
    cookies.check_login_cookies(sent)
