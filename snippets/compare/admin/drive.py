"""The request behind Flask-Admin's anonymous redirect (out/flask_redirect.txt), which waits for
hashlib.scrypt in the browser (flask_app.py hashes the first admin's password with Werkzeug's
default, scrypt), and why compare/admin.md's other outputs do not run in the browser yet (CONTRIBUTING.md, "Runnable
listings"). tests/compare/test_admin.py makes them: the first admin typed in a terminal, SQLAdmin's
pages behind an argon2 password hash (the census reads it from fastapi_app.py's imports), Django's
admin served by runserver, and search results trimmed to their rows, each behind a logged-in admin.
Django's anonymous redirect is one request too; ENVIRON could set what run.sh sets
(DJANGO_SECRET_KEY, DJANGO_ADMIN_URL), but the settings install django.contrib.admin, which the
test process does not, so its test talks to runserver instead.
"""

# A made-up key and an in-memory database: the redirect reads neither the session nor a table.
APPS = {"flask": ("compare.admin.flask_app:create_app",
                  {"SECRET_KEY": "test-only-not-secret", "SQLALCHEMY_DATABASE_URI": "sqlite://"})}
REDIRECT = "GET /admin/book/"  # out/flask_redirect.txt's request, which the test sends
EDITABLE = {"flask": ["compare/admin/flask_app.py", "compare/admin/flask_models.py"]}

TERMINAL = "the first admin, created in a terminal: a command for a terminal"
# CUT could cut a change list to its rows; what stops these is the logged-in admin before the search.
ROWS = "not declared yet: a logged-in admin's search (the page shows its result rows only)"
NOT_IN_BROWSER = {
    "flask_redirect.txt": "not declared yet: flask_app.py hashes a password with Werkzeug's default, scrypt, and the browser's Python "
                     "has no hashlib.scrypt (the Run stopped with AttributeError)",
    "flask_create_admin.txt": TERMINAL,
    "fastapi_create_admin.txt": TERMINAL,
    "django_createsuperuser.txt": TERMINAL,
    "flask_search.txt": ROWS + ": flask_app.py hashes the admin's password with scrypt, which the browser's Python lacks",
    "django_search.txt": ROWS + ", captured from runserver after a login with the form's CSRF token",
    "flask_open_create.txt": "not declared yet: flask_open.py's tables need db.create_all() in the app's context, which a "
                             "SETUP function (no arguments) cannot reach, and the request line describes the form body "
                             "rather than showing it",
    "django_redirect.txt": "not declared yet: captured from runserver; the settings install django.contrib.admin, which "
                           "the test process does not, so no test could send drive.py's request in-process",
}
