"""Material's stylesheets as this site publishes them: three changes that make every page start faster.

1. No rules for tabs this site never has (`trim`).
2. Tables styled when the build has already wrapped them (`prewrapped_tables`).
3. The palette's "switching" rule keyed to an attribute only the reader's own switch sets
   (`palette_switching`).

Each one was found in Chrome traces of a page loading under Lighthouse's 4x CPU slowdown: Material's
start-up restyles the whole page several times, and each of these made it do more.

Tabs
----
Material styles a tab set with up to 20 tabs: for each position it writes about fifteen selectors
such as `.md-typeset .tabbed-set>input:nth-child(17):checked~.tabbed-labels>:nth-child(17)`. Their
last part (`:nth-child(17)`) names no tag, class or id, so the browser tries every one of them on
every element of the page, each time it restyles the page, and Material's start-up restyles the
whole page five or six times. Measured on the first chapter in Korean (Chrome's selector
statistics), the rules for tabs 7 to 20 were a third of all selector-matching time.

The guide's largest tab set has TABS_PER_SET tabs. The build checks every page against it (a page
with more stops the build, see `oversized_tab_sets`) and drops the selectors for later positions
from the copy of Material's stylesheet it publishes (`trim`).

Tables
------
When its script starts, Material wraps every table without a class in two <div>s
(`.md-typeset__scrollwrap > .md-typeset__table`, so that a wide table scrolls sideways instead of the
page): it takes the table out of the page and puts it back inside them, and the browser styles every
cell again. On the benchmark results page (11 tables) that was the costliest restyle of the start-up:
690 ms of its 1,870 ms of style work (Chrome trace, 4x CPU slowdown). The build writes the two <div>s
into the page instead (guide_tools/website/mkdocs_hooks.py, `prewrap_tables`) and gives the table the class
PREWRAPPED_TABLE, so Material's script leaves it alone; every rule of Material's stylesheet for
`table:not([class])` also applies to that class.

Palette
-------
So that no colour fades while the reader switches between light and dark, Material's palette
component sets `data-md-color-switching` on <body> and removes it a moment later; palette.css turns
transitions off under it (`[data-md-color-switching] *`). The component also did that once when
every page started, and since the rule reaches every element, setting and removing it restyled the
whole page twice: 380 ms of the 1,870 above. The site now has its own palette switch
(overrides/partials/javascripts/palette.html, which says why), and the published palette.css names
SWITCHING, the attribute it sets while the reader switches.
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


PREWRAPPED_TABLE = "sbs-table"
CLASSLESS_TABLE = "table:not([class])"
CLASSLESS_OR_PREWRAPPED = f"table:is(:not([class]),.{PREWRAPPED_TABLE})"


def prewrapped_tables(css: str) -> str:
    """Material's rules for tables without a class also apply to tables the build wrapped. The same
    specificity: `:is()` counts as its most specific argument, and both count as one class."""
    return css.replace(CLASSLESS_TABLE, CLASSLESS_OR_PREWRAPPED)


MATERIAL_SWITCHING = "data-md-color-switching"
SWITCHING = "data-sbs-color-switching"


def palette_switching(css: str) -> str:
    return css.replace(f"[{MATERIAL_SWITCHING}]", f"[{SWITCHING}]")


def main_stylesheet(css: str) -> str:
    """Material's main.*.min.css as published: `trim` and `prewrapped_tables`. Applying it to its
    own output changes nothing (the build may run it on a file it already published)."""
    return prewrapped_tables(trim(css)[0])
