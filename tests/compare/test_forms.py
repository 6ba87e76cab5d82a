"""Forms and validation: one sign-up form in Flask-WTF, Pydantic/FastAPI and Django forms.

Each assertion is a claim the page makes; each `outputs.check` is a transcript the page shows.
CSRF protection stays ON everywhere: the Flask and Django tests fetch the form first and send
the token back, as a browser does.
"""

from __future__ import annotations

import json
import re
import sys
from contextlib import contextmanager

import httpx2
import pytest
from django.test import Client
from fastapi import FastAPI
from fastapi.testclient import TestClient
from flask import Flask, template_rendered

from compare.forms import drive
from compare.forms.drive import REQUESTS
from compare.forms.drive import BAD as BAD_SENT
from compare.forms.drive import GOOD as GOOD_SENT
from compare.forms.drive import MISMATCH as MISMATCH_SENT
from compare.forms.fastapi_app import app as fastapi_app
from compare.forms.fastapi_app import signup_form as fastapi_signup_form
from compare.forms.flask_app import create_app
from guide_tools.runtime.drive import converse, make_app, send
from guide_tools.website.content import SNIPPETS
from tests.support import django_snippets
from tests.support.services import python_env, run_server
from tests.support.shell import shown_commands

OUT = "compare/forms/out"
DJANGO_URLS = "compare.forms.django_app.urls"
DJANGO_SETTINGS = "compare.forms.django_app.settings"  # applied to the Django tests: the settings the page shows

# The shared invalid input: too short (and capitalised) username, bad email, age below 13,
# passwords that do not match.
BAD = {"username": "Al", "email": "not-an-email", "age": "12", "password": "secret12", "password_confirm": "secret21"}
# Every field valid on its own; only the cross-field rule fails.
MISMATCH = {"username": "ada", "email": "ada@example.com", "age": "", "password": "correct horse",
            "password_confirm": "correct horsf"}
GOOD = {"username": "ada", "email": "ada@example.com", "age": "", "password": "correct horse",
        "password_confirm": "correct horse"}

# Flask-WTF's signed token and Flask's session cookie change on every run (drive.py's NORMALISE, which
# the browser test applies too).
FLASK_TOKENS = [(re.compile(pattern), replacement) for pattern, replacement in drive.NORMALISE]


def form_body(data: dict[str, str]) -> str:
    """The request line's body, as a browser would send it (for the transcripts)."""
    return "&".join(f"{k}={v}" for k, v in data.items()).replace("@", "%40").replace(" ", "+")


def test_the_drivers_bodies_are_the_tests_data():
    """drive.py's requests (what the transcripts and the page's Run send) carry this module's data."""
    assert (GOOD_SENT, BAD_SENT, MISMATCH_SENT) == (form_body(GOOD), form_body(BAD), form_body(MISMATCH))
    assert json.loads(REQUESTS["json_created"].partition("\n\n")[2]) == {**GOOD, "age": 36}
    assert all(request.startswith("POST /") for request in REQUESTS.values())


# =========================================================================== Flask


@pytest.fixture(scope="module")
def flask_app():
    # The secret comes from the test configuration; CSRF stays enabled (the default).
    return create_app({"SECRET_KEY": "test-only-not-secret"})


@pytest.fixture
def flask_client(flask_app):
    return flask_app.test_client()


def flask_token(client) -> str:
    """GET the form like a browser and read the hidden CSRF field (this also sets the session cookie)."""
    html = client.get("/signup").get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


@contextmanager
def flask_forms(app):
    """Collect the `form` of every template Flask renders (Flask's template_rendered signal)."""
    seen = []
    with template_rendered.connected_to(lambda sender, template, context, **extra: seen.append(context["form"]), app):
        yield seen


def test_create_app_needs_a_secret_key(monkeypatch):
    monkeypatch.delenv("FLASK_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="FLASK_SECRET_KEY"):
        create_app()
    monkeypatch.setenv("FLASK_SECRET_KEY", "from-the-environment")
    assert create_app().config["SECRET_KEY"] == "from-the-environment"  # from_prefixed_env()


def test_flask_get_renders_token_and_sets_session(flask_app, flask_client):
    assert flask_app.config.get("WTF_CSRF_ENABLED", True)  # not switched off
    response = flask_client.get("/signup")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'name="csrf_token" type="hidden"' in html
    assert response.headers["Set-Cookie"].startswith("session=")  # the raw token lives in the session
    # WTForms renders HTML attributes from the validators; `novalidate` keeps the browser out of the way.
    assert '<input id="username" maxlength="30" minlength="3" name="username" required type="text" value="">' in html
    assert '<input id="age" max="150" min="13" name="age" type="number" value="">' in html
    assert 'class="error"' not in html  # on GET, validate_on_submit() validates nothing


def test_flask_post_without_token_is_rejected(flask_app, flask_client, outputs):
    flask_client.get("/signup")  # a session exists, but the form does not send the token
    with flask_forms(flask_app) as forms:
        response = flask_client.post("/signup", data=GOOD)
    assert response.status_code == 422
    assert forms[0].errors == {"csrf_token": ["The CSRF token is missing."]}
    assert '<p class="error">The CSRF token is missing.</p>' in response.get_data(as_text=True)
    page = make_app(drive.APPS["flask"]).test_client()  # a fresh app, as the page's Run makes it
    outputs.check(f"{OUT}/flask_no_token.txt", converse(page, drive, "flask_no_token.txt"), normalisers=FLASK_TOKENS)


def test_flask_token_is_bound_to_the_session(flask_app, flask_client):
    token = flask_token(flask_client)
    stranger = flask_app.test_client()  # no session cookie, e.g. a forged cross-site request
    with flask_forms(flask_app) as forms:
        response = stranger.post("/signup", data={**GOOD, "csrf_token": token})
    assert response.status_code == 422
    # Building the form gave the stranger a session token of its own, which the stolen one does not match.
    assert forms[0].errors == {"csrf_token": ["The CSRF tokens do not match."]}


def test_flask_post_with_token_succeeds(flask_app, flask_client, outputs):
    token = flask_token(flask_client)
    with flask_forms(flask_app) as forms:
        response = flask_client.post("/signup", data={**GOOD, "csrf_token": token})
    assert forms == []  # no template: validate_on_submit() was true, the view redirected
    assert response.status_code == 302
    assert response.headers["Location"] == "/signup/done"
    assert flask_client.get("/signup/done").get_data(as_text=True) == "Account created."
    page = make_app(drive.APPS["flask"]).test_client()  # GET /signup, then the POST with its token (BEFORE)
    outputs.check(f"{OUT}/flask_success.txt", converse(page, drive, "flask_success.txt"))


def test_flask_token_expires_after_an_hour(flask_app, flask_client, monkeypatch):
    """Flask-WTF signs the token with a time: WTF_CSRF_TIME_LIMIT, 3600 s by default."""
    import itsdangerous.timed

    assert "WTF_CSRF_TIME_LIMIT" not in flask_app.config  # the default applies
    token = flask_token(flask_client)
    real = itsdangerous.timed.time.time
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: real() + 3500)
    assert flask_client.post("/signup", data={**GOOD, "csrf_token": token}).status_code == 302
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: real() + 3601)
    with flask_forms(flask_app) as forms:
        response = flask_client.post("/signup", data={**GOOD, "csrf_token": token})
    assert response.status_code == 422
    assert forms[0].errors == {"csrf_token": ["The CSRF token has expired."]}


def test_flask_token_without_a_time_limit_lasts_as_long_as_the_session(flask_app, flask_client, monkeypatch):
    """The page: `None` makes the token last as long as the session. With WTF_CSRF_TIME_LIMIT = None
    a token 30 days old is accepted; once the session cookie itself is older than Flask's
    PERMANENT_SESSION_LIFETIME (31 days), the token is refused with the session. Under the default
    limit, the 30-day-old token was refused as expired."""
    import itsdangerous.timed

    monkeypatch.setitem(flask_app.config, "WTF_CSRF_TIME_LIMIT", None)
    lifetime = flask_app.permanent_session_lifetime.total_seconds()
    assert lifetime == 31 * 24 * 3600
    token = flask_token(flask_client)
    real = itsdangerous.timed.time.time
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: real() + lifetime - 24 * 3600)
    assert flask_client.post("/signup", data={**GOOD, "csrf_token": token}).status_code == 302
    monkeypatch.setattr(itsdangerous.timed.time, "time", real)
    visitor = flask_app.test_client()  # a new session, its token taken now
    token = flask_token(visitor)
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: real() + lifetime + 60)
    with flask_forms(flask_app) as forms:
        response = visitor.post("/signup", data={**GOOD, "csrf_token": token})
    assert response.status_code == 422
    # The expired cookie is read as an empty session; the form puts a new token in it, which the
    # old one does not match.
    assert forms[0].errors == {"csrf_token": ["The CSRF tokens do not match."]}


def test_default_samesite_of_the_session_cookies(flask_client, settings):
    """Django and Starlette default to SameSite=Lax; Flask leaves the attribute out."""
    from django.conf import global_settings
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.sessions import SessionMiddleware
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    flask_cookie = flask_client.get("/signup").headers["Set-Cookie"]
    assert flask_cookie.startswith("session=") and "samesite" not in flask_cookie.lower()
    assert global_settings.SESSION_COOKIE_SAMESITE == global_settings.CSRF_COOKIE_SAMESITE == "Lax"

    def login(request):
        request.session["user"] = "ada"
        return PlainTextResponse("ok")

    starlette = Starlette(routes=[Route("/", login)],
                          middleware=[Middleware(SessionMiddleware, secret_key="test-only-not-secret")])
    with TestClient(starlette) as client:
        assert "samesite=lax" in client.get("/").headers["set-cookie"].lower()


def test_flask_converted_data(flask_app):
    """form.data holds converted values: an empty age is None, "36" is 36."""
    from compare.forms.flask_forms import SignupForm
    from flask_wtf.csrf import generate_csrf
    from werkzeug.datastructures import MultiDict

    with flask_app.test_request_context("/signup", method="POST"):
        form = SignupForm(formdata=MultiDict({**GOOD, "age": "36", "csrf_token": generate_csrf()}))
        assert form.validate_on_submit()
        assert form.age.data == 36
        empty = SignupForm(formdata=MultiDict({**GOOD, "csrf_token": generate_csrf()}))
        assert empty.validate_on_submit() and empty.age.data is None


def test_wtforms_empty_number_without_optional():
    """Without Optional(), an empty IntegerField is an error, twice over."""
    from werkzeug.datastructures import MultiDict
    from wtforms import Form, IntegerField
    from wtforms.validators import NumberRange

    class AgeForm(Form):
        age = IntegerField(validators=[NumberRange(min=13)])

    form = AgeForm(MultiDict({"age": ""}))
    assert not form.validate()
    assert form.errors == {"age": ["Not a valid integer value.", "Number must be at least 13."]}


def test_flask_invalid_input(flask_app, flask_client, outputs):
    token = flask_token(flask_client)
    with flask_forms(flask_app) as forms:
        response = flask_client.post("/signup", data={**BAD, "csrf_token": token})
    assert response.status_code == 422
    errors = forms[0].errors
    assert errors == {
        "username": ["Field must be between 3 and 30 characters long.", "Use lowercase letters, digits and _ only."],
        "email": ["Invalid email address."],
        "age": ["Number must be between 13 and 150."],
        "password_confirm": ["Passwords do not match."],  # EqualTo runs although other fields failed
    }
    html = response.get_data(as_text=True)
    assert 'value="Al"' in html and 'value="secret12"' not in html  # PasswordField never echoes the value
    page = make_app(drive.APPS["flask"]).test_client()
    outputs.check(f"{OUT}/flask_invalid.txt", converse(page, drive, "flask_invalid.txt"), normalisers=FLASK_TOKENS)


def test_flask_cross_field_errors(flask_app, flask_client, outputs):
    token = flask_token(flask_client)
    with flask_forms(flask_app) as forms:
        assert flask_client.post("/signup", data={**MISMATCH, "csrf_token": token}).status_code == 422
    assert forms[0].errors == {"password_confirm": ["Passwords do not match."]}
    outputs.check(f"{OUT}/flask_mismatch_errors.txt", json.dumps(forms[0].errors, indent=2) + "\n")


def test_flask_token_needs_the_same_secret_key():
    """A new SECRET_KEY (a restart with a random key) invalidates the session and open forms."""
    first = create_app({"SECRET_KEY": "test-only-one"}).test_client()
    token = flask_token(first)
    second = create_app({"SECRET_KEY": "test-only-two"}).test_client()
    second.set_cookie("session", first.get_cookie("session").value)
    assert first.post("/signup", data={**GOOD, "csrf_token": token}).status_code == 302
    response = second.post("/signup", data={**GOOD, "csrf_token": token})
    assert response.status_code == 422
    assert "CSRF token" in response.get_data(as_text=True)


def test_flask_without_secret_key_cannot_render_a_token():
    """A FlaskForm needs SECRET_KEY for its CSRF token: without it, creating the form fails."""
    from compare.forms.flask_forms import SignupForm

    bare = Flask("bare")
    with bare.test_request_context("/signup"), pytest.raises(RuntimeError, match="A secret key is required to use CSRF."):
        SignupForm()


def test_csrfprotect_rejects_before_the_view():
    """CSRFProtect checks every POST of the app, before any view runs: 400, not a form error."""
    from flask_wtf.csrf import CSRFProtect

    app = create_app({"SECRET_KEY": "test-only-not-secret"})
    CSRFProtect(app)
    assert set(app.config["WTF_CSRF_METHODS"]) == {"POST", "PUT", "PATCH", "DELETE"}
    client = app.test_client()
    response = client.post("/signup", data=GOOD)
    assert response.status_code == 400
    assert "The CSRF token is missing." in response.get_data(as_text=True)
    token = flask_token(client)
    assert client.post("/signup", data={**GOOD, "csrf_token": token}).status_code == 302


def test_csrfprotect_over_https_also_checks_the_referer():
    """Over HTTPS (WTF_CSRF_SSL_STRICT, on by default) CSRFProtect also wants a Referer from the same host."""
    from flask_wtf.csrf import CSRFProtect
    from werkzeug.middleware.proxy_fix import ProxyFix

    app = create_app({"SECRET_KEY": "test-only-not-secret"})
    CSRFProtect(app)
    assert app.config["WTF_CSRF_SSL_STRICT"] is True
    client = app.test_client()
    https = {"base_url": "https://localhost"}
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                      client.get("/signup", **https).get_data(as_text=True)).group(1)
    signup = {**GOOD, "csrf_token": token}

    def post(**kwargs):
        response = client.post("/signup", data=signup, **kwargs)
        return response.status_code, re.findall(r"The (?:referrer|CSRF)[^.<]*\.", response.get_data(as_text=True))

    assert post() == (302, [])  # over plain HTTP the Referer is never looked at
    assert post(**https) == (400, ["The referrer header is missing."])  # e.g. Referrer-Policy: no-referrer
    assert post(**https, headers={"Referer": "https://localhost/signup"}) == (302, [])
    assert post(**https, headers={"Referer": "https://evil.example/signup"}) == (400, ["The referrer does not match the host."])
    # Behind ProxyFix every request is HTTPS; a proxy that passes its upstream's name as Host is refused.
    app.wsgi_app = ProxyFix(app.wsgi_app, x_proto=1)
    proxied = {"base_url": "http://app:8000", "headers": {"X-Forwarded-Proto": "https"}}
    signup["csrf_token"] = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                                     client.get("/signup", **proxied).get_data(as_text=True)).group(1)
    proxied["headers"]["Referer"] = "https://shop.example/signup"  # the address the browser saw
    assert post(**proxied) == (400, ["The referrer does not match the host."])
    app.wsgi_app = ProxyFix(app.wsgi_app.app, x_proto=1, x_host=1)  # trust X-Forwarded-Host too
    assert post(**proxied) == (400, ["The referrer does not match the host."])  # not sent: still app:8000
    proxied["headers"]["X-Forwarded-Host"] = "shop.example"
    assert post(**proxied) == (302, [])
    del proxied["headers"]["X-Forwarded-Host"]
    app.config["WTF_CSRF_SSL_STRICT"] = False
    assert post(**proxied) == (302, [])  # the token alone
    # A FlaskForm validated without CSRFProtect checks the token only, over HTTPS too.
    plain = create_app({"SECRET_KEY": "test-only-not-secret"}).test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                      plain.get("/signup", **https).get_data(as_text=True)).group(1)
    assert plain.post("/signup", data={**GOOD, "csrf_token": token}, **https).status_code == 302


# =========================================================================== FastAPI


@pytest.fixture(scope="module")
def fastapi_client():
    with TestClient(fastapi_app) as client:
        yield client


def test_fastapi_json_body(fastapi_client, outputs):
    payload = {**GOOD, "age": 36}
    response = fastapi_client.post("/api/signup", json=payload)
    assert response.status_code == 201
    assert response.json() == {"username": "ada", "email": "ada@example.com", "age": 36}  # no passwords
    outputs.check(f"{OUT}/fastapi_json_created.txt", send(fastapi_client, REQUESTS["json_created"]))


def test_fastapi_template_checks_are_the_models_rules(fastapi_client):
    """The static template repeats Signup's constraints as HTML attributes; derived from the model,
    so a rule added or changed there without the template fails here."""
    from html.parser import HTMLParser

    from compare.forms.fastapi_models import Signup

    inputs: dict[str, dict[str, str | None]] = {}

    class Inputs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "input":
                attributes = dict(attrs)
                inputs[attributes["name"]] = attributes

    Inputs().feed(fastapi_client.get("/signup").text)
    html_name = {"min_length": "minlength", "max_length": "maxlength", "ge": "min", "le": "max", "pattern": "pattern"}
    for name, field in Signup.model_fields.items():
        expected = {"required": None} if field.is_required() else {}
        for rule in field.metadata:
            for key, attribute in html_name.items():
                value = getattr(rule, key, None)
                if value is not None:
                    expected[attribute] = value.removeprefix("^").removesuffix("$") if key == "pattern" else str(value)
        shown = {k: v for k, v in inputs[name].items() if k in {"required", *html_name.values()}}
        assert shown == expected, name


def test_fastapi_form_page_has_no_token(fastapi_client):
    response = fastapi_client.get("/signup")
    assert response.status_code == 200
    assert "csrf" not in response.text.lower()
    assert "set-cookie" not in response.headers


def test_fastapi_form_success(fastapi_client, outputs):
    response = fastapi_client.post("/signup", data=GOOD, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["Location"] == "/signup/done"
    outputs.check(f"{OUT}/fastapi_form_success.txt", send(fastapi_client, REQUESTS["form_success"]))
    done = fastapi_client.get("/signup/done")
    assert done.text == "Account created." and done.headers["content-type"].startswith("text/plain")


def test_fastapi_invalid_input(fastapi_client, outputs):
    response = fastapi_client.post("/signup", data=BAD)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [(e["loc"], e["type"]) for e in detail] == [
        (["body", "username"], "string_too_short"),  # one error per field: the pattern is not reported
        (["body", "email"], "value_error"),
        (["body", "age"], "greater_than_equal"),
    ]  # and no password error: the model validator runs only when every field is valid
    outputs.check(f"{OUT}/fastapi_invalid.txt", send(fastapi_client, REQUESTS["invalid"]))
    # The JSON endpoint validates with the same model and reports the same errors.
    as_json = fastapi_client.post("/api/signup", json={**BAD, "age": 12}).json()["detail"]
    assert [(e["loc"], e["type"]) for e in as_json] == [(e["loc"], e["type"]) for e in detail]


def test_fastapi_cross_field_error(fastapi_client, outputs):
    response = fastapi_client.post("/signup", data=MISMATCH)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body"]  # a model-level error names no field
    assert error["msg"] == "Value error, passwords do not match"
    assert "input" not in error  # the app's handler does not send the passwords back
    outputs.check(f"{OUT}/fastapi_mismatch.txt", send(fastapi_client, REQUESTS["mismatch"]))


def test_fastapi_default_handler_echoes_the_passwords():
    """Without the app's handler, FastAPI's 422 repeats the whole submission as `input`."""
    plain = FastAPI()
    plain.post("/signup")(fastapi_signup_form)
    [error] = TestClient(plain).post("/signup", data=MISMATCH).json()["detail"]
    assert error["input"]["password"] == "correct horse"
    assert "age" not in error["input"]  # an empty form field is treated as missing


HOSTILE = {
    "not UTF-8, text/plain": (b'{"username": "p\xe9n"}', "text/plain"),
    "not UTF-8, form": (b"username=p%E9n\xe9", "application/x-www-form-urlencoded"),
    **{
        f"JSON {depth:,} levels deep": (b"[" * depth + b"]" * depth, "application/json")
        for depth in (900, 1_400, 9_000, 100_000)
    },
}


@pytest.mark.parametrize("path", ["/api/signup", "/signup"])
@pytest.mark.parametrize("name", HOSTILE)
def test_fastapi_hostile_bodies_are_client_errors(path, name):
    """Bodies under any size limit that FastAPI's default handler answers with a 500 (it sends
    `input` back: bytes it decodes as UTF-8, or a nesting it recurses through); here a 4xx."""
    body, content_type = HOSTILE[name]
    with TestClient(fastapi_app, raise_server_exceptions=False) as client:
        response = client.post(path, content=body, headers={"content-type": content_type})
    assert response.status_code in (400, 422), (name, response.status_code)
    assert "input" not in response.text


def test_fastapi_no_csrf_check(fastapi_client, outputs):
    """Nothing in FastAPI checks where a form POST came from."""
    headers = {"Origin": "https://evil.example", "Referer": "https://evil.example/free-prize"}
    response = fastapi_client.post("/signup", data=GOOD, headers=headers, follow_redirects=False)
    assert response.status_code == 303
    outputs.check(f"{OUT}/fastapi_cross_site.txt", send(fastapi_client, REQUESTS["cross_site"]))


def test_fastapi_json_endpoint_needs_a_json_body(fastapi_client):
    """A cross-site HTML form can send only form encodings or text/plain, and a script's fetch()
    a body with no Content-Type, all without a preflight; the JSON endpoint refuses each of them
    (the last one since FastAPI 0.132's strict_content_type)."""
    text = json.dumps(GOOD)
    untyped = fastapi_client.build_request("POST", "/api/signup", content=text)
    assert "content-type" not in untyped.headers
    for response in (
        fastapi_client.send(untyped),  # fetch(url, {method: "POST", body: new Blob([json])})
        fastapi_client.post("/api/signup", content=text, headers={"content-type": "text/plain"}),
        fastapi_client.post("/api/signup", data=GOOD),  # application/x-www-form-urlencoded
        fastapi_client.post("/api/signup", data=GOOD, files={"note": ("note.txt", b"x")}),  # multipart/form-data
    ):
        assert response.status_code == 422
        assert response.json()["detail"][0]["type"] == "model_attributes_type"


def test_fastapi_empty_age(fastapi_client):
    assert fastapi_client.post("/signup", data=GOOD, follow_redirects=False).status_code == 303  # age=""
    response = fastapi_client.post("/api/signup", json=GOOD)  # "age": "" in JSON is not "missing"
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "int_parsing"
    assert fastapi_client.post("/api/signup", json={k: v for k, v in GOOD.items() if k != "age"}).json()["age"] is None


# =========================================================================== Django


@pytest.fixture
def django_client(settings):
    django_snippets.apply(settings, DJANGO_SETTINGS)  # ROOT_URLCONF, MIDDLEWARE, TEMPLATES: as shown
    return Client(enforce_csrf_checks=True)  # check tokens as the real middleware does for browsers


def django_token(client) -> str:
    response = client.get("/signup")
    assert response.status_code == 200
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def test_django_get_sets_csrf_cookie(django_client):
    response = django_client.get("/signup")
    assert "csrftoken" in response.cookies
    html = response.content.decode()
    assert '<input type="hidden" name="csrfmiddlewaretoken"' in html
    assert '<input type="text" name="username" maxlength="30" minlength="3" required id="id_username">' in html


def test_django_post_without_token_is_forbidden(django_client, outputs):
    django_client.get("/signup")  # the cookie is there; the form field is not
    response = django_client.post("/signup", GOOD)
    assert response.status_code == 403
    assert "CSRF verification failed. Request aborted." in response.content.decode()
    # Per stack: Django 6.0's failure page adds a color-scheme meta tag. The page's request: the
    # form, then the POST without its token, through a client that checks CSRF as a browser's
    # request is checked (the driver turns the test client's exemption off).
    outputs.check(f"{OUT}/django_no_token.txt", converse(Client(), drive, "django_no_token.latest.txt"), per_stack=True)


def test_django_post_with_token_succeeds(django_client, outputs):
    token = django_token(django_client)
    response = django_client.post("/signup", {**GOOD, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert response.headers["Location"] == "/signup/done"
    assert django_client.get("/signup/done").content == b"Account created."
    outputs.check(f"{OUT}/django_success.txt", converse(Client(), drive, "django_success.txt"))


def test_django_origin_must_match_the_scheme_django_sees(django_client, settings, caplog):
    """Browsers send Origin with every form POST, and CsrfViewMiddleware compares it with the
    scheme and host of the request as Django sees them. Behind a TLS proxy without
    SECURE_PROXY_SSL_HEADER, Django sees http, so a valid token from the https page gets 403."""
    # What nginx passes on for the browser's https://testserver/signup (Host: $host).
    behind_proxy = {"HTTP_HOST": "testserver", "HTTP_ORIGIN": "https://testserver", "HTTP_X_FORWARDED_PROTO": "https"}
    token = django_token(django_client)
    assert django_client.post("/signup", {**GOOD, "csrfmiddlewaretoken": token},
                              HTTP_ORIGIN="http://testserver").status_code == 302
    response = django_client.post("/signup", {**GOOD, "csrfmiddlewaretoken": token}, **behind_proxy)
    assert response.status_code == 403
    assert "Origin checking failed - https://testserver does not match any trusted origins." in caplog.text
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = django_client.post("/signup", {**GOOD, "csrfmiddlewaretoken": token}, **behind_proxy)
    assert response.status_code == 302


def test_django_converted_data():
    from compare.forms.django_app.forms import SignupForm

    form = SignupForm({**GOOD, "age": "36"})
    assert form.is_valid()
    assert form.cleaned_data["age"] == 36
    empty = SignupForm(GOOD)
    assert empty.is_valid() and empty.cleaned_data["age"] is None


def test_django_invalid_input(django_client, outputs):
    token = django_token(django_client)
    response = django_client.post("/signup", {**BAD, "csrfmiddlewaretoken": token})
    assert response.status_code == 422
    form = response.context["form"]
    assert form.errors.get_json_data() == {
        "username": [
            {"message": "Use lowercase letters, digits and _ only.", "code": "invalid"},
            {"message": "Ensure this value has at least 3 characters (it has 2).", "code": "min_length"},
        ],
        "email": [{"message": "Enter a valid email address.", "code": "invalid"}],
        "age": [{"message": "Ensure this value is greater than or equal to 13.", "code": "min_value"}],
        "password_confirm": [{"message": "Passwords do not match.", "code": "password_mismatch"}],  # clean() ran
    }
    assert form.errors.as_json() == json.dumps(form.errors.get_json_data())
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and "secret12" not in html  # PasswordInput does not echo the value
    # Per stack: Python 3.13 calls 422 "Unprocessable Content" (RFC 9110), and Django's status
    # line takes its phrase from http.HTTPStatus.
    outputs.check(f"{OUT}/django_invalid.txt", converse(Client(), drive, "django_invalid.latest.txt"), per_stack=True)


def test_django_cross_field_errors(django_client, outputs):
    token = django_token(django_client)
    response = django_client.post("/signup", {**MISMATCH, "csrfmiddlewaretoken": token})
    assert response.status_code == 422
    errors = response.context["form"].errors.get_json_data()
    assert errors == {"password_confirm": [{"message": "Passwords do not match.", "code": "password_mismatch"}]}
    outputs.check(f"{OUT}/django_mismatch_errors.txt", json.dumps(errors, indent=2) + "\n")


def test_django_passwords_are_not_stripped():
    from compare.forms.django_app.forms import SignupForm

    form = SignupForm({**GOOD, "username": " ada ", "password": " correct horse ", "password_confirm": " correct horse "})
    assert form.is_valid()
    assert form.cleaned_data["username"] == "ada"  # CharField strips by default
    assert form.cleaned_data["password"] == " correct horse "  # strip=False keeps every character


def test_django_error_raised_in_clean_is_form_wide():
    """add_error() puts a message on a field; raising ValidationError in clean() makes a form-wide one."""
    from compare.forms.django_app.forms import SignupForm
    from django import forms

    class Strict(SignupForm):
        def clean(self):
            super().clean()
            raise forms.ValidationError("Sign-ups are closed.")

    form = Strict(GOOD)
    assert not form.is_valid()
    assert form.non_field_errors() == ["Sign-ups are closed."]
    assert SignupForm(MISMATCH).non_field_errors() == []  # the mismatch went to its field


def test_django_form_renders_itself():
    """`{{ form }}` alone renders each field with its label (and errors) in a <div>."""
    from compare.forms.django_app.forms import SignupForm

    html = str(SignupForm({**BAD}))
    assert '<div>\n    <label for="id_username">Username:</label>' in html
    assert '<ul class="errorlist" id="id_username_error">' in html


def test_django_user_creation_form():
    """Django's own sign-up form keeps passwords unstripped and reports a mismatch."""
    from django.contrib.auth.forms import UserCreationForm

    assert UserCreationForm.base_fields["password1"].strip is False
    assert UserCreationForm.base_fields["password2"].strip is False
    assert "password_mismatch" in UserCreationForm.error_messages


def test_django_csrf_token_does_not_depend_on_secret_key(django_client, settings):
    """The token lives in the csrftoken cookie, unsigned: a new SECRET_KEY does not invalidate it."""
    token = django_token(django_client)
    settings.SECRET_KEY = "another-test-only-key"
    assert django_client.post("/signup", {**GOOD, "csrfmiddlewaretoken": token}).status_code == 302


def test_django_csrf_token_has_no_time_limit(django_client, settings, monkeypatch):
    """Django's token carries no timestamp: it is valid as long as the csrftoken cookie (52 weeks)."""
    import time

    from django.conf import global_settings

    token = django_token(django_client)
    assert django_client.cookies["csrftoken"]["samesite"] == "Lax"
    assert global_settings.CSRF_COOKIE_AGE == 60 * 60 * 24 * 7 * 52
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 60 * 60 * 24 * 30)  # a month later
    assert django_client.post("/signup", {**GOOD, "csrfmiddlewaretoken": token}).status_code == 302


def test_django_csrf_covers_unsafe_methods(django_client):
    """The middleware runs before the view: even methods the view does not allow get 403 first."""
    django_client.get("/signup")
    for method in ("put", "patch", "delete"):
        assert getattr(django_client, method)("/signup").status_code == 403


def test_startproject_includes_csrf_middleware():
    from pathlib import Path

    import django

    template = Path(django.__file__).parent / "conf/project_template/project_name/settings.py-tpl"
    assert "'django.middleware.csrf.CsrfViewMiddleware'," in template.read_text()


def test_django_plain_test_client_skips_csrf(settings):
    django_snippets.apply(settings, DJANGO_SETTINGS)  # ROOT_URLCONF, MIDDLEWARE, TEMPLATES: as shown
    assert Client().post("/signup", GOOD).status_code == 302  # why enforce_csrf_checks=True matters


# =========================================================================== the same rules everywhere


def submit(framework: str, data: dict[str, str], clients) -> tuple[int, str]:
    """POST the form with a valid CSRF token where there is one; (status, body text)."""
    if framework == "flask":
        client = clients["flask"]
        response = client.post("/signup", data={**data, "csrf_token": flask_token(client)})
        return response.status_code, response.get_data(as_text=True)
    if framework == "fastapi":
        response = clients["fastapi"].post("/signup", data=data, follow_redirects=False)
        return response.status_code, response.text
    client = clients["django"]
    response = client.post("/signup", {**data, "csrfmiddlewaretoken": django_token(client)})
    return response.status_code, response.content.decode()


@pytest.fixture
def clients(flask_client, fastapi_client, django_client):
    return {"flask": flask_client, "fastapi": fastapi_client, "django": django_client}


@pytest.mark.parametrize(("framework", "success"), [("flask", 302), ("fastapi", 303), ("django", 302)])
def test_redirect_after_post(clients, framework, success):
    """Flask's redirect() and Django's redirect() send 302; Starlette's RedirectResponse must be told 303."""
    status, _ = submit(framework, GOOD, clients)
    assert status == success


def test_starlette_redirect_default_is_307(fastapi_client):
    from starlette.responses import RedirectResponse

    assert RedirectResponse("/signup/done").status_code == 307  # a browser would repeat the POST there
    assert fastapi_client.post("/signup/done", data=GOOD).status_code == 405  # ... and get this


@pytest.mark.parametrize(("framework", "message"), [
    ("flask", "This username is reserved."),
    ("fastapi", "Value error, this username is reserved"),
    ("django", "This username is reserved."),
])
def test_custom_field_rule(clients, framework, message):
    status, body = submit(framework, {**GOOD, "username": "admin"}, clients)
    assert status == 422
    assert message in body


@pytest.mark.parametrize(("framework", "message"), [
    ("flask", "The password must not contain the username."),
    ("fastapi", "Value error, the password must not contain the username"),
    ("django", "The password must not contain the username."),
])
def test_password_must_not_contain_username(clients, framework, message):
    data = {**GOOD, "password": "ada-rules-ok", "password_confirm": "ada-rules-ok"}
    status, body = submit(framework, data, clients)
    assert status == 422
    assert message in body


@pytest.mark.parametrize(("framework", "status"), [("flask", 422), ("fastapi", 422), ("django", 302)])
def test_surrounding_spaces(clients, framework, status):
    """Django's CharField strips whitespace before validating; WTForms and Pydantic do not."""
    assert submit(framework, {**GOOD, "username": " ada "}, clients)[0] == status


@pytest.mark.parametrize(("framework", "status"), [("flask", 422), ("fastapi", 422), ("django", 302)])
def test_trailing_newline_in_username(clients, framework, status):
    """In Python's re, $ also matches before a final newline; \\Z does not. Pydantic's Rust regex has no such gap."""
    assert submit(framework, {**GOOD, "username": "ada\n"}, clients)[0] == status  # Django strips it: "ada"


def test_django_username_validator_refuses_a_final_newline():
    """The field strips "ada\\n" before validating; the validator itself must not rely on that."""
    import re

    from django.core.exceptions import ValidationError
    from django.core.validators import RegexValidator

    from compare.forms.django_app.forms import SignupForm

    assert re.match(r"^[a-z0-9_]+$", "ada\n")  # the gap that \\Z closes
    (validator,) = [v for v in SignupForm.base_fields["username"].validators if isinstance(v, RegexValidator)]
    with pytest.raises(ValidationError):
        validator("ada\n")


# =========================================================================== what older examples get wrong


def test_pydantic_v1_validators_are_deprecated():
    from pydantic import BaseModel, PydanticDeprecatedSince20, root_validator, validator

    with pytest.warns(PydanticDeprecatedSince20, match="field_validator"):
        class WithValidator(BaseModel):
            password: str

            @validator("password")
            def long_enough(cls, value):  # pragma: no cover - never called
                return value

    with pytest.warns(PydanticDeprecatedSince20, match="model_validator"):
        class WithRootValidator(BaseModel):
            password: str

            @root_validator(skip_on_failure=True)
            def check(cls, values):  # pragma: no cover - never called
                return values

    with pytest.warns(PydanticDeprecatedSince20, match="ConfigDict"):
        class WithConfigClass(BaseModel):
            password: str

            class Config:
                str_strip_whitespace = True


def test_regex_became_pattern():
    from pydantic import Field, PydanticUserError, constr

    with pytest.raises(TypeError, match="regex"):
        constr(regex=r"^[a-z]+$")
    with pytest.raises(PydanticUserError, match="use `pattern` instead"):
        Field(regex=r"^[a-z]+$")


def test_wtforms_removed_names():
    import flask_wtf
    import wtforms
    import wtforms.validators

    assert not hasattr(wtforms.validators, "Required")  # use DataRequired or InputRequired
    assert not hasattr(wtforms, "TextField")  # use StringField
    # flask_wtf.Form was renamed FlaskForm; the name now means WTForms' plain Form: no CSRF field.
    assert flask_wtf.Form is wtforms.Form
    assert not hasattr(flask_wtf.Form(), "csrf_token")


def test_email_validation_needs_email_validator(monkeypatch, flask_app):
    """EmailStr fails when the model is defined; WTForms' Email() only when a form is validated;
    Django does not use the package."""
    from compare.forms.flask_forms import SignupForm
    from pydantic import BaseModel, EmailStr

    monkeypatch.setitem(sys.modules, "email_validator", None)  # as if the package were not installed
    with pytest.raises(ImportError, match="email-validator is not installed"):
        class Model(BaseModel):
            email: EmailStr
    from flask_wtf.csrf import generate_csrf
    from werkzeug.datastructures import MultiDict

    with flask_app.test_request_context("/signup", method="POST"):
        form = SignupForm(formdata=MultiDict({**GOOD, "csrf_token": generate_csrf()}))
        with pytest.raises(Exception, match="Install 'email_validator'"):
            form.validate()
    from compare.forms.django_app.forms import SignupForm as DjangoSignupForm

    assert DjangoSignupForm(GOOD).is_valid()  # Django's EmailField has its own validator


# =========================================================================== run it yourself


def run_commands() -> dict[str, str]:
    """The commands of snippets/compare/forms/run.sh, by section name."""
    return shown_commands(SNIPPETS / "compare/forms/run.sh")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["flask", "fastapi", "django"])
def test_run_command_serves_the_form(name):
    command = run_commands()[name]
    token_field = {"flask": "csrf_token", "fastapi": None, "django": "csrfmiddlewaretoken"}[name]
    with run_server(command, cwd=SNIPPETS, env=python_env()) as server, httpx2.Client(base_url=server.url, timeout=10) as http:
        page = http.get("/signup")
        assert page.status_code == 200
        data = dict(GOOD)
        if token_field:
            data[token_field] = re.search(rf'name="{token_field}"[^>]*value="([^"]+)"', page.text).group(1)
            assert http.post("/signup", data=GOOD).status_code in {403, 422}  # no token: refused
        response = http.post("/signup", data=data)
    assert response.status_code in {302, 303}
    assert response.headers["location"] == "/signup/done"


@pytest.mark.parametrize("framework", ["flask", "fastapi", "django"])
def test_age_is_bounded_above(clients, framework):
    """A 30-digit age is an int, and `min` alone lets it through: saved to an integer column it is
    a 500 (SQLite: OverflowError; PostgreSQL: integer out of range). 150 is the last valid age."""
    status, _ = submit(framework, {**GOOD, "age": "9" * 30}, clients)
    assert status == 422
    status, _ = submit(framework, {**GOOD, "age": "151"}, clients)
    assert status == 422
    status, _ = submit(framework, {**GOOD, "age": "150"}, clients)
    assert status in (302, 303)
