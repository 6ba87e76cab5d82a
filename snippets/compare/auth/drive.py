"""The requests behind compare/auth.md's Django outputs, and why the others do not run in the browser
(contributing/runnable-listings.md, "Runnable listings").

tests/compare/test_auth.py checks the Django outputs with these requests, on an empty database, and
the page's Run button sends the same ones in the browser (guide_tools/runtime/drive.py). The users
are made by a SETUP function, signed in as Django's login() signs them in (drive.django_login): a
login through the form would check a password with Django's default hasher, PBKDF2, and the
browser's Python has no hashlib.pbkdf2_hmac (it needs OpenSSL). The logout form's CSRF token comes
from the page that shows it (BEFORE), as a browser sends it back.

No Flask output runs there: flask_users.py hashes a password with Werkzeug's default, scrypt, when it
is imported, and the browser's Python has no hashlib.scrypt either. FastAPI's hash passwords with
argon2 (pwdlib), which has no browser build: the census reads that from fastapi_app.py's imports.
"""

# The settings module reads its key from the environment: a made-up one for the page's Run.
ENVIRON = {"DJANGO_SECRET_KEY": "made-for-the-guide-not-a-secret-3c9f1e0b7a5d4e2f8a6b"}
APPS = {
    # Flask's anonymous redirect (out/flask_anonymous.txt): the test sends ANONYMOUS to an app made
    # as this says; a made-up key signs only the anonymous session cookie.
    "flask": ("compare.auth.flask_app:create_app", {"SECRET_KEY": "test-only-not-secret"}),
    "django": "compare.auth.django_app.settings",
}
ANONYMOUS = "GET /reports"
FORM = "Content-Type: application/x-www-form-urlencoded"
OUTPUTS = {
    "django_anonymous.txt": ("django", "GET /reports/"),
    "django_forbidden.txt": ("django", "GET /reports/publish/  (logged in as bob)"),
    "django_logout_get.txt": ("django", "GET /accounts/logout/"),
    "django_logout.txt": ("django", f"POST /accounts/logout/\n{FORM}\n\ncsrfmiddlewaretoken=<token>"),
}
SETUP = {"django_forbidden.txt": "bob_logged_in", "django_logout_get.txt": "ada_logged_in",
         "django_logout.txt": "ada_logged_in"}
BEFORE = {"django_logout.txt": ["GET /reports/"]}  # the page with the logout form, and its token
CSRF_CHECKED = [output for output in OUTPUTS]  # as a browser's requests are (Django's test client skips the checks)
NORMALISE = [(r"(session=)[^;\s]+", r"\1<token>")]  # Flask's signed session cookie changes on every run
EDITABLE = {
    "django": ["compare/auth/django_app/views.py", "compare/auth/django_app/urls.py",
               "compare/auth/django_app/templates/auth_reports/reports.html", "compare/auth/django_app/settings.py"],
}

SCRYPT = ("flask_users.py hashes passwords with Werkzeug's default, scrypt, when it is imported: hashlib.scrypt "
          "needs OpenSSL, which the browser's Python lacks")
PBKDF2 = ("the login checks the password with Django's default hasher, PBKDF2: hashlib.pbkdf2_hmac needs OpenSSL, "
          "which the browser's Python lacks")
NOT_IN_BROWSER = {
    **{f"flask_{name}.txt": SCRYPT for name in ("anonymous", "login", "wrong_password", "logout", "external_next",
                                                 "forbidden")},
    "django_login.txt": PBKDF2,
    "django_wrong_password.txt": PBKDF2,
}


def users():
    """ada, an editor (the Editors group may publish), and bob, a plain user. Neither has a usable
    password: the page's Run signs them in without one (drive.django_login), as the tests' force_login()."""
    from django.contrib.auth.models import User

    from compare.auth.django_app.roles import create_editors_group

    User.objects.create_user("ada").groups.add(create_editors_group())
    User.objects.create_user("bob")


def ada_logged_in():
    """The users, and ada's session: the cookies her login's response sets."""
    from guide_tools.runtime.drive import django_login

    users()
    return django_login("ada")


def bob_logged_in():
    """The users, and bob's session."""
    from guide_tools.runtime.drive import django_login

    users()
    return django_login("bob")
