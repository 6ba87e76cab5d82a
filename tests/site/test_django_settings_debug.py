"""Every Django settings module the pages show keeps DEBUG off unless the reader sets DJANGO_DEBUG=1.

The pages say so once for all (how_to_use, routing, errors, project_structure: "off unless you set
`DJANGO_DEBUG=1`"), and the test run's own settings keep DEBUG off whatever a snippet says
(tests/support/django_snippets.py), so no chapter's tests notice a shown `DEBUG = True`. This reads
each shown module under every plausible value of the variable instead: a property of all of them.
"""

from __future__ import annotations

import importlib.util
import os
import re
import secrets

import pytest

from tests.django_settings import SNIPPETS

# `dev.py mutate` runs this module on every snippet it matches, besides the snippet's chapter tests.
MUTATION_SCOPE = r"^DEBUG\s*="
MODULES = sorted(path for path in SNIPPETS.rglob("*.py") if "__pycache__" not in path.parts
                 and re.search(MUTATION_SCOPE, path.read_text(encoding="utf-8"), re.MULTILINE))
NOT_ON = [None, "", "0", "false", "False", "no", "off", "true", "True", "yes", "on", "2", " 1", "1 ", "01"]


class Environment(dict):
    """os.environ for the import: a required variable the module reads (a database name, a port)
    gets a placeholder, so any module loads without a database or a real secret."""

    def __missing__(self, key):
        return "5432" if key.endswith("PORT") else "placeholder-" + key.lower()


def debug_of(path, monkeypatch, value: str | None) -> object:
    environ = Environment({key: val for key, val in os.environ.items() if key != "DJANGO_DEBUG"},
                          DJANGO_SECRET_KEY=secrets.token_urlsafe(50))
    if value is not None:
        environ["DJANGO_DEBUG"] = value
    monkeypatch.setattr(os, "environ", environ)
    dotted = ".".join(path.relative_to(SNIPPETS).with_suffix("").parts)
    spec = importlib.util.spec_from_file_location(dotted, path)
    module = importlib.util.module_from_spec(spec)  # not put in sys.modules: the run's copy stays
    spec.loader.exec_module(module)
    return module.DEBUG


def test_every_shown_settings_module_is_found():
    assert len(MODULES) >= 20, MODULES


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(SNIPPETS)))
def test_debug_is_off_unless_django_debug_is_1(path, monkeypatch):
    for value in NOT_ON:
        assert debug_of(path, monkeypatch, value) is False, f"DJANGO_DEBUG={value!r}"
    reads_the_variable = "DJANGO_DEBUG" in path.read_text(encoding="utf-8")
    assert debug_of(path, monkeypatch, "1") is reads_the_variable
