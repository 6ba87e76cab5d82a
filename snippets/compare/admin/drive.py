"""The request behind Flask-Admin's anonymous redirect (out/flask_redirect.txt), which waits for
hashlib.scrypt in the browser (flask_app.py hashes the first admin's password with Werkzeug's
default, scrypt), and why compare/admin.md's other outputs do not run in the browser yet (CONTRIBUTING.md, "Runnable
listings"). tests/compare/test_admin.py makes them: the first admin typed in a terminal, SQLAdmin's
pages behind an argon2 password hash (the census reads it from fastapi_app.py's imports), Django's
admin served by runserver, and search results trimmed to their rows. Django's anonymous redirect
is one request too; it waits for the environment run.sh sets (DJANGO_SECRET_KEY, DJANGO_ADMIN_URL),
which guide_tools/runtime/drive.py cannot set yet.
"""

# A made-up key and an in-memory database: the redirect reads neither the session nor a table.
APPS = {"flask": ("compare.admin.flask_app:create_app",
                  {"SECRET_KEY": "test-only-not-secret", "SQLALCHEMY_DATABASE_URI": "sqlite://"})}
REDIRECT = "GET /admin/book/"  # out/flask_redirect.txt's request, which the test sends
EDITABLE = {"flask": ["compare/admin/flask_app.py", "compare/admin/flask_models.py"]}

TERMINAL = "the first admin, created in a terminal: a command for a terminal"
ROWS = "not declared yet: the page shows the result rows only"
NOT_IN_BROWSER = {
    "flask_redirect.txt": "not declared yet: flask_app.py hashes a password with Werkzeug's default, scrypt, and the browser's Python "
                     "has no hashlib.scrypt (the Run stopped with AttributeError)",
    "flask_create_admin.txt": TERMINAL,
    "fastapi_create_admin.txt": TERMINAL,
    "django_createsuperuser.txt": TERMINAL,
    "flask_search.txt": ROWS,
    "django_search.txt": ROWS,
    "flask_open_create.txt": "not declared yet: a second app (flask_open.py), and a request line that says what it sends",
    "django_redirect.txt": "not declared yet: the settings read DJANGO_SECRET_KEY and DJANGO_ADMIN_URL from the "
                           "environment, which the driver does not set",
}
