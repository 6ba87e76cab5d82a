"""Material's stylesheet without the rules for tabs this site never has.

Material styles a tab set with up to 20 tabs: for each position it writes about fifteen selectors
such as `.md-typeset .tabbed-set>input:nth-child(17):checked~.tabbed-labels>:nth-child(17)`. Their
last part (`:nth-child(17)`) names no tag, class or id, so the browser tries every one of them on
every element of the page, each time it restyles the page, and Material's start-up restyles the
whole page five or six times. Measured on the first chapter in Korean (Chrome's selector
statistics), the rules for tabs 7 to 20 were a third of all selector-matching time.

The guide's largest tab set has TABS_PER_SET tabs. The build checks every page against it (a page
with more stops the build, see `oversized_tab_sets`) and drops the selectors for later positions
from the copy of Material's stylesheet it publishes (`trim`); nothing else in the file changes.
"""

from __future__ import annotations

import re

import tinycss2

TABS_PER_SET = 6

TAB_SET = re.compile(r'<div class="tabbed-set\b[^"]*"[^>]*>(.*?)<div class="tabbed-labels', re.DOTALL)
TAB_INPUT = re.compile(r"<input\b")
POSITION = re.compile(r":nth-child\((\d+)\)")


def tab_set_sizes(page_html: str) -> list[int]:
    """The number of tabs of each tab set in a built page (pymdownx.tabbed, alternate style: the
    radio inputs come before the labels)."""
    return [len(TAB_INPUT.findall(inputs)) for inputs in TAB_SET.findall(page_html)]


def oversized_tab_sets(page_html: str, limit: int = TABS_PER_SET) -> list[int]:
    return [size for size in tab_set_sizes(page_html) if size > limit]


def _beyond(selector: str, limit: int) -> bool:
    """A tab selector for a position past `limit`: it can match nothing on this site."""
    return "tabbed" in selector and any(int(n) > limit for n in POSITION.findall(selector))


def _selectors(prelude) -> list[list]:
    """A rule's selector list, split at its top-level commas (`:is(a, b)` stays whole)."""
    parts: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _trim_rules(rules, limit: int) -> tuple[list, int]:
    kept, dropped = [], 0
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = _selectors(rule.prelude)
            live = [s for s in selectors if not _beyond(tinycss2.serialize(s), limit)]
            dropped += len(selectors) - len(live)
            if not live:
                continue
            if len(live) < len(selectors):
                rule.prelude = [token for i, s in enumerate(live) for token in ([tinycss2.ast.LiteralToken(0, 0, ",")] if i else []) + s]
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports", "layer", "container"):
            inner, n = _trim_rules(tinycss2.parse_rule_list(rule.content), limit)
            dropped += n
            if n and not any(r.type in ("qualified-rule", "at-rule") for r in inner):
                continue  # nothing left inside
            if n:
                rule.content = inner
        kept.append(rule)
    return kept, dropped


def trim(css: str, limit: int = TABS_PER_SET) -> tuple[str, int]:
    """(stylesheet without the selectors for tab positions past `limit`, how many were dropped).
    Unchanged when there is nothing to drop, so trimming twice is trimming once."""
    rules, dropped = _trim_rules(tinycss2.parse_stylesheet(css), limit)
    return (tinycss2.serialize(rules), dropped) if dropped else (css, 0)
