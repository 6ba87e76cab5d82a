"""Profiles: what each framework installs, generated from package metadata and uv.lock."""

from __future__ import annotations

import importlib
from itertools import zip_longest

import pytest

from guide_tools.devtools import stacks
from tests.overview.lockfile import label, lock, locked_versions, python_floor, requires_python, runtime_requirements

OUT = "overview/profiles/out"
FRAMEWORKS = ["flask", "fastapi", "django"]
ECOSYSTEM = ["djangorestframework", "django-filter", "channels", "channels-redis", "daphne"]


def stack_table() -> str:
    versions = locked_versions()
    columns = []
    for dist in FRAMEWORKS:
        cells = [f"**{label(dist, versions)}**", python_floor(requires_python(dist))]
        cells += [label(dep, versions) for dep in runtime_requirements(dist)]
        columns.append(cells)
    header = "| " + " | ".join(label(d, versions).split(" ")[0] for d in FRAMEWORKS) + " |"
    rows = [header, "|---|---|---|"]
    rows += ["| " + " | ".join(row) + " |" for row in zip_longest(*columns, fillvalue="")]
    return "\n".join(rows) + "\n"


def test_stack_table(outputs):
    # Per stack: Django's own requirements (its Python floor) differ between the series.
    outputs.check(f"{OUT}/stack.md", stack_table(), per_stack=True)


def test_ecosystem_line(outputs):
    versions = locked_versions()
    outputs.check(f"{OUT}/ecosystem.md", " · ".join(label(d, versions) for d in ECOSYSTEM) + "\n")


def test_flask_stands_on_pallets_libraries():
    assert {"werkzeug", "jinja2", "click", "itsdangerous", "markupsafe", "blinker"} <= set(runtime_requirements("flask"))
    # The page: all but Blinker are the Pallets team's; Blinker is Pallets-Eco's (its own metadata).
    from importlib.metadata import metadata

    maintainers = {d: metadata(d)["Maintainer-email"].split(" <")[0] for d in runtime_requirements("flask")}
    assert maintainers.pop("blinker") == "Pallets Ecosystem"
    assert set(maintainers.values()) == {"Pallets"}


def test_fastapi_stands_on_starlette_and_pydantic_only():
    deps = set(runtime_requirements("fastapi"))
    assert {"starlette", "pydantic"} <= deps
    # Templates and a server are not part of a plain `pip install fastapi`.
    assert not deps & {"jinja2", "uvicorn", "python-multipart", "sqlalchemy"}


def test_django_brings_its_own_stack():
    assert set(runtime_requirements("django")) <= {"asgiref", "sqlparse", "tzdata"}
    for module in ("django.db.models", "django.template", "django.forms", "django.contrib.auth",
                   "django.contrib.admin", "django.core.asgi", "django.core.wsgi", "django.db.migrations"):
        assert importlib.import_module(module)


@pytest.mark.parametrize("dist", ["flask", "fastapi"])
def test_no_orm_in_the_micro_frameworks(dist):
    assert not {"sqlalchemy", "sqlmodel", "alembic"} & set(runtime_requirements(dist))


def test_release_series():
    versions = locked_versions()
    assert versions["fastapi"].startswith("0.")  # 0.x: a minor release may break (pin it)
    assert versions["django"].startswith("5.2.") == (stacks.current() == "lts")  # the LTS series on the floor


def test_flask_brings_six_packages():
    assert len(runtime_requirements("flask")) == 6


def test_what_fastapi_standard_adds():
    from importlib.metadata import requires

    from packaging.requirements import Requirement

    standard = {Requirement(r).name for r in requires("fastapi") if 'extra == "standard"' in r}
    assert {"uvicorn", "fastapi-cli", "jinja2", "python-multipart", "httpx2"} <= standard
    assert "httpx2" not in runtime_requirements("fastapi")  # the test client needs it
    assert not standard & {"sqlalchemy", "sqlmodel", "alembic"}


def test_fastapi_parts_that_come_from_starlette():
    import fastapi
    import starlette.background
    import starlette.testclient
    import starlette.websockets
    from fastapi.testclient import TestClient

    assert TestClient is starlette.testclient.TestClient
    assert issubclass(fastapi.WebSocket, starlette.websockets.WebSocket)
    assert issubclass(fastapi.BackgroundTasks, starlette.background.BackgroundTasks)
    assert issubclass(fastapi.FastAPI, __import__("starlette.applications").applications.Starlette)


def test_flask_parts_that_come_from_pallets_libraries():
    import flask.sessions
    import werkzeug.routing
    from flask import Flask

    app = Flask(__name__)
    assert isinstance(app.url_map, werkzeug.routing.Map)
    assert flask.sessions.URLSafeTimedSerializer.__module__.startswith("itsdangerous")
    assert type(app.jinja_env).__module__.startswith("flask")  # a jinja2.Environment subclass
    import jinja2

    assert isinstance(app.jinja_env, jinja2.Environment)


def test_django_security_middleware_on_by_default():
    from pathlib import Path

    import django

    template = Path(django.__file__).parent / "conf/project_template/project_name/settings.py-tpl"
    text = template.read_text()
    for middleware in ("SecurityMiddleware", "CsrfViewMiddleware", "XFrameOptionsMiddleware"):
        assert middleware in text
    from asgiref.sync import async_to_sync, sync_to_async  # noqa: F401  what Django's async support uses


def test_support_dates_are_about_the_lts_series_we_test():
    # The page's support dates (Django 5.2 LTS until April 2028; 6.0 needs Python 3.12+) are facts
    # about those releases, not tokens from the lock: when the floor moves to the next LTS, this
    # fails and names the page to rewrite.
    assert stacks.LTS_SERIES == (5, 2), "the LTS series moved: rewrite the Django support paragraph of docs/*/overview/profiles.md"
    import django

    requires = requires_python("django")
    if stacks.current() == "latest":
        assert python_floor(requires).endswith("3.12"), requires  # 6.x needs Python 3.12+
    else:
        assert python_floor(requires).endswith("3.10"), requires  # 5.2 runs on 3.10 and 3.11 too
    assert django.VERSION[:2] >= stacks.LTS_SERIES
    # The floor runs on the guide's oldest Python, not Django's: the pages say "Python 3.11, the oldest
    # Python the guide supports" (Django 5.2 alone would take 3.10).
    assert python_floor(lock()["requires-python"]) == "Python ≥ 3.11", (
        "the guide's oldest Python moved: rewrite the LTS floor's Python in docs/*/overview/profiles.md "
        "(Support) and docs/*/overview/how_to_use.md"
    )
