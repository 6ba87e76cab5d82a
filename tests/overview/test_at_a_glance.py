"""Comparison at a glance: the extensions table is generated from uv.lock, so it names only packages
the guide really installs and tests, at the versions it tests."""

from __future__ import annotations

import re
from itertools import zip_longest

from packaging.utils import canonicalize_name

from guide_tools.website.links import version_problem

from tests.overview.lockfile import locked_versions

OUT = "overview/at_a_glance/out"

# Extensions and libraries the chapters use, with their documentation ({series}: the locked
# release's major and minor version, "21" for 2.1.x, where a site keeps one set of docs per series).
EXTENSIONS = {
    "Flask": [
        ("Flask-SQLAlchemy", "https://flask-sqlalchemy.readthedocs.io/en/stable/"),
        ("Flask-Migrate", "https://flask-migrate.readthedocs.io/en/stable/"),
        ("Flask-WTF", "https://flask-wtf.readthedocs.io/en/stable/"),
        ("Flask-Login", "https://flask-login.readthedocs.io/en/stable/"),
        ("Flask-Admin", "https://flask-admin.readthedocs.io/en/stable/"),
        ("flask-sock", "https://flask-sock.readthedocs.io/en/stable/"),
        ("Flask-SocketIO", "https://flask-socketio.readthedocs.io/en/stable/"),
    ],
    "FastAPI": [
        ("SQLAlchemy", "https://docs.sqlalchemy.org/en/{series}/"),
        ("asyncpg", "https://magicstack.github.io/asyncpg/current/"),
        ("Alembic", "https://alembic.sqlalchemy.org/en/latest/"),
        ("pydantic-settings", "https://docs.pydantic.dev/latest/concepts/pydantic_settings/"),
        ("PyJWT", "https://pyjwt.readthedocs.io/en/stable/"),
        ("pwdlib", "https://frankie567.github.io/pwdlib/"),
        ("SQLAdmin", "https://aminalaee.github.io/sqladmin/"),
    ],
    "Django": [
        ("djangorestframework", "https://www.django-rest-framework.org/"),
        ("django-filter", "https://django-filter.readthedocs.io/en/stable/"),
        ("channels", "https://channels.readthedocs.io/en/stable/"),
        ("channels-redis", "https://github.com/django/channels_redis"),
        ("daphne", "https://github.com/django/daphne"),
        ("whitenoise", "https://whitenoise.readthedocs.io/en/stable/"),
    ],
}
DJANGO_NAMES = {"djangorestframework": "Django REST framework", "channels": "Channels",
                "channels-redis": "channels-redis", "daphne": "Daphne", "whitenoise": "WhiteNoise"}


def extensions_table() -> str:
    versions = locked_versions()
    columns = []
    for packages in EXTENSIONS.values():
        cells = []
        for name, url in packages:
            shown, version = DJANGO_NAMES.get(name, name), versions[canonicalize_name(name)]
            cells.append(f"[{shown}]({url.format(series=''.join(version.split('.')[:2]))}) {version}")
        columns.append(cells)
    rows = ["| " + " | ".join(EXTENSIONS) + " |", "|---|---|---|"]
    rows += ["| " + " | ".join(row) + " |" for row in zip_longest(*columns, fillvalue="")]
    return "\n".join(rows) + "\n"


def test_extensions_table(outputs):
    outputs.check(f"{OUT}/extensions.md", extensions_table())


def test_extension_links_name_a_released_version():
    """The table's links follow the same rule as the pages' (tests/site/test_doc_links.py)."""
    for url in re.findall(r"\]\((https://[^)]+)\)", extensions_table()):
        assert version_problem(url) is None, (url, version_problem(url))


def test_every_listed_extension_is_locked():
    versions = locked_versions()
    for packages in EXTENSIONS.values():
        for name, _ in packages:
            assert canonicalize_name(name) in versions, name

