"""Numbers the English pages state, read where a test checks the code against them, so that a
page and its code cannot drift apart."""

from __future__ import annotations

import re

from guide_tools.website.content import SNIPPETS

DOCS = SNIPPETS.parent / "docs" / "en"


def stated(page: str, pattern: str) -> int:
    """The number the first group of `pattern` finds in docs/en/<page>; exactly one match."""
    found = re.findall(pattern, (DOCS / page).read_text(encoding="utf-8"))
    assert len(found) == 1, f"{page}: {pattern!r} matches {len(found)} times"
    return int(found[0])
