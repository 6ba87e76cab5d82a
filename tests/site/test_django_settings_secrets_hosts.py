"""Every Django settings module the pages show keeps its secret key out of the source and names
its hosts.

The pages say it once for all ("without `DJANGO_SECRET_KEY` it makes up a random key at each start
instead of keeping one in the source code", routing; "refuses a host outside `ALLOWED_HOSTS`",
templates, routing, deployment), and the test run's own settings replace whatever a snippet says
(tests/django_settings.py), so no chapter's tests notice a fixed key or `ALLOWED_HOSTS = ["*"]`.
This reads each shown module itself: a property of all of them.
"""

from __future__ import annotations

import os
import secrets

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.support.settings_modules import Environment, load_settings, modules_matching, snippet_id

# `dev.py mutate` runs this module on every snippet it matches, besides the snippet's chapter tests.
MUTATION_SCOPE = r"^(SECRET_KEY|ALLOWED_HOSTS)\s*="
SECRET_MODULES = modules_matching(r"^SECRET_KEY\s*=")
HOSTS_MODULES = modules_matching(r"^ALLOWED_HOSTS\s*=")


class WithoutSecret(Environment):
    """The reader's environment without DJANGO_SECRET_KEY: reading it is a KeyError, as it is in
    os.environ; any other variable the module requires gets a placeholder."""

    def __missing__(self, key):
        if key == "DJANGO_SECRET_KEY":
            raise KeyError(key)
        return super().__missing__(key)


def environment(**variables: str) -> Environment:
    base = {key: val for key, val in os.environ.items() if not key.startswith("DJANGO_")}
    return WithoutSecret(base, **variables)


def test_every_shown_settings_module_is_found():
    assert len(SECRET_MODULES) >= 20, SECRET_MODULES
    assert len(HOSTS_MODULES) >= 20, HOSTS_MODULES


@pytest.mark.parametrize("path", SECRET_MODULES, ids=snippet_id)
def test_the_secret_key_comes_from_the_environment_or_chance(path, monkeypatch):
    secret = secrets.token_urlsafe(50)
    assert load_settings(path, monkeypatch, environment(DJANGO_SECRET_KEY=secret)).SECRET_KEY == secret
    try:
        first = load_settings(path, monkeypatch, environment()).SECRET_KEY
    except (KeyError, ImproperlyConfigured):
        return  # refuses to start without the variable
    if first == "":
        return  # Django refuses an empty SECRET_KEY at its first use
    second = load_settings(path, monkeypatch, environment()).SECRET_KEY
    assert first != second, f"a fixed SECRET_KEY without DJANGO_SECRET_KEY: {first!r}"
    assert len(first) >= 50 and first not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", HOSTS_MODULES, ids=snippet_id)
@pytest.mark.parametrize("debug", [None, "1"], ids=["default", "DJANGO_DEBUG=1"])
def test_allowed_hosts_are_named(path, debug, monkeypatch):
    variables = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50)} | ({"DJANGO_DEBUG": debug} if debug else {})
    hosts = load_settings(path, monkeypatch, environment(**variables)).ALLOWED_HOSTS
    assert "*" not in hosts, f"ALLOWED_HOSTS accepts any Host header: {hosts!r}"
    assert all(host.strip(".") for host in hosts), hosts
