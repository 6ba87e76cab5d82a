"""Home page: the versions line is generated from uv.lock, and the tests run on exactly those versions."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from guide_tools.devtools import stacks
from tests.overview.lockfile import label, lock, locked_versions, python_floor

HOME_PACKAGES = [
    "flask", "fastapi", "django", "djangorestframework", "channels", "daphne",
    "starlette", "pydantic", "sqlalchemy", "uvicorn", "gunicorn",
]


def versions_line() -> str:
    """The same line on both stacks: Django names both locked versions, the rest is locked once."""
    versions = locked_versions("lts")
    both = f"Django {stacks.django_version('lts')} LTS / {stacks.django_version('latest')}"
    parts = [python_floor(lock()["requires-python"])]
    parts += [both if name == "django" else label(name, versions) for name in HOME_PACKAGES]
    return " · ".join(parts) + "\n"


def test_versions_fragment_matches_the_lock(outputs):
    outputs.check("overview/home/out/versions.md", versions_line())


@pytest.mark.parametrize("name", HOME_PACKAGES)
def test_the_suite_runs_on_the_locked_version(name):
    """The environment running these tests is the locked one: what the page names is what ran."""
    assert version(name) == locked_versions()[name]


def test_each_stack_runs_its_django_series():
    """The floor is the LTS series (https://www.djangoproject.com/download/#supported-versions);
    the latest stack is a newer series, which needs Python 3.12+."""
    import sys

    import django

    if stacks.current() == "lts":
        assert django.VERSION[:2] == stacks.LTS_SERIES
        assert stacks.django_version("lts").startswith("5.2.")
    else:
        assert django.VERSION[:2] > stacks.LTS_SERIES
        assert sys.version_info >= (3, 12)
    assert django.__version__ == stacks.django_version(stacks.current())
