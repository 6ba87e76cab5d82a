"""Copying a code block whose line carries an annotation marker alone in its comment
(`@require_safe  # (1)!`): the copied line ends where the code ends, without the spaces that stood
before the removed marker (guide_tools/website/mkdocs_hooks.py, plain_annotation_markers; theme.css)."""

from __future__ import annotations

import re

import pytest

from guide_tools.website.content import LANGUAGES
from tests.browser import browser as b
from tests.site.test_pages import nav_pages

pytestmark = pytest.mark.slow

MARKER_ALONE = re.compile(r'<span class="c1?m?">\(\d+\)</span>')  # `# (1)!` as the hook writes it


def first_page_with_markers(site: b.SiteServer, lang: str) -> str:
    """The first chapter with a code annotation (the home page's is in a tab shown only when chosen)."""
    from guide_tools.website import content

    chapters = set(content.chapter_pages())
    for page in (p for p in nav_pages() if p in chapters):
        path = site.url(lang, page).removeprefix(site.origin + "/")
        if MARKER_ALONE.search((site.root / path / "index.html").read_text(encoding="utf-8")):
            return page
    pytest.fail("no page has a code annotation marker alone in its comment; this test needs one")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_copied_line_does_not_keep_the_spaces_before_an_annotation(new_context, site, lang):
    context, watch = new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(site.url(lang, first_page_with_markers(site, lang)))
    b.scroll_through(tab)
    block = tab.locator(".md-typeset .highlight").filter(has=tab.locator(".md-annotation")).first
    block.scroll_into_view_if_needed()
    block.hover()
    block.locator("button.md-code__button, button.md-clipboard").first.click()
    copied = b.evaluate_promise(tab, "() => navigator.clipboard.readText()", what="clipboard.readText", seconds=10)
    annotated = block.evaluate(
        """block => [...block.querySelectorAll('.md-annotation')].map(a => {
               let text = '', node = (a.closest('code > span') || a).previousSibling;
               while (node && !String(node.textContent).includes('\\n')) { text = node.textContent + text; node = node.previousSibling; }
               return text.trimStart(); })"""
    )
    assert annotated and all(line.strip() for line in annotated), annotated
    for line in annotated:
        assert line.rstrip() + "\n" in copied + "\n", f"{tab.url}: the annotated line {line.rstrip()!r} is not copied as it reads"
    trailing = [line for line in copied.split("\n") if line != line.rstrip()]
    assert not trailing, f"{tab.url}: copied lines end in spaces: {trailing}"
    assert not watch.problems


TRANSCRIPT = re.compile(r'<div data-search-exclude class="language-text highlight"[^>]*>(?:<span class="filename">.*?</span>)?<pre><span></span><code[^>]*>\$ ')


@pytest.mark.parametrize("lang", LANGUAGES)
def test_copying_a_transcript_gives_its_commands_without_prompts_or_output(new_context, site, lang):
    """A captured shell transcript (`$ command` and what it printed): the copy button gives what a
    reader would paste into a shell, the commands (guide_tools/website/mkdocs_hooks.py,
    copy_commands_of_transcripts)."""
    page = next((p for p in nav_pages()
                 if TRANSCRIPT.search((site.root / site.url(lang, p).removeprefix(site.origin + "/") / "index.html").read_text(encoding="utf-8"))), None)
    assert page, "no page shows a shell transcript; this test needs one"
    context, watch = new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(site.url(lang, page))
    b.scroll_through(tab)
    block = tab.locator(".md-typeset .language-text.highlight").filter(has_text="$ ").first
    block.scroll_into_view_if_needed()
    shown = block.locator("code").inner_text()
    commands = [line[2:] for line in shown.split("\n") if line.startswith("$ ")]
    assert commands and len(commands) < len(shown.strip().split("\n")), shown
    block.hover()
    block.locator("button.md-code__button, button.md-clipboard").first.click()
    copied = b.evaluate_promise(tab, "() => navigator.clipboard.readText()", what="clipboard.readText", seconds=10)
    assert copied.split("\n") == commands, f"{tab.url}: copied {copied!r} from the transcript {shown!r}"
    assert not watch.problems
