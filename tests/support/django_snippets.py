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

# DJANGO_ALLOWED_HOSTS as people write it -> the ALLOWED_HOSTS Django must get, and the careless
# parse each case catches.
ALLOWED_HOSTS_CASES = {
    "one name": ("www.example.com", ["www.example.com"]),
    # split(", ") or split() keeps "example.com,www.example.com", one name no Host header matches
    "commas alone": ("example.com,www.example.com", ["example.com", "www.example.com"]),
    # split(",") alone keeps " www.example.com" (every request for www gets 400) and a "" at the end
    "a space after each comma, one at the end": (SPACED_HOSTS, ["example.com", "www.example.com"]),
    # the leading dot means "this domain and its subdomains": strip(" .") makes it example.com alone
    "a domain and its subdomains": (" .example.com, example.org", [".example.com", "example.org"]),
    # [""] is not []: under DEBUG an empty ALLOWED_HOSTS lets localhost in, and [""] lets nothing in
    "empty": ("", []),
    "blank": (" ", []),
    "commas only": (",, ,", []),
}


def allowed_hosts_test(settings_file, unset: list[str] | None, **environ: str):
    """The test of how a settings file reads DJANGO_ALLOWED_HOSTS, for a test module to bind:
    `test_allowed_hosts_from_the_environment = django_snippets.allowed_hosts_test(path, unset=[...])`.

    `unset` is the ALLOWED_HOSTS the file gives when the variable is not set (never "*"), or None
    for production settings, which must refuse to start with an error that names the variable.
    The file runs afresh for each case (a module reads the environment once, when first imported),
    with `environ` (the other variables it requires) and a random DJANGO_SECRET_KEY if none is set."""
    import runpy

    import pytest

    @pytest.mark.parametrize("case", [*ALLOWED_HOSTS_CASES, "unset"])
    def test_allowed_hosts_from_the_environment(case, monkeypatch):
        for name, setting in environ.items():
            monkeypatch.setenv(name, setting)
        if "DJANGO_SECRET_KEY" not in os.environ:
            monkeypatch.setenv("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
        if case != "unset":
            value, hosts = ALLOWED_HOSTS_CASES[case]
            monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", value)
            assert runpy.run_path(str(settings_file))["ALLOWED_HOSTS"] == hosts, f"DJANGO_ALLOWED_HOSTS={value!r}"
            return
        monkeypatch.delenv("DJANGO_ALLOWED_HOSTS", raising=False)
        if unset is not None:
            assert runpy.run_path(str(settings_file))["ALLOWED_HOSTS"] == unset
            return
        with pytest.raises(Exception, match="DJANGO_ALLOWED_HOSTS"):  # a KeyError or ImproperlyConfigured
            runpy.run_path(str(settings_file))

    return test_allowed_hosts_from_the_environment
