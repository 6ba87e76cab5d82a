"""The requests behind compare/admin.md's outputs that run in the browser, and why the others do
not (contributing/runnable-listings.md, "Runnable listings").

tests/compare/test_admin.py checks each output with these requests, and the page's Run button sends
the same ones in the browser (guide_tools/runtime/drive.py). Flask-Admin on its own (flask_open.py)
takes a forged book from anyone, on tables a SETUP function makes. Django's admin runs with the
settings the page shows, django.contrib.admin installed, which the test process does not install:
its test runs the page's Run itself (drive.run_output) in a fresh interpreter. The admin who searches
is signed in as Django's login() signs a user in (drive.django_login): the admin's login form checks
a password with Django's default hasher, PBKDF2, whose hashlib.pbkdf2_hmac the browser's Python lacks.
Flask-Admin behind a login (flask_app.py) hashes a password with Werkzeug's default, scrypt, when it
is imported, and SQLAdmin's logins hash with argon2 (the census reads it from fastapi_app.py).
"""

APPS = {
    # A made-up key signs the session that carries Flask-Admin's flashed message.
    "flask": ("compare.admin.flask_open:create_app", {"SECRET_KEY": "test-only-not-secret", "SQLALCHEMY_DATABASE_URI": "sqlite://"}),
    "django": "compare.admin.django_site.settings",
}
# What run.sh sets for Django's settings: a made-up key, and the admin's URL (the test's too).
ENVIRON = {"DJANGO_SECRET_KEY": "made-for-the-guide-not-a-secret-5b2e8d1f9c4a7e3b6d0f", "DJANGO_ADMIN_URL": "backstage/"}
CHANGELIST = "/backstage/admin_catalog/book/"
OUTPUTS = {
    "flask_open_create.txt": ("flask", "POST /admin/book/new/  (no login, no token)\nContent-Type: application/x-www-form-urlencoded"
                                       "\n\ntitle=Forged&author=Nobody&year=2024&in_print=y"),
    "django_redirect.txt": ("django", f"GET {CHANGELIST}"),
    "django_search.txt": ("django", f"GET {CHANGELIST}?q=tolkien"),
}
SETUP = {"flask_open_create.txt": "tables", "django_search.txt": "admin_logged_in"}
CSRF_CHECKED = ["django_redirect.txt", "django_search.txt"]  # as a browser's requests are
CUT = {"django_search.txt": "rows"}  # the change list's count and rows: the rest is the admin's page
NORMALISE = [(r"(session=)[^;]+", r"\1<token>")]  # Flask's signed session cookie changes on every run
EDITABLE = {
    "flask": ["compare/admin/flask_open.py", "compare/admin/flask_models.py"],
    "django": ["compare/admin/django_site/catalog/admin.py", "compare/admin/django_site/catalog/models.py",
               "compare/admin/django_site/urls.py", "compare/admin/django_site/settings.py"],
}
BOOKS = [  # title, author, year, in print: the test's too
    ("The Hobbit", "J. R. R. Tolkien", 1937, True),
    ("The Silmarillion", "J. R. R. Tolkien", 1977, True),
    ("Dune", "Frank Herbert", 1965, True),
    ("The Left Hand of Darkness", "Ursula K. Le Guin", 1969, False),
]

TERMINAL = "the first admin, created in a terminal: a command for a terminal"
SCRYPT = ("flask_app.py hashes a password with Werkzeug's default, scrypt, when it is imported: hashlib.scrypt "
          "needs OpenSSL, which the browser's Python lacks")
NOT_IN_BROWSER = {
    "flask_redirect.txt": SCRYPT,
    "flask_search.txt": SCRYPT,
    "flask_create_admin.txt": TERMINAL,
    "fastapi_create_admin.txt": TERMINAL,
    "django_createsuperuser.txt": TERMINAL,
}


def tables():
    """flask_open.py's tables (run in the app's context), empty."""
    from compare.admin.flask_models import db

    db.create_all()


def admin_logged_in():
    """The four books, and ada, a superuser, signed in: the cookies her login's response sets. She
    has no usable password: the page's Run cannot hash one."""
    from django.contrib.auth.models import User

    from compare.admin.django_site.catalog.models import Book
    from guide_tools.runtime.drive import django_login

    Book.objects.bulk_create(Book(title=t, author=a, year=y, in_print=p) for t, a, y, p in BOOKS)
    User.objects.create_superuser("ada", "ada@example.com")
    return django_login("ada")
