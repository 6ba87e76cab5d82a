"""Content Security Policy: Flask and FastAPI set the header themselves; Django ships it since 6.0.

The Django snippet uses an API the LTS series does not have (it is in stacks.LATEST_ONLY): on the
floor the test asserts that the API is absent, which is the page's claim "new in Django 6.0".
"""

from __future__ import annotations

import re

from django.http import HttpResponse
from django.urls import path
from fastapi.testclient import TestClient

from compare.middleware import csp_fastapi, csp_flask, drive
from guide_tools.runtime.drive import converse, django_settings, make_app
from tests.support.latest_only import latest_only

OUT = "compare/middleware/out"
NONCE = re.compile(r"nonce-([\w-]+)'")
# The nonce is new on every request: the transcript shows where it goes, not its value (drive.py's
# NORMALISE, which the browser test applies too).
NONCE_NORMALISER = [(re.compile(pattern), replacement) for pattern, replacement in drive.NORMALISE]


def nonces(response_header: str, body: str) -> tuple[str, str]:
    return NONCE.search(response_header)[1], re.search(r'nonce="([\w-]+)"', body)[1]


def check_policy(get) -> None:
    """The header's nonce is the page's, and a new one is made for each request; no cache may store
    the page, or it would send the same nonce again (CSP Level 3: unique in every response)."""
    first, second = get(), get()
    header_nonce, page_nonce = nonces(first[0], first[1])
    assert header_nonce == page_nonce and len(header_nonce) >= 22  # 16 random bytes, base64
    assert nonces(second[0], second[1])[0] != header_nonce
    assert "script-src 'self' 'nonce-" in first[0] and "object-src 'none'" in first[0]
    assert first[2] == "no-store"


def test_flask_csp(outputs):
    client = csp_flask.app.test_client()

    def get():
        response = client.get("/")
        return (response.headers["Content-Security-Policy"], response.get_data(as_text=True),
                response.headers.get("Cache-Control"))

    check_policy(get)
    assert make_app(drive.OUTPUT_APPS["csp_flask.txt"]) is csp_flask.app  # the app the page's Run sends to
    outputs.check(f"{OUT}/csp_flask.txt", converse(client, drive, "csp_flask.txt"), normalisers=NONCE_NORMALISER)


def test_flask_csp_when_an_earlier_hook_answers():
    """A login check registered before make_nonce answers with a redirect: make_nonce never runs,
    and set_policy must still send the redirect, with a policy, not a 500."""
    from flask import Flask, redirect

    app = Flask(__name__)

    @app.before_request
    def require_login():
        return redirect("/login")

    app.before_request(csp_flask.make_nonce)
    app.after_request(csp_flask.set_policy)
    app.get("/")(csp_flask.page)

    response = app.test_client().get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert "script-src 'self' 'nonce-" in response.headers["Content-Security-Policy"]


def test_fastapi_csp(outputs):
    with TestClient(csp_fastapi.app) as client:

        def get():
            response = client.get("/")
            return response.headers["content-security-policy"], response.text, response.headers.get("cache-control")

        check_policy(get)
        assert make_app(drive.OUTPUT_APPS["csp_fastapi.txt"]) is csp_fastapi.app
        outputs.check(f"{OUT}/csp_fastapi.txt", converse(client, drive, "csp_fastapi.txt"), normalisers=NONCE_NORMALISER)


def django_csp():
    return latest_only("compare.middleware.csp_django", "django.middleware.csp", "django.utils.csp")


def test_django_csp(client, settings, outputs):
    csp_django = django_csp()
    if csp_django is None:  # the LTS floor: no CSP support of its own (django-csp was the package)
        from django.conf import global_settings

        assert not hasattr(global_settings, "SECURE_CSP")
        return
    settings.MIDDLEWARE = csp_django.MIDDLEWARE
    settings.SECURE_CSP = csp_django.SECURE_CSP
    settings.TEMPLATES = csp_django.TEMPLATES
    settings.ROOT_URLCONF = "compare.middleware.csp_django"
    values = django_settings(drive.OUTPUT_APPS["csp_django.latest.txt"])  # what the page's Run configures
    assert [values[name] for name in ("MIDDLEWARE", "SECURE_CSP", "TEMPLATES", "ROOT_URLCONF")] == [
        settings.MIDDLEWARE, settings.SECURE_CSP, settings.TEMPLATES, settings.ROOT_URLCONF]

    def get():
        response = client.get("/")
        return (response.headers["Content-Security-Policy"], response.content.decode(),
                response.headers.get("Cache-Control"))

    check_policy(get)
    # The header is built from the dict in the order written, with the CSP constants quoted.
    assert get()[0].startswith("default-src 'self'; script-src 'self' 'nonce-")
    outputs.check(
        f"{OUT}/csp_django.txt", converse(client, drive, "csp_django.latest.txt"),
        normalisers=NONCE_NORMALISER, per_stack=True,
    )


def test_django_csp_is_off_until_configured(client, settings):
    if django_csp() is None:
        return  # the floor: asserted absent by django_csp()
    # The setting defaults to an empty policy: the middleware alone adds no header.
    from django.conf import global_settings

    assert global_settings.SECURE_CSP == {}
    settings.MIDDLEWARE = ["django.middleware.csp.ContentSecurityPolicyMiddleware"]
    settings.ROOT_URLCONF = "compare.middleware.csp_django"
    assert "Content-Security-Policy" not in client.get("/").headers


def test_django_csp_nonce_only_when_read(client, settings):
    """The page: the nonce is made only when something reads it. A response whose template never
    reads `csp_nonce` gets the policy without its nonce source, and none is made for it."""
    csp_django = django_csp()
    if csp_django is None:
        return  # the floor: asserted absent by django_csp()
    settings.MIDDLEWARE = csp_django.MIDDLEWARE
    settings.SECURE_CSP = csp_django.SECURE_CSP
    settings.TEMPLATES = csp_django.TEMPLATES
    settings.ROOT_URLCONF = __name__  # urlpatterns below: a page without inline script
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "nonce-" not in policy
    assert not response.wsgi_request._csp_nonce  # LazyNonce: false until it is generated


def test_django_csp_report_only(client, settings):
    """The page: SECURE_CSP_REPORT_ONLY sends the policy in the report-only header, not enforced."""
    csp_django = django_csp()
    if csp_django is None:
        return  # the floor: asserted absent by django_csp()
    settings.MIDDLEWARE = csp_django.MIDDLEWARE
    settings.SECURE_CSP = {}
    settings.SECURE_CSP_REPORT_ONLY = csp_django.SECURE_CSP
    settings.TEMPLATES = csp_django.TEMPLATES
    settings.ROOT_URLCONF = "compare.middleware.csp_django"
    response = client.get("/")
    assert "Content-Security-Policy" not in response.headers
    header_nonce, page_nonce = nonces(response.headers["Content-Security-Policy-Report-Only"], response.content.decode())
    assert header_nonce == page_nonce


def no_inline_script(request):
    return HttpResponse("<p>no inline script</p>")


urlpatterns = [path("", no_inline_script)]
