"""Snippets written for a Django API the LTS series does not have (guide_tools.devtools.stacks.LATEST_ONLY).

A test imports such a snippet with `latest_only(...)`: on the latest stack it gets the module and
checks the behaviour; on the floor it gets None, after asserting that the Django modules the snippet
needs are absent and so the snippet cannot be imported (a snippet whose new API is a template tag
names no module; its test asserts the tag is unknown instead). So the page's label "new in
Django 6.x" is itself tested on the floor, and nothing is skipped.
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

import pytest

from guide_tools.devtools import stacks


def latest_only(module: str, *django_modules: str) -> ModuleType | None:
    path = module.replace(".", "/") + ".py"
    if path not in stacks.LATEST_ONLY:
        raise ValueError(f"{path} is not listed in guide_tools/devtools/stacks.py LATEST_ONLY; add it there")
    if stacks.current() == "latest":
        return importlib.import_module(module)
    for name in django_modules:
        assert importlib.util.find_spec(name) is None, f"{name} exists on the LTS floor: the page's 'new in' label is wrong"
    if django_modules:
        with pytest.raises(ImportError):  # ModuleNotFoundError, or a name missing from a module
            importlib.import_module(module)
    return None
