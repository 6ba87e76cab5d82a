"""Why compare/admin.md's outputs do not run in the browser yet (CONTRIBUTING.md, "Runnable
listings"). tests/compare/test_admin.py makes them: the first admin typed in a terminal, SQLAdmin's
pages behind an argon2 password hash, Django's admin served by runserver, and search results
trimmed to their rows. The two anonymous redirects (Flask-Admin's and Django's) are single
requests; they wait for what guide_tools/runtime/drive.py cannot do yet: make an app from its
factory with a configuration, and set the environment run.sh sets (DJANGO_ADMIN_URL)."""

TERMINAL = "the first admin, created in a terminal: a command for a terminal"
ROWS = "not declared yet: the page shows the result rows only"
NOT_IN_BROWSER = {
    "flask_create_admin.txt": TERMINAL,
    "fastapi_create_admin.txt": TERMINAL,
    "django_createsuperuser.txt": TERMINAL,
    "flask_search.txt": ROWS,
    "django_search.txt": ROWS,
    "flask_open_create.txt": "not declared yet: a second app (flask_open.py), and a request line that says what it sends",
}
