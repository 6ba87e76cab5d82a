"""The guide without JavaScript: what a reader can still do (overrides/main.html, extrahead)."""

from __future__ import annotations

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
