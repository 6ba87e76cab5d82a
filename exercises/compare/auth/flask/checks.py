"""Checks of the auth exercise, Flask: `python3 dev.py exercise auth/flask`."""

import pytest
from app import USERS, User, app
from flask_login import login_user
from exercises.batteries import cookies, csrf, debug, routes, secrets
from exercises.compare.auth import shared_checks as shared
from exercises.compare.auth.shared_checks import Answer


class Site(shared.Site):
    """The app as the shared checks drive it: users in USERS, a test client per session."""

    def __init__(self, rng, monkeypatch):
        super().__init__(rng)
        self.monkeypatch = monkeypatch

    def names(self) -> set[str]:
        return set(USERS)

    def add_user(self, name: str, editor: bool) -> None:
        self.monkeypatch.setitem(USERS, name, User(name, is_editor=editor))

    set_editor = add_user  # a new record, as a database would load

    def protected(self):
        login = app.login_manager.login_view
        return [(path, sorted(methods - {"OPTIONS"}))  # HEAD runs the view
                for path, methods, rule in routes.flask_routes(app) if rule.endpoint != login]

    def log_in(self, user: str | None, fresh: bool = False):  # every session is a new login
        client = app.test_client()
        if user:
            with client.session_transaction() as session:
                session["_user_id"] = user  # what flask_login.login_user() stores
        return client

    @staticmethod
    def request(client, method: str, path: str, claims: shared.Claims) -> Answer:
        for name, value in claims.cookies.items():
            client.set_cookie(name, value)
        body = {"json": claims.json} if claims.json is not None else {"data": claims.form or None}
        response = client.open(path, method=method, query_string=claims.query, headers=claims.headers, **body)
        for name in claims.cookies:
            client.delete_cookie(name)
        return Answer(response.status_code, response.headers.get("location"), response.get_json(silent=True))


def recording_request(read: dict[str, set[str]]):
    """The app's request class, its query, cookies, headers and form noting what the app reads."""
    base = app.request_class

    class Recording(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.headers = shared.Recorder(self.headers, "headers", read)

        args = shared.recording(base.args, "query", read)  # the reader's code gets a Recorder, Flask the value
        cookies = shared.recording(base.cookies, "cookies", read)
        form = shared.recording(base.form, "form", read)
        values = shared.recording(base.values, "query", read)  # args and form: a name forged in the query

    return Recording


@pytest.fixture
def site(monkeypatch):
    app.config.update(SECRET_KEY="test-only", TESTING=True, WTF_CSRF_ENABLED=False)  # CSRF: its own check
    site = Site(shared.new_rng("app"), monkeypatch)
    monkeypatch.setattr(app, "request_class", recording_request(site.read))
    site.draw_users()
    return site


def test_anonymous_is_sent_to_log_in(site):
    shared.check_anonymous_is_sent_to_log_in(site)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "ghost"  # a session of a user who is no longer in USERS: nobody
    response = client.get(shared.PAGE)
    assert response.status_code == 302, (
        f"[unknown_user_let_in] a session naming a user who does not exist got {response.status_code}, "
        "expected 302 to the login page")


def test_editor_is_let_in(site):
    shared.check_editor_is_let_in(site)


def test_non_editor_gets_403(site):
    response = site.get("bob")
    assert response.status != 302, (
        f"[non_editor_sent_to_log_in] bob (logged in, not an editor) was redirected to {response.location!r}")
    shared.check_bob_gets_403(response)
    response = site.get("bob", "/login")
    assert response.status == 200, (
        f"[other_pages_refused] bob got {response.status} from GET /login, expected 200: only the editors' page is for editors")
    for name in site.others:
        response = site.get(name)
        assert response.status == 403, (
            f"[non_editor_by_name] another non-editor, added by the check, got {response.status}, expected 403")


def test_every_route_and_method_is_for_editors(site):
    shared.check_every_route_is_for_editors(site, shared.sent_to_log_in)


def test_a_role_change_counts_at_the_next_request(site):
    shared.check_role_change_counts_at_once(site)


def test_a_refused_request_changes_nothing(site):
    shared.check_refusals_change_nothing(site)


def test_a_request_cannot_claim_a_role(site):
    shared.check_claims_change_nothing(site)


def test_no_secret_in_the_source(monkeypatch):
    secrets.check_no_literal_fallback(monkeypatch, "app", lambda module: module.app.config.get("SECRET_KEY"))


def test_every_post_needs_the_csrf_token(monkeypatch):
    monkeypatch.setitem(app.config, "SECRET_KEY", "test-only")
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)  # as in production
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "ada"  # an editor: let in, so only CSRF can refuse
    csrf.refused_without_token(lambda method, path, data: client.open(path, method=method, data=data).status_code,
                               csrf.flask_routes(app), {"title": "Q3"})


def test_debug_mode_stays_off(monkeypatch):
    debug.check_debug_off(monkeypatch, "app", lambda module: module.app.debug)


def test_the_session_cookie_is_safe(site):
    with app.test_request_context("/login", method="POST"):  # what the app sends when ada logs in
        login_user(USERS["ada"])
        response = app.process_response(app.make_response(""))
    session = app.config["SESSION_COOKIE_NAME"]  # the session's cookie
    cookies.check_login_cookies([header for header in response.headers.getlist("Set-Cookie")
                                if header.split("=", 1)[0].strip() == session])
