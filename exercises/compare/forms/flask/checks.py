"""Checks of the forms exercise, Flask: `python3 dev.py exercise forms/flask`."""

import re
from contextlib import contextmanager

import pytest
from app import create_app

from exercises.batteries import csrf, debug, redirects, secrets
from exercises.compare.forms import passwords


def make_app(with_csrf: bool = False):
    """The reader's app for a check: CSRF protection off (no token in the checks) unless `with_csrf`."""
    return create_app({"SECRET_KEY": "test-only", "TESTING": True, **({} if with_csrf else {"WTF_CSRF_ENABLED": False})})


@contextmanager
def form_for(data):
    """The reader's SignupForm, made inside a POST /signup request carrying `data`."""
    import app as module

    with make_app().test_request_context("/signup", method="POST", data=data):
        yield module.SignupForm()


@pytest.fixture
def post():
    client = make_app().test_client()

    def post(data):
        response = client.post("/signup", data=data)
        return response.status_code, response.headers.get("location", ""), response.get_data(as_text=True)

    return post


def kept(data):
    """The two passwords SignupForm keeps after validation, or None when it refuses them."""
    with form_for(data) as form:
        return (form.password.data, form.password_confirm.data) if form.validate() else None


GOOD = {"username": "ada", "password": "correct horse battery", "password_confirm": "correct horse battery"}


def test_valid_signup_redirects(post):
    status, location, _ = post(GOOD)
    assert status in (302, 303), f"a valid sign-up answered {status}, expected a redirect"
    assert location.endswith("/signup/done"), f"a valid sign-up redirects to {location!r}, expected /signup/done"


def test_short_password_is_rejected(post):
    with form_for({**GOOD, "password": "short", "password_confirm": "short"}) as form:
        valid = form.validate()
    assert not (valid and form.errors), (
        f"[validate_result_dropped] SignupForm().validate() returned True with the errors {form.errors!r}")
    status, _, _ = post({**GOOD, "password": "short", "password_confirm": "short"})
    assert status == 422, f"a 5-character password answered {status}, expected 422"


def test_different_passwords_are_rejected(post):
    status, _, body = post({**GOOD, "password_confirm": "correct horse battery!"})
    tag = "[wrong_status] " if status == 200 or 400 <= status < 500 else ""  # the rule may be right, not the status
    assert status == 422, f"{tag}two different passwords answered {status}, expected 422"
    assert "do not match" in body, f"the answer does not say the passwords do not match: {body[:300]!r}"
    status, _, _ = post({**GOOD, "password_confirm": "correct horse batterx"})
    assert status == 422, f"[same_length_accepted] two different passwords of the same length answered {status}, expected 422"
    status, _, _ = post({**GOOD, "password_confirm": "Correct Horse Battery"})
    assert status == 422, f"[case_ignored] passwords that differ only in case answered {status}, expected 422"
    for data in ({"username": "ada", "password": GOOD["password"]}, {**GOOD, "password_confirm": ""}):
        status, _, _ = post(data)
        assert status == 422, f"[confirm_optional] a sign-up without password_confirm answered {status}, expected 422"
    passwords.different_passwords_are_refused(post)
    with form_for({**GOOD, "password_confirm": "correct horse battery!"}) as form:  # the rule belongs to the form
        assert not form.validate(), (
            "[not_in_the_form] SignupForm().validate() accepts two different passwords: the view compares them, not the form")


def test_equal_passwords_are_kept_as_typed(post):
    passwords.equal_passwords_are_kept_as_typed(post, kept)


def debug_of(module) -> bool:
    """Whether the app the reader's factory makes runs in debug mode (a crash page then shows the traceback)."""
    apps = [module.app] if hasattr(module, "app") else []  # a module-level app for `flask run`
    for config in (None, {"SECRET_KEY": "test-only"}):
        try:
            apps.append(module.create_app(config))
        except Exception:  # noqa: BLE001 - refusing to start (no key) is not debug mode
            pass
    return any(getattr(app, "debug", False) for app in apps)


def test_no_answer_repeats_the_password(post, monkeypatch):
    passwords.no_answer_repeats_the_password(post)
    debug.check_debug_off(monkeypatch, "app", debug_of)  # a crash page in debug mode shows what was sent


def test_redirects_stay_on_the_site():
    client = make_app().test_client()

    def send(method, url, data, headers):
        response = client.open(url, method=method, data=data, headers=headers)
        return response.status_code, response.headers.get("location", "")

    redirects.stays_on_site(send, "localhost", [("POST", "/signup", GOOD), ("GET", "/signup", {})])


def test_a_post_without_the_csrf_token_is_refused():
    app = make_app(with_csrf=True)  # CSRF protection as in production
    client = app.test_client()
    body = client.post("/signup", data=GOOD).get_data(as_text=True)
    assert GOOD["password"] not in body, (
        f"[csrf_refusal_repeats] the refusal of a POST without the CSRF token repeats the password: {body[:300]!r}")
    csrf.refused_without_token(lambda method, path, data: client.open(path, method=method, data=data).status_code,
                               csrf.flask_routes(app), GOOD)
    page = client.get("/signup").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert token, f"[no_token_in_form] the sign-up page has no hidden csrf_token field: {page[:300]!r}"
    response = client.post("/signup", data={**GOOD, "csrf_token": token.group(1)})
    assert response.status_code in (302, 303), f"a sign-up with the page's CSRF token answered {response.status_code}"


def test_the_secret_key_comes_from_the_environment(monkeypatch):
    def key_of(module):
        try:
            return module.create_app().config.get("SECRET_KEY")
        except Exception:  # refusing to start without the key is a right answer
            return None

    secrets.check_no_literal_fallback(monkeypatch, "app", key_of)
