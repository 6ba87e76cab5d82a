"""`@pytest.mark.xdist_group` working again under `--dist loadgroup` (dev.py runs every pass so).

Loaded by `-p tests.support.xdist_groups` in pyproject.toml's addopts.

pytest-xdist's worker marks a grouped test by appending `@<group>` to its node id, and its
scheduler sends every id with the same suffix to one worker. It writes the suffix into the item's
`_nodeid`; pytest 9.2 keeps the id in `_id` (a structured NodeId) and no longer reads `_nodeid`, so
the suffix was lost and every group was spread over both workers, each paying for the group's
fixtures (the AI chat client's Next.js build, a site build, a server) again, with no error
(pytest-dev/pytest-xdist#1386, open). This hook, after xdist's own, copies xdist's id into `_id`;
it does nothing where the two already agree (an xdist or pytest release that fixes it).
"""

from __future__ import annotations

import pytest

try:
    from _pytest.nodeid import NodeId
except ImportError:  # a pytest before 9.2 reads `_nodeid` itself
    NodeId = None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if NodeId is None or not getattr(config.option, "loadgroup", False):  # set in xdist workers only
        return
    for item in items:
        grouped = getattr(item, "_nodeid", None)
        if isinstance(grouped, str) and grouped != item.nodeid:
            item._id = NodeId.parse(grouped)
