"""The guide without JavaScript: what a reader can still do (overrides/main.html, extrahead)."""

from __future__ import annotations

import re

import pytest

from guide_tools.website import content
from guide_tools.website.content import LANGUAGES
from tests.site.test_pages import nav_pages

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_quiz_shows_its_answers_without_javascript(new_context, site, lang):
    """The quiz plugin needs its script to check an answer; without it, each explanation and the
    right option show, and no Submit button that does nothing."""
    chapters = set(content.chapter_pages())
    page = next(p for p in nav_pages() if p in chapters)
    context, watch = new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site.url(lang, page))
    quizzes = tab.locator(".quiz")
    assert quizzes.count()
    for i in range(quizzes.count()):
        quiz = quizzes.nth(i)
        assert quiz.locator("section.content").is_visible(), f"{tab.url}: quiz {i}'s explanation is hidden"
        assert not quiz.locator(".quiz-button").first.is_visible(), f"{tab.url}: quiz {i} shows a Submit button that does nothing"
        right = quiz.locator("input[data-correct] + label").first.evaluate("l => getComputedStyle(l).fontWeight")
        other = quiz.locator("input:not([data-correct]) + label").first.evaluate("l => getComputedStyle(l).fontWeight")
        assert int(right) > int(other), f"{tab.url}: quiz {i}'s right option is not marked"
    assert not watch.problems


def test_with_javascript_the_answers_stay_hidden(new_context, site):
    chapters = set(content.chapter_pages())
    page = next(p for p in nav_pages() if p in chapters)
    context, _ = new_context()
    tab = context.new_page()
    tab.goto(site.url(LANGUAGES[0], page))
    quiz = tab.locator(".quiz").first
    assert not quiz.locator("section.content").is_visible()
    assert quiz.locator(".quiz-button").first.is_visible()


ANNOTATED = re.compile(r'<span class="c1?m?">\(\d+\)</span>')


def first_page_with_annotations(site, lang: str) -> str:
    """The first chapter with a code annotation (the home page's is in a tab shown only when chosen)."""
    chapters = set(content.chapter_pages())
    for page in (p for p in nav_pages() if p in chapters):
        path = site.url(lang, page).removeprefix(site.origin + "/")
        if ANNOTATED.search((site.root / path / "index.html").read_text(encoding="utf-8")):
            return page
    pytest.fail("no page has a code annotation; this test needs one")


LISTINGS_AND_LISTS = """() => [...document.querySelectorAll('.md-content .highlight')].map(block => {
    let next = block.nextElementSibling
    while (next && next.tagName === 'P' && !next.children.length && !next.textContent.trim()) next = next.nextElementSibling
    const list = next && next.tagName === 'OL' ? next : null
    const markers = [...block.querySelectorAll('code .c, code .c1, code .cm')].map(c => c.textContent.trim().match(/^\\((\\d+)\\)$/)).filter(Boolean).map(m => +m[1])
    return {code: block.querySelector('code').textContent, markers, list: list ? list.children.length : 0,
            listShown: !!list && list.checkVisibility(), annotations: block.querySelectorAll('.md-annotation').length}
})"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_annotations_read_as_a_numbered_list_after_the_listing_without_javascript(new_context, site, lang):
    """No raw `# (1)!` in a listing: the marker reads `(1)`, and the annotation's text is item 1 of
    the numbered list right after the listing (guide_tools/website/mkdocs_hooks.py, plain_annotation_markers)."""
    page = first_page_with_annotations(site, lang)
    context, watch = new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site.url(lang, page))
    blocks = tab.evaluate(LISTINGS_AND_LISTS)
    assert not [b["code"] for b in blocks if re.search(r"\(\d+\)!", b["code"])], f"{tab.url}: raw annotation markers in a listing"
    annotated = [b for b in blocks if b["markers"]]
    assert annotated, f"{tab.url}: no annotated listing"
    for block in annotated:
        highest = max(block["markers"])
        assert block["list"] >= highest, f"{tab.url}: a listing refers to ({highest}) but {block['list']} items follow it"
    # The list is there for the eye of this reader (tabs hide some listings: look at the shown ones).
    assert any(b["listShown"] for b in annotated), f"{tab.url}: no annotation list is shown"
    assert not watch.problems


def test_with_javascript_annotations_are_tooltips_and_their_list_is_hidden(new_context, site):
    """The same page with JavaScript: Material makes each `(1)` a tooltip and hides the list, so the
    annotations are not read twice."""
    from tests.browser import browser as b

    page = first_page_with_annotations(site, LANGUAGES[0])
    context, watch = new_context()
    tab = context.new_page()
    tab.goto(site.url(LANGUAGES[0], page))
    b.scroll_through(tab)
    blocks = [block for block in tab.evaluate(LISTINGS_AND_LISTS) if block["annotations"]]
    assert blocks, f"{tab.url}: Material made no annotation"
    assert not [block for block in blocks if block["listShown"]], f"{tab.url}: an annotation list is shown as well as its tooltips"
    assert not [block["markers"] for block in blocks if block["markers"]], f"{tab.url}: a marker was left as text"
    assert not watch.problems
