"""What the browser runtime is made of, pinned.

The core runtime is the npm package `pyodide` (Python and its standard library, no wheels), pinned
by version and by the registry's sha512 integrity. Its major version goes with the wheel platform
tag: Pyodide 314 loads `pyemscripten_2026_0_wasm32` wheels, and a new major changes that ABI tag,
so the two move together (bump both, or the build stops: see assemble.check_pins).

The wheels are those of uv.lock's latest stack (the newest release of each package the guide
locks), fetched from the URLs uv.lock names and checked against its sha256: a version bump in
uv.lock moves the browser too. Only the package names are listed here, per framework: what a Run
of that framework's listing loads (nothing of the other two).
"""

from __future__ import annotations

PYODIDE_VERSION = "314.0.7"
PYODIDE_INTEGRITY = "sha512-0YvXxEhfEdpLfb/XkM2BFAeMROq0iMUX2bzzH9pOttyMcWkwq+HbE5uyuGD82LN7y2q+SNvi/6V5JEsOlD2R1A=="
# Pyodide major -> the platform tag of its binary wheels (PEP 783). Change them together.
PYODIDE_MAJOR, PLATFORM_TAG = "314", "pyemscripten_2026_0_wasm32"
PYTHON_TAG = "cp314"

# The files of the npm package the browser loads (the rest: type declarations, source maps, a
# console page, and a lock file naming wheels that live only on a CDN, which the site never uses).
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")

# What each framework's Run loads, by uv.lock name. pydantic-core is the one binary wheel
# (PLATFORM_TAG); markupsafe has no browser wheel, so a pure one is built from its sdist.
STACKS: dict[str, tuple[str, ...]] = {
    "flask": ("flask", "werkzeug", "jinja2", "markupsafe", "itsdangerous", "click", "blinker"),
    "fastapi": ("fastapi", "starlette", "pydantic", "pydantic-core", "annotated-types", "annotated-doc",
                "typing-extensions", "typing-inspection", "anyio", "idna", "opentelemetry-api",
                # httpx2: the client Starlette's TestClient uses in the tests (its reason phrases, too)
                "httpx2", "httpcore2", "httpx2-jsfetch", "truststore", "h11",
                # Form() and File() parameters (request_handling's form posts)
                "python-multipart",
                # Jinja2Templates (the templates chapter)
                "jinja2", "markupsafe"),
    "django": ("django", "asgiref", "sqlparse"),
}
# What Check on an exercise loads besides its framework's stack: the exercise's checks.py run
# through pytest (guide_tools/exercises/web.py), with pytest-django for the Django exercises.
CHECKS: dict[str, tuple[str, ...]] = {
    "pytest": ("pytest", "pluggy", "iniconfig", "packaging", "pygments"),
    "django": ("pytest-django",),
}
# What a Check loads only when the exercise's code imports it, by import name: the uv.lock package
# that provides it (whose own dependencies come with it, from the lock file's `depends`). All are
# pure wheels; what needs argon2 or bcrypt (pwdlib, SQLAdmin's logins) still checks only locally.
EXTRAS: dict[str, str] = {
    "sqlalchemy": "sqlalchemy", "flask_sqlalchemy": "flask-sqlalchemy", "alembic": "alembic", "mako": "mako",
    "flask_migrate": "flask-migrate", "flask_login": "flask-login", "flask_wtf": "flask-wtf", "wtforms": "wtforms",
    "flask_admin": "flask-admin", "rest_framework": "djangorestframework", "django_filters": "django-filter",
    "whitenoise": "whitenoise", "pydantic_settings": "pydantic-settings", "dotenv": "python-dotenv",
    "pydantic": "pydantic",  # FastAPI's stack has it; a Flask app that validates with it (rest_apis) loads it too
    "httpx": "httpx", "httpcore": "httpcore", "certifi": "certifi",
    "channels": "channels",  # an HTTP request through Channels' router (its WebSockets need a server)  # the AI chat service's client (the tests': httpx2)
    "email_validator": "email-validator", "dns": "dnspython",  # email-validator needs dnspython and idna (uv.lock)
    "tzdata": "tzdata",  # the time zones zoneinfo reads where the system has none (the browser): USED_NAMES
}
# Names whose use makes a library import an EXTRAS module itself, so the code that uses them never
# imports it, by `module.name`: that module's import name. Pydantic imports email_validator when a
# model with EmailStr is defined, WTForms' Email() when a form validates; Django's admin renders the
# year in TIME_ZONE ({% now %}: America/Chicago by default), which zoneinfo reads from tzdata here
# (its change list answered 500, ZoneInfoNotFoundError, without it).
USED_NAMES: dict[str, str] = {
    "pydantic.EmailStr": "email_validator", "pydantic.NameEmail": "email_validator",
    "wtforms.validators.Email": "email_validator", "django.contrib.admin": "tzdata",
}
BUILT_FROM_SDIST = {"markupsafe"}
# What a package needs in the browser beyond its uv.lock dependencies, loaded with it (the lock file's
# `depends`). The browser has no system time-zone database, as Windows has none, where uv.lock gives
# Django tzdata for zoneinfo; DRF's DateTimeField renders every datetime in TIME_ZONE through zoneinfo
# (its Run answered 500, ZoneInfoNotFoundError, without it). Only DRF's Runs pay for it, not every Django one.
BROWSER_DEPENDS: dict[str, tuple[str, ...]] = {
    "djangorestframework": ("tzdata",),
}


def every_package() -> set[str]:
    """Every package the runtime holds, by uv.lock name: the stacks, the checks', the extras and what they need here."""
    return ({name for names in [*STACKS.values(), *CHECKS.values(), *BROWSER_DEPENDS.values()] for name in names}
            | set(EXTRAS.values()))

# What the browser never uses, left out of a wheel (paths inside it, as glob patterns). Django's
# translations and the admin's static files are most of its 8.4 MB; the guide's listings run in
# English (its catalogue stays: KEEP). The locale packages' formats.py stay (Django imports them for number and date formats).
# Pygments is in a Check only because pytest's terminal writer imports it at its top (pytest 9.2,
# _pytest/_io/terminalwriter.py: the Python and diff lexers, the terminal formatter) to colour
# source in a terminal; a Check writes to no terminal, so nothing is coloured. Its 500 other lexers
# are 1.1 of its 1.25 MB: what that import needs stays (KEEP), and colouring still works with it.
TRIM: dict[str, tuple[str, ...]] = {
    "django": ("django/conf/locale/*/LC_MESSAGES/*", "django/contrib/*/locale/*",
               "django/contrib/admin/static/*", "django/contrib/gis/static/*"),
    "pygments": ("pygments/lexers/*", "pygments/formatters/*", "pygments/styles/*"),
}
# What TRIM would drop that the browser does use: Django's English catalogue (without it, a gettext
# call such as truncatechars' "…" fails: "No translation files found for default language en-us").
KEEP: dict[str, tuple[str, ...]] = {
    "django": ("django/conf/locale/en/LC_MESSAGES/*",),
    "pygments": ("pygments/lexers/__init__.py", "pygments/lexers/_mapping.py", "pygments/lexers/python.py",
                 "pygments/lexers/diff.py", "pygments/formatters/__init__.py", "pygments/formatters/_mapping.py",
                 "pygments/formatters/terminal.py", "pygments/styles/__init__.py", "pygments/styles/_mapping.py"),
}
