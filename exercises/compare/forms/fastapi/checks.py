"""Checks of the forms exercise, FastAPI: `python3 dev.py exercise forms/fastapi`."""

import importlib
import json
import warnings

import pytest
from app import app
from fastapi.testclient import TestClient

from exercises.batteries import debug, redirects
from exercises.compare.forms import passwords


@pytest.fixture
def post():
    with TestClient(app) as client:

        def post(data):
            response = client.post("/signup", data=data, follow_redirects=False)
            return response.status_code, response.headers.get("location", ""), response.text

        yield post


def kept(data):
    """The two passwords the Signup model keeps after validation, or None when it refuses them."""
    import app as module

    try:
        signup = module.Signup.model_validate(data)
    except ValueError:  # pydantic.ValidationError
        return None
    return signup.password, signup.password_confirm


GOOD = {"username": "ada", "password": "correct horse battery", "password_confirm": "correct horse battery"}


def test_valid_signup_redirects(post):
    status, location, _ = post(GOOD)
    tag = "[redirect_keeps_post] " if status in (307, 308) else ""
    assert status in (302, 303), f"{tag}a valid sign-up answered {status}, expected 303 See Other (or 302)"
    assert location.endswith("/signup/done"), f"a valid sign-up redirects to {location!r}, expected /signup/done"


def test_short_password_is_rejected(post):
    def short(confirm):
        try:
            return post({**GOOD, "password": "short", "password_confirm": confirm})
        except Exception as error:  # the test client raises what the app raised
            raise AssertionError(
                f"[crashes_on_invalid_field] a 5-character password raised {type(error).__name__}: {error}, "
                f"expected 422") from None

    status, _, _ = short("short")
    assert status == 422, f"a 5-character password answered {status}, expected 422"
    status, _, body = short("shorts")
    detail = json.loads(body).get("detail") if status == 422 else None
    locs = [error.get("loc", [])[-1:] for error in detail] if isinstance(detail, list) else []
    assert ["password"] in locs, (
        f"[field_errors_hidden] a 5-character password with another confirmation answered {status} "
        f"with errors at {locs}, expected the error of password too")


def test_different_passwords_are_rejected(post):
    status, _, body = post({**GOOD, "password_confirm": "correct horse battery!"})
    tag = "[wrong_status] " if status == 200 or 400 <= status < 500 else ""  # the rule may be right, not the status
    assert status == 422, f"{tag}two different passwords answered {status}, expected 422"
    assert "do not match" in body, f"the answer does not say the passwords do not match: {body[:300]!r}"
    detail = json.loads(body).get("detail")
    assert isinstance(detail, list) and any("do not match" in error.get("msg", "") for error in detail), (
        f"[not_a_validation_error] the 422 is not Pydantic's list of errors: detail is {json.dumps(detail)}")
    status, _, _ = post({**GOOD, "password_confirm": "correct horse batterx"})
    assert status == 422, f"[same_length_accepted] two different passwords of the same length answered {status}, expected 422"
    status, _, _ = post({**GOOD, "password_confirm": "Correct Horse Battery"})
    assert status == 422, f"[case_ignored] passwords that differ only in case answered {status}, expected 422"
    passwords.different_passwords_are_refused(post)
    status, _, _ = post({"username": "ada", "password": "correct horse battery"})
    assert status == 422, f"[confirm_optional] a sign-up without password_confirm answered {status}, expected 422"
    import app as module  # the rule belongs to the model, whichever endpoint uses it

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        module = importlib.reload(module)
        signup = module.Signup.model_validate(GOOD)
    assert isinstance(signup, module.Signup), (
        f"[validator_returns_none] Signup.model_validate() of a valid sign-up returned {signup!r}, expected a Signup")
    assert not caught, f"[validator_warns] your app.py warns: {str(caught[0].message).splitlines()[0]}"
    try:
        module.Signup.model_validate({**GOOD, "password_confirm": "correct horse battery!"})
    except ValueError as error:  # pydantic.ValidationError
        types = [e["type"] for e in error.errors()]  # any type but an assert's: ValueError, PydanticCustomError(...)
        assert "assertion_error" not in types, (
            f"[assert_statement] the mismatch is reported as {types}, from an `assert`: `assert` is removed under `python -O`")
    else:
        raise AssertionError("[not_in_the_model] Signup.model_validate() accepts two different passwords: the endpoint compares them, not the model")


def test_every_route_refuses_different_passwords():
    """The rule holds on the whole app: no route, with any method, signs up two different passwords
    sent as a form, as JSON or in the query string, where it refuses the same request without them."""
    from fastapi.routing import APIRoute

    mismatch = {**GOOD, "password_confirm": "correct horse battery!"}
    with TestClient(app) as client:
        for route in (r for r in app.routes if isinstance(r, APIRoute) and "{" not in r.path):
            for method in sorted(route.methods):
                for how in ("data", "json", "params"):
                    if (method, route.path, how) == ("POST", "/signup", "data"):
                        continue  # the sign-up itself: different_passwords_are_rejected
                    empty = client.request(method, route.path, **{how: {}}, follow_redirects=False).status_code
                    got = client.request(method, route.path, **{how: mismatch}, follow_redirects=False).status_code
                    assert not (got < 400 <= empty), (
                        f"[second_route_accepts] {method} {route.path} answered {got} to two different passwords, expected 422")
                if method in ("GET", "HEAD"):
                    got = client.request(method, route.path, params=GOOD, follow_redirects=False).status_code
                    empty = client.request(method, route.path, follow_redirects=False).status_code
                    assert not (got < 400 <= empty), (
                        f"[signup_by_get] {method} {route.path}?username=...&password=... answered {got}: "
                        f"a sign-up by a link puts the password in the URL")


def test_equal_passwords_are_kept_as_typed(post):
    passwords.equal_passwords_are_kept_as_typed(post, kept)


def test_no_answer_repeats_the_password(post, monkeypatch):
    passwords.no_answer_repeats_the_password(post)
    debug.check_debug_off(monkeypatch, "app", lambda module: module.app.debug)  # a crash page in debug mode shows the traceback


def test_redirects_stay_on_the_site():
    with TestClient(app) as client:

        def send(method, url, data, headers):
            response = client.request(method, url, data=data, headers=headers, follow_redirects=False)
            return response.status_code, response.headers.get("location", "")

        redirects.stays_on_site(send, "testserver", [("POST", "/signup", GOOD), ("GET", "/signup", {})])
