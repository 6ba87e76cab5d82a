"""The chooser's reasons lead to the chapter about what they say (docs/assets/chooser/rules.json)."""

from __future__ import annotations

import json
import re

import pytest

from guide_tools.website.content import DOCS

RULES = json.loads((DOCS / "assets" / "chooser" / "rules.json").read_text(encoding="utf-8"))
ENGLISH = json.loads((DOCS / "assets" / "chooser" / "en.json").read_text(encoding="utf-8"))

# A reason that names one of these subjects links to its chapter (relative to overview/chooser.md).
SUBJECT_CHAPTERS = {
    r"\bORM\b|\bmigrations?\b": ("../compare/orm.md", "../compare/migrations.md"),
    r"\badmin\b": ("../compare/admin.md",),
    r"\bWebSocket\b": ("../compare/websockets.md", "../django/channels.md", "../django/channel_layers.md"),
}


@pytest.mark.parametrize("reason", RULES["reasons"], ids=lambda r: r["id"])
def test_a_reason_links_to_the_chapter_of_its_subject(reason):
    text = ENGLISH["reasons"][reason["id"]]
    page = reason["link"].partition("#")[0]
    for subject, chapters in SUBJECT_CHAPTERS.items():
        if re.search(subject, text) and page not in chapters:
            pytest.fail(f"docs/assets/chooser/rules.json: reason {reason['id']!r} ({text!r}) links to {reason['link']}; "
                        f"a reason about {subject} should lead to one of {chapters}")
