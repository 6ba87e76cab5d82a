"""Every Django settings module the pages show keeps DEBUG off unless the reader sets DJANGO_DEBUG=1.

The pages say so once for all (how_to_use, routing, errors, project_structure: "off unless you set
`DJANGO_DEBUG=1`"), and the test run's own settings keep DEBUG off whatever a snippet says
(tests/support/django_snippets.py), so no chapter's tests notice a shown `DEBUG = True`. This reads
each shown module under every plausible value of the variable instead: a property of all of them.
"""

from __future__ import annotations

import os
import secrets

import pytest

from tests.support.settings_modules import Environment, load_settings, modules_matching, snippet_id

# `dev.py mutate` runs this module on every snippet it matches, besides the snippet's chapter tests.
MUTATION_SCOPE = r"^DEBUG\s*="
MODULES = modules_matching(MUTATION_SCOPE)
NOT_ON = [None, "", "0", "false", "False", "no", "off", "true", "True", "yes", "on", "2", " 1", "1 ", "01"]


def debug_of(path, monkeypatch, value: str | None) -> object:
    environ = Environment({key: val for key, val in os.environ.items() if key != "DJANGO_DEBUG"},
                          DJANGO_SECRET_KEY=secrets.token_urlsafe(50))
    if value is not None:
        environ["DJANGO_DEBUG"] = value
    return load_settings(path, monkeypatch, environ).DEBUG


def test_every_shown_settings_module_is_found():
    assert len(MODULES) >= 20, MODULES


@pytest.mark.parametrize("path", MODULES, ids=snippet_id)
def test_debug_is_off_unless_django_debug_is_1(path, monkeypatch):
    for value in NOT_ON:
        assert debug_of(path, monkeypatch, value) is False, f"DJANGO_DEBUG={value!r}"
    reads_the_variable = "DJANGO_DEBUG" in path.read_text(encoding="utf-8")
    assert debug_of(path, monkeypatch, "1") is reads_the_variable
