"""Why compare/auth.md's outputs do not run in the browser yet (CONTRIBUTING.md, "Runnable
listings"). FastAPI's hash passwords with argon2 (pwdlib), which has no browser build: the
census reads that from fastapi_app.py's imports. Flask's and Django's are a conversation that
the driver cannot hold yet: the users the test adds, a login whose POST carries the CSRF token of
the form a GET returned, and, for Django, the secret key its settings read from the environment.
Flask's anonymous redirect is one request to an app made by create_app(), which
tests/compare/test_auth.py sends; it waits for hashlib.scrypt in the browser (flask_users.py hashes
the users' passwords with Werkzeug's default, scrypt, when it is imported).
"""

# A made-up key for the one request the page runs (it signs only the anonymous session cookie).
APPS = {"flask": ("compare.auth.flask_app:create_app", {"SECRET_KEY": "test-only-not-secret"})}
ANONYMOUS = "GET /reports"  # out/flask_anonymous.txt's request, which the test sends
NORMALISE = [(r"(session=)[^;\s]+", r"\1<token>")]  # the signed session cookie changes on every run
EDITABLE = {"flask": ["compare/auth/flask_app.py", "compare/auth/flask_users.py"]}

LOGIN = "not declared yet: the users the test adds, and a POST that carries the CSRF token of the form a GET returned"
AS_BOB = "not declared yet: a login first (the users the test adds, the form's CSRF token); the request line says who"
SECRET = "not declared yet: the settings read DJANGO_SECRET_KEY from the environment, which the driver does not set"
NOT_IN_BROWSER = {
    "flask_anonymous.txt": "not declared yet: flask_users.py hashes a password with Werkzeug's default, scrypt, and the browser's Python "
                     "has no hashlib.scrypt (the Run stopped with AttributeError)",
    **{f"flask_{name}.txt": LOGIN for name in ("login", "wrong_password", "logout", "external_next")},
    **{f"django_{name}.txt": LOGIN for name in ("login", "wrong_password", "logout")},
    "flask_forbidden.txt": AS_BOB,
    "django_forbidden.txt": AS_BOB,
    "django_anonymous.txt": SECRET,
    "django_logout_get.txt": SECRET,
}
