"""Checks of the admin exercise, Flask-Admin: `python3 dev.py exercise admin/flask`."""

import re

import pytest
from app import USERS, Book, User, create_app, db


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
def test_an_anonymous_visitor_is_sent_to_log_in(get, url):
    response = get(url)
    assert response.status_code == 302, f"an anonymous visitor got {response.status_code} for {url}, expected 302"
    assert response.headers["location"].startswith("/login"), f"{url} redirects to {response.headers['location']!r}"


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
    response = client_of(app, "bob").post("/admin/book/new/", data={"title": "Written by bob"})
    with app.app_context():
        titles = db.session.scalars(db.select(Book.title)).all()
    assert "Written by bob" not in titles, f"bob (not an admin) added a book through /admin/book/new/ ({response.status_code})"
    assert response.status_code == 403, f"bob (logged in, not an admin) got {response.status_code} for POST /admin/book/new/"


def titles(app) -> list[str]:
    with app.app_context():
        return db.session.scalars(db.select(Book.title)).all()


def csrf_token(html: str) -> str | None:
    """The value of the form's hidden `csrf_token` field, as the browser would post it back."""
    field = re.search(r'<input[^>]*\bname="csrf_token"[^>]*>', html)
    value = re.search(r'\bvalue="([^"]*)"', field.group()) if field else None
    return value.group(1) if value else None


def test_a_form_post_without_its_csrf_token_is_refused(app):
    client = client_of(app, "ada")
    client.post("/admin/book/new/", data={"title": "Forged"})  # what a page on another site can make her browser send
    assert "Forged" not in titles(app), (
        "ada (an admin) posted /admin/book/new/ without the form's CSRF token, as another site's page can make her "
        "browser do, and the book was added")
    token = csrf_token(client.get("/admin/book/new/").get_data(as_text=True))
    client.post("/admin/book/new/", data={"title": "Written by ada", "csrf_token": token or ""})
    assert "Written by ada" in titles(app), (
        f"ada posted the new-book form with its CSRF token ({token!r}) and no book was added")
