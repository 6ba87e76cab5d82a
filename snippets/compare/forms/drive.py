"""The requests behind the responses compare/forms.md shows (out/*.txt).

tests/compare/test_forms.py checks each output with these requests, and the page's Run button sends
the same ones in the browser (guide_tools/runtime/drive.py; contributing/runnable-listings.md, "Runnable listings").
A form is posted as a browser posts it: URL-encoded, its Content-Type said, after a GET of the form
whose CSRF token it sends back (`csrf_token=<token>`: the hidden field of the page the GET returned).
"""

APPS = {
    # A made-up key: it signs the session cookie that holds Flask-WTF's CSRF token.
    "flask": ("compare.forms.flask_app:create_app", {"SECRET_KEY": "test-only-not-secret"}),
    "fastapi": "compare.forms.fastapi_app:app",
    "django": "compare.forms.django_app.settings",
}
FORM = "POST /signup\nContent-Type: application/x-www-form-urlencoded\n"
# The test's GOOD, BAD and MISMATCH (tests/compare/test_forms.py), URL-encoded as a browser sends them.
GOOD = "username=ada&email=ada%40example.com&age=&password=correct+horse&password_confirm=correct+horse"
BAD = "username=Al&email=not-an-email&age=12&password=secret12&password_confirm=secret21"
MISMATCH = "username=ada&email=ada%40example.com&age=&password=correct+horse&password_confirm=correct+horsf"
REQUESTS = {
    "json_created": 'POST /api/signup\nContent-Type: application/json\n\n{\n  "username": "ada",\n  "email": "ada@example.com",\n'
                    '  "age": 36,\n  "password": "correct horse",\n  "password_confirm": "correct horse"\n}',
    "form_success": FORM + "\n" + GOOD,
    "invalid": FORM + "\n" + BAD,
    "mismatch": FORM + "\n" + MISMATCH,
    "cross_site": FORM + "Origin: https://evil.example\n\n" + GOOD,
}
# Flask-WTF's and Django's forms: the form first (BEFORE), then the POST with its token, or without.
# Django's 422 reason phrase is Python's (3.13 renamed it) and 6.0 changed its 403 page: one output
# per stack, and the browser's Python and Django are the latest stack's.
TOKEN_FIELD = {"flask": "csrf_token", "django": "csrfmiddlewaretoken"}
WITH_TOKEN = {
    "flask_success.txt": ("flask", GOOD), "flask_invalid.txt": ("flask", BAD),
    "django_success.txt": ("django", GOOD), "django_invalid.latest.txt": ("django", BAD),
}
OUTPUTS = {
    **{f"fastapi_{name}.txt": ("fastapi", request) for name, request in REQUESTS.items()},
    **{output: (framework, f"{FORM}\n{body}&{TOKEN_FIELD[framework]}=<token>") for output, (framework, body) in WITH_TOKEN.items()},
    "flask_no_token.txt": ("flask", f"{FORM}\n{GOOD}"),
    "django_no_token.latest.txt": ("django", f"{FORM}\n{GOOD}"),
}
BEFORE = {output: ["GET /signup"] for output, (framework, _) in OUTPUTS.items() if framework != "fastapi"}
# Checked as a browser's requests are: Django's test client skips the checks unless told.
CSRF_CHECKED = [output for output, (framework, _) in OUTPUTS.items() if framework == "django"]
# Flask-WTF's token (the form's hidden field) and Flask's session cookie are new on every run.
NORMALISE = [(r'(name="csrf_token" type="hidden" value=")[^"]+', r"\1<token>"), (r"(session=)[^;]+", r"\1<token>")]
LTS = "the LTS stack's answer (Python 3.11, Django 5.2); the browser runs the latest stack's, in the tab beside it"
NOT_IN_BROWSER = {
    "flask_mismatch_errors.txt": "the form's errors, printed by the test: no request to send",
    "django_mismatch_errors.txt": "the form's errors, printed by the test: no request to send",
    "django_invalid.lts.txt": LTS,
    "django_no_token.lts.txt": LTS,
}
EDITABLE = {
    "flask": ["compare/forms/flask_app.py", "compare/forms/flask_forms.py", "compare/forms/templates/flask_signup.html"],
    "fastapi": ["compare/forms/fastapi_app.py", "compare/forms/fastapi_models.py"],
    "django": ["compare/forms/django_app/views.py", "compare/forms/django_app/forms.py",
               "compare/forms/django_app/templates/forms_signup/signup.html", "compare/forms/django_app/settings.py"],
}
