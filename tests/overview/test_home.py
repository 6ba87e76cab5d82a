"""Home page: the versions line is generated from uv.lock, and the tests run on exactly those versions."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from tests.overview.lockfile import label, lock, locked_versions, python_floor

HOME_PACKAGES = [
    "flask", "fastapi", "django", "djangorestframework", "channels", "daphne",
    "starlette", "pydantic", "sqlalchemy", "uvicorn", "gunicorn",
]


def versions_line() -> str:
    versions = locked_versions()
    parts = [python_floor(lock()["requires-python"]), *(label(name, versions) for name in HOME_PACKAGES)]
    return " · ".join(parts) + "\n"


def test_versions_fragment_matches_the_lock(outputs):
    outputs.check("overview/home/out/versions.md", versions_line())


@pytest.mark.parametrize("name", HOME_PACKAGES)
def test_the_suite_runs_on_the_locked_version(name):
    """The environment running these tests is the locked one: what the page names is what ran."""
    assert version(name) == locked_versions()[name]


def test_django_is_the_lts_series():
    # Django 5.2 is the LTS series (https://www.djangoproject.com/download/#supported-versions);
    # Django 6 needs Python 3.12+, and the guide runs on 3.11.
    assert locked_versions()["django"].startswith("5.2.")
