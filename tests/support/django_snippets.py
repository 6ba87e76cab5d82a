"""A snippet's own Django settings module, applied to the tests that run its code in this process.

About thirty Django examples share one settings module (tests/django_settings.py), but the pages
show each example's own `settings.py`. The fixture that prepares a Django test calls

    django_snippets.apply(settings, "compare.auth.django_app.settings")

and every setting that module defines is applied for that test through pytest-django's `settings`
fixture (undone afterwards): MIDDLEWARE, TEMPLATES, ROOT_URLCONF, the cookie settings and the rest. Removing
`CsrfViewMiddleware` from a shown `settings.py` then changes what the tests run. Three things stay
the test run's, because they cannot change inside a running process or would leave it: the app
registry (INSTALLED_APPS: each app the snippet lists must be installed in the run, which is checked),
the databases, and DEBUG (the test runner's). `testserver`, the test client's host, is added to
ALLOWED_HOSTS.
"""

from __future__ import annotations

import importlib
import os
import secrets
import sys
from types import ModuleType

PROCESS_WIDE = {"INSTALLED_APPS", "DATABASES", "DEBUG"}


def load(dotted: str) -> ModuleType:
    """Import a snippet's settings module; one that requires DJANGO_SECRET_KEY gets a random key."""
    if dotted in sys.modules:
        return sys.modules[dotted]
    missing = "DJANGO_SECRET_KEY" not in os.environ
    if missing:
        os.environ["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    try:
        return importlib.import_module(dotted)
    finally:
        if missing:
            del os.environ["DJANGO_SECRET_KEY"]


def values(module: ModuleType) -> dict[str, object]:
    return {name: getattr(module, name) for name in dir(module) if name.isupper() and not name.startswith("_")}


def apply(settings, dotted: str) -> None:
    """Apply `dotted`'s settings to pytest-django's `settings` fixture (undone after the test)."""
    from django.apps import apps

    module = load(dotted)
    found = values(module)
    missing = [app for app in found.get("INSTALLED_APPS", []) if not apps.is_installed(app)]
    if missing:
        raise AssertionError(f"{dotted} lists apps the test run does not install: {missing}. "
                             "Give each snippet app an apps.py (tests/django_settings.py installs those).")
    for name, value in found.items():
        if name == "ALLOWED_HOSTS":
            value = [*value, "testserver"]
        if name not in PROCESS_WIDE:
            setattr(settings, name, value)


SPACED_HOSTS = "example.com, www.example.com,"  # a list as people write one: a space after the comma, one left at the end


def allowed_hosts(settings_file, value: str, monkeypatch, **environ: str) -> list[str]:
    """The ALLOWED_HOSTS a settings file makes of DJANGO_ALLOWED_HOSTS=value. The file runs afresh
    (a module reads the environment once, when first imported), with `environ` (the other variables
    it requires) and a random DJANGO_SECRET_KEY if none is set. Split on commas alone, SPACED_HOSTS
    gives " www.example.com", which no Host header matches: every request for www.example.com gets 400."""
    import runpy

    for name, setting in {**environ, "DJANGO_ALLOWED_HOSTS": value}.items():
        monkeypatch.setenv(name, setting)
    if "DJANGO_SECRET_KEY" not in os.environ:
        monkeypatch.setenv("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    return runpy.run_path(str(settings_file))["ALLOWED_HOSTS"]
