"""Interface strings that Material does not translate: the project translates them (the MkDocs hook),
and these tests notice when an upgrade adds one. The quiz's strings: tests/site/test_quizzes.py."""

from __future__ import annotations

import pytest

from guide_tools.website import mkdocs_hooks
from guide_tools.website.content import LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heading_permalinks_are_titled_in_the_pages_language(lang):
    page = '<h2 id="x">X<a class="headerlink" href="#x" title="Permanent link">&para;</a></h2>'
    assert f'title="{mkdocs_hooks.PERMALINK_TITLE[lang]}"' in mkdocs_hooks.localize_permalinks(page, lang)


def test_an_annotation_marker_is_a_plain_number_and_the_spaces_before_it_are_marked_for_copying():
    line = ('<span class="nd">@require_safe</span>  <span class="c1"># (1)!</span>\n<span class="c1"># a comment (2)</span>\n'
            '<span class="c1">// (12)!</span>')
    assert mkdocs_hooks.plain_annotation_markers(line) == (
        '<span class="nd">@require_safe</span><span class="sbs-annotation-gap">  </span><span class="c1">(1)</span>\n'
        '<span class="c1"># a comment (2)</span>\n<span class="c1">(12)</span>'
    )
