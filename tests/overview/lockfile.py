"""Versions for the front pages, read from uv.lock (never typed by hand) and package metadata."""

from __future__ import annotations

import tomllib
from importlib.metadata import metadata, requires

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from guide_tools.devtools import stacks
from guide_tools.website.content import ROOT

LOCK = ROOT / "uv.lock"

# How each distribution is written on the pages.
DISPLAY = {
    "flask": "Flask", "fastapi": "FastAPI", "django": "Django",
    "djangorestframework": "Django REST framework", "channels": "Channels", "daphne": "Daphne",
    "starlette": "Starlette", "pydantic": "Pydantic", "sqlalchemy": "SQLAlchemy",
    "uvicorn": "Uvicorn", "gunicorn": "Gunicorn", "werkzeug": "Werkzeug", "jinja2": "Jinja2",
    "click": "Click", "itsdangerous": "itsdangerous", "markupsafe": "MarkupSafe", "blinker": "Blinker",
    "asgiref": "asgiref", "sqlparse": "sqlparse", "anyio": "AnyIO",
}


def lock() -> dict:
    with LOCK.open("rb") as f:
        return tomllib.load(f)


def locked_versions(stack: str | None = None) -> dict[str, str]:
    """Every locked package's version on a stack (default: the stack running this test).

    A package locked once is the same on both stacks; one locked twice (Django) takes the version
    its stack's dependency group pins (guide_tools/devtools/stacks.py)."""
    versions = {canonicalize_name(p["name"]): p["version"] for p in lock()["package"]}
    versions.update({canonicalize_name(k): v for k, v in stacks.group_versions(stack or stacks.current()).items()})
    return versions


def python_floor(specifier: str) -> str:
    """'>=3.11' -> 'Python ≥ 3.11' (the only form these packages and the lock use)."""
    assert specifier.startswith(">=") and "," not in specifier, specifier
    return f"Python ≥ {specifier[2:]}"


def label(name: str, versions: dict[str, str]) -> str:
    name = canonicalize_name(name)
    return f"{DISPLAY.get(name, name)} {versions[name]}"


def runtime_requirements(dist: str) -> list[str]:
    """The packages `pip install <dist>` brings in on this interpreter (no extras), by canonical name."""
    found = []
    for line in requires(dist) or []:
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            found.append(canonicalize_name(req.name))
    return found


def requires_python(dist: str) -> str:
    return metadata(dist)["Requires-Python"]
