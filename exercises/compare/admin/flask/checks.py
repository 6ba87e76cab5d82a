"""Checks of the admin exercise, Flask-Admin: `python3 dev.py exercise admin/flask`."""

import pytest
from app import Book, create_app, db


@pytest.fixture
def get(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'books.db'}", "SECRET_KEY": "test-only",
                      "TESTING": True})
    with app.app_context():
        db.create_all()
        db.session.add(Book(title="Dune"))
        db.session.commit()

    def get(url, user=None):
        client = app.test_client()
        if user:
            with client.session_transaction() as session:
                session["_user_id"] = user  # what flask_login.login_user() stores
        return client.get(url)

    yield get
    with app.app_context():
        db.engine.dispose()


def test_an_admin_sees_the_books(get):
    response = get("/admin/book/", "ada")
    assert response.status_code == 200, f"ada (an admin) got {response.status_code} for /admin/book/, expected 200"
    assert "Dune" in response.get_data(as_text=True), "the book list does not show the book Dune"


@pytest.mark.parametrize("url", ["/admin/", "/admin/book/"])
def test_an_anonymous_visitor_is_sent_to_log_in(get, url):
    response = get(url)
    assert response.status_code == 302, f"an anonymous visitor got {response.status_code} for {url}, expected 302"
    assert response.headers["location"].startswith("/login"), f"{url} redirects to {response.headers['location']!r}"


@pytest.mark.parametrize("url", ["/admin/", "/admin/book/"])
def test_a_user_who_is_not_an_admin_gets_403(get, url):
    response = get(url, "bob")
    assert response.status_code == 403, f"bob (logged in, not an admin) got {response.status_code} for {url}"
