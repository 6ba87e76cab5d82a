"""Checks of the forms exercise, Django: `python3 dev.py exercise forms/django`."""

import re
from urllib.parse import urlencode

import pytest
from django.conf import settings as conf
from django.test import Client
from django.urls import get_resolver

from exercises.batteries import csrf, debug, hosts, redirects, secrets
from exercises.compare.forms import passwords


@pytest.fixture
def post():
    client = Client()  # does not check CSRF tokens unless enforce_csrf_checks=True

    def post(data):
        response = client.post("/signup", data)
        return response.status_code, response.headers.get("location", ""), response.content.decode()

    return post


def kept(data):
    """The two passwords SignupForm keeps after validation, or None when it refuses them."""
    from views import SignupForm

    form = SignupForm(data)
    return (form.cleaned_data["password"], form.cleaned_data["password_confirm"]) if form.is_valid() else None


def tag_200(status):
    """The cause of an invalid sign-up answered 200 or another 4xx: the rule may be right, only the status is not."""
    return "[errors_answered_200] " if status == 200 else "[wrong_status] " if 400 <= status < 500 else ""


CONTENT_TYPE = "application/x-www-form-urlencoded"
GOOD = {"username": "ada", "password": "correct horse battery", "password_confirm": "correct horse battery"}


def test_valid_signup_redirects(post):
    status, location, _ = post(GOOD)
    assert status in (302, 303), f"a valid sign-up answered {status}, expected a redirect"
    assert location.endswith("/signup/done"), f"a valid sign-up redirects to {location!r}, expected /signup/done"


def test_short_password_is_rejected(post):
    try:
        status, _, body = post({**GOOD, "password": "short", "password_confirm": "short"})
    except Exception as error:  # the test client raises what the view raised
        raise AssertionError(
            f"[crashes_on_invalid_field] a 5-character password raised {type(error).__name__}: {error}, expected 422") from None
    tag = tag_200(status)
    assert status == 422, f"{tag}a 5-character password answered {status}, expected 422"
    assert "do not match" not in body, (
        f"[mismatch_when_a_field_failed] two equal short passwords are told they do not match: {body[:300]!r}")
    for data in ({}, {"username": "ada"}):  # an empty or partial POST: the form is bound, its errors answered
        missing = [name for name in GOOD if name not in data]
        response = Client(raise_request_exception=False).post("/signup", data)
        body = response.content.decode()
        required = body.count("This field is required.")  # the page shows the form: its fields are named anyway
        assert response.status_code == 422 and required >= len(missing), (
            f"[missing_fields_unnamed] POST /signup with {data!r} answered {response.status_code} {body[:200]!r}, "
            f"expected 422 with the errors of {missing}")


def test_different_passwords_are_rejected(post):
    status, _, body = post({**GOOD, "password_confirm": "correct horse battery!"})
    tag = tag_200(status) if "do not match" in body else ""  # the rule is there, only the status is not
    assert status == 422, f"{tag}two different passwords answered {status}, expected 422"
    assert "do not match" in body, f"the answer does not say the passwords do not match: {body[:300]!r}"
    assert "correct horse battery" not in body, (
        f"[password_in_the_answer] the 422 repeats the submitted password: {body[:300]!r}")
    response = Client(raise_request_exception=False).post("/signup", {"username": "ada", "password": GOOD["password"]})
    assert response.status_code == 422, (
        f"[raw_data_read] a sign-up without password_confirm answered {response.status_code}, expected 422")
    status, _, _ = post({**GOOD, "password_confirm": "correct horse batterx"})
    assert status == 422, f"[same_length_accepted] two different passwords of the same length answered {status}, expected 422"
    status, _, _ = post({**GOOD, "password_confirm": "Correct Horse Battery"})
    assert status == 422, f"[case_ignored] passwords that differ only in case answered {status}, expected 422"
    passwords.different_passwords_are_refused(post)
    from views import SignupForm  # the rule belongs to the form, whichever view uses it

    form = SignupForm({**GOOD, "password_confirm": "correct horse battery!"})
    assert not form.is_valid(), "[not_in_the_form] SignupForm(...).is_valid() accepts two different passwords: the view compares them, not the form"
    assert "Passwords do not match." in str(form.errors), f"[not_in_the_form] the form's errors do not say the passwords do not match: {form.errors!r}"


def test_equal_passwords_are_kept_as_typed(post):
    passwords.equal_passwords_are_kept_as_typed(post, kept)


def test_no_answer_repeats_the_password(post, monkeypatch):
    passwords.no_answer_repeats_the_password(post)
    # A crash page in debug mode shows the POST data; the test environment forces DEBUG off, so read what
    # the project's settings.py asks for, however it is started.
    debug.check_debug_off(monkeypatch, "settings", lambda module: module.DEBUG)


def test_redirects_stay_on_the_site():
    client = Client()

    def send(method, url, data, headers):
        response = client.post(url, data, headers=headers) if method == "POST" else client.get(url, headers=headers)
        return response.status_code, response.headers.get("location", "")

    redirects.stays_on_site(send, "testserver", [("POST", "/signup", GOOD), ("GET", "/signup", {})])
    hosts.check_no_wildcard_host("settings")  # the test environment adds its own host: read the settings as written


def test_a_post_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)  # what a browser on another site gets
    body = client.post("/signup", GOOD).content.decode()
    assert GOOD["password"] not in body, (
        f"[csrf_refusal_repeats] the refusal of a POST without the CSRF token repeats the password: {body[:300]!r}")
    csrf.refused_without_token(lambda method, path, data: client.generic(method, path, urlencode(data), CONTENT_TYPE).status_code,
                               csrf.django_routes(get_resolver()), GOOD)
    response = client.get("/signup", GOOD)  # a link on another site, or an <img src=...>
    assert response.status_code not in (301, 302, 303, 307, 308), (
        f"[signup_by_get] GET /signup?username=...&password=... answered {response.status_code} "
        f"to {response.headers.get('location')!r}: it created the account")
    browser = Client(enforce_csrf_checks=True)  # a browser on the site: it opens the form, then sends it
    page = browser.get("/signup").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken"[^>]*value="([^"]+)"', page)
    assert token and (conf.CSRF_USE_SESSIONS or conf.CSRF_COOKIE_NAME in browser.cookies), (
        f"[no_token_in_form] GET /signup gave no form with a hidden csrfmiddlewaretoken field and its cookie: {page[:300]!r}")
    response = browser.post("/signup", {**GOOD, "csrfmiddlewaretoken": token.group(1)})
    assert response.status_code in (302, 303), f"a sign-up with the page's CSRF token answered {response.status_code}"


def test_the_secret_key_comes_from_the_environment(monkeypatch):
    import importlib

    import settings

    monkeypatch.setenv("DJANGO_SECRET_KEY", "a-key-from-the-environment")
    key = importlib.reload(settings).SECRET_KEY
    assert key == "a-key-from-the-environment", (
        f"[secret_key_in_source] with DJANGO_SECRET_KEY set, settings.SECRET_KEY is {key[:12]!r}...: the key is written in the source")
    secrets.check_no_literal_fallback(monkeypatch, "settings", lambda module: module.SECRET_KEY)  # and no fallback in the source
