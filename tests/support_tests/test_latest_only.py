"""The list of latest-only snippets (guide_tools/devtools/stacks.py LATEST_ONLY) and what the floor does with it."""

from __future__ import annotations

import pytest

from guide_tools.devtools import stacks
from guide_tools.website.content import SNIPPETS
from tests.support.latest_only import latest_only


@pytest.mark.parametrize("path", stacks.LATEST_ONLY)
def test_latest_only_list(path):
    # Each entry is a snippet file that exists, and its test imports it through latest_only().
    assert (SNIPPETS / path).is_file(), f"guide_tools/devtools/stacks.py LATEST_ONLY names {path}, which does not exist"
    module = path.removesuffix(".py").replace("/", ".")
    tests = [t for t in (SNIPPETS.parent / "tests").rglob("test_*.py") if f'latest_only("{module}"' in t.read_text()]
    assert tests, f"no test imports {module} with latest_only(); its tests must be written per stack"


def test_floor_leaves_latest_only_snippets_out_of_coverage():
    omit = stacks.omitted_from_coverage()
    if stacks.current() == "lts":
        assert omit == [f"*/snippets/{path}" for path in stacks.LATEST_ONLY]
    else:
        assert omit == []  # on the latest stack they are measured like every other file


def test_unlisted_snippet_is_refused():
    with pytest.raises(ValueError, match="LATEST_ONLY"):
        latest_only("compare.routing.flask_app")
