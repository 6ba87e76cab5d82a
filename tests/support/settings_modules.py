"""Load a shown Django settings module as a reader's process would, under a chosen environment.

The test run's own settings (tests/django_settings.py) replace whatever a snippet's settings say,
so the rules every shown settings module keeps (DEBUG off by default, no secret in the source, no
wildcard host) are checked by reading each module itself: tests/site/test_django_settings_*.py.
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path
from types import ModuleType

from tests.django_settings import SNIPPETS


class Environment(dict):
    """os.environ for the import: a required variable the module reads (a database name, a port)
    gets a placeholder, so any module loads without a database or a real secret."""

    def __missing__(self, key):
        return "5432" if key.endswith("PORT") else "placeholder-" + key.lower()


def modules_matching(pattern: str) -> list[Path]:
    """The snippet modules whose text matches `pattern` (multiline), sorted."""
    return sorted(path for path in SNIPPETS.rglob("*.py") if "__pycache__" not in path.parts
                  and re.search(pattern, path.read_text(encoding="utf-8"), re.MULTILINE))


def load_settings(path: Path, monkeypatch, environ: Environment) -> ModuleType:
    """Run the module at `path` with `environ` as os.environ; it is not put in sys.modules, so the
    run's own copy stays."""
    monkeypatch.setattr(os, "environ", environ)
    dotted = ".".join(path.relative_to(SNIPPETS).with_suffix("").parts)
    spec = importlib.util.spec_from_file_location(dotted, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def snippet_id(path: Path) -> str:
    return str(path.relative_to(SNIPPETS))
