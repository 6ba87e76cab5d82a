"""Checks of the admin exercise, sqladmin: `python3 dev.py exercise admin/fastapi`."""

from http.cookies import SimpleCookie

import app as app_module
import argon2
import pytest
from app import Book, create_app
from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from sqlalchemy.orm import Session

PASSWORD = "correct horse battery"  # the users' passwords are "<name>: correct horse battery"
GRACE = "a passphrase of grace's own"  # a second admin, whose password follows no pattern
GRACE_HASH = PasswordHash.recommended().hash(GRACE)


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


def test_a_wrong_password_or_a_non_admin_is_not_let_in(client):
    for user, password in (("ada", "guess"), ("bob", f"bob: {PASSWORD}")):
        client.post("/admin/login", data={"username": user, "password": password})
        response = client.get("/admin/book/list")
        assert response.status_code != 200, f"{user} with password {password!r} got into the admin"
    client.post("/admin/login", data={"username": "grace", "password": GRACE})
    assert client.get("/admin/book/list").status_code == 200, "grace (an admin) logged in and was not let in"
    users = getattr(app_module, "USERS", {})  # monkeypatch restores the dict after the check
    users["grace"] = (GRACE_HASH, False)  # she is no longer an admin
    response = client.get("/admin/book/list")
    assert response.status_code != 200, (
        "[session_outlives_the_user] grace is no longer an admin, and her session still opened the admin")
    users.pop("grace")  # her account is deleted
    response = client.get("/admin/book/list")
    assert response.status_code != 200, (
        "[session_outlives_the_user] grace's account was deleted, and her session still opened the admin")


def test_every_login_costs_one_hash(client, monkeypatch):
    """The response time must not tell who has an account or who is an admin (argon2 verifies every hash
    the stored ones are, whichever library calls it)."""
    hashed, verify = [], argon2.PasswordHasher.verify
    monkeypatch.setattr(argon2.PasswordHasher, "verify", lambda self, *args: hashed.append(1) or verify(self, *args))
    for user, password in (("nobody", "guess"), ("bob", f"bob: {PASSWORD}"), ("bob", "guess"), ("ada", "guess")):
        hashed.clear()
        client.post("/admin/login", data={"username": user, "password": password})
        assert len(hashed) == 1, (
            f"a login as nobody, a username that does not exist, verified {len(hashed)} password hashes, expected 1"
            if user == "nobody" else
            f"a login as bob (not an admin), with his right password, verified {len(hashed)} password hashes, expected 1"
            if password != "guess" else
            f"a login as {user}, with a wrong password, verified {len(hashed)} password hashes, expected 1"
        ) + ": a login that answers sooner tells who has an account or who is an admin"


def test_a_login_lasts_hours_not_weeks(client):
    response = client.post("/admin/login", data={"username": "ada", "password": f"ada: {PASSWORD}"})
    cookies = [morsel for header in response.headers.get_list("set-cookie") for morsel in SimpleCookie(header).values()]
    assert cookies, f"ada logged in and got no session cookie (the login answered {response.status_code})"
    max_age = cookies[0]["max-age"]
    assert max_age and int(max_age) <= 8 * 60 * 60, (
        f"ada's session cookie has Max-Age={max_age}, expected at most 8 hours (28800)" if max_age else
        "ada's session cookie has Max-Age=none, expected at most 8 hours (28800)"
    ) + ": a copy of the cookie opens the admin until it expires"
