"""Interface strings that neither Material nor the quiz plugin translate: the project translates them
(the MkDocs hook, guide_tools/website/quiz_locales/<lang>.po), and these tests notice when an upgrade adds one."""

from __future__ import annotations

import re
from importlib.resources import files

import polib
import pytest

from guide_tools.website import mkdocs_hooks
from guide_tools.website.content import LANGUAGES, ROOT, TRANSLATIONS

QUIZ_JS = (files("mkdocs_quiz") / "js" / "quiz.js").read_text(encoding="utf-8")


def test_the_quiz_script_still_shows_the_storage_warnings_the_hook_translates():
    assert mkdocs_hooks.storage_warnings(QUIZ_JS), (
        "mkdocs-quiz's quiz.js no longer passes storage warnings to showStorageWarning as literals; "
        "check how it shows them now and update STORAGE_WARNING in guide_tools/website/mkdocs_hooks.py"
    )
    translated = mkdocs_hooks.translate_storage_warnings(QUIZ_JS)
    assert mkdocs_hooks.storage_warnings(translated) == []
    assert len(re.findall(r"showStorageWarning\(\s*t\(", translated)) == len(mkdocs_hooks.storage_warnings(QUIZ_JS))


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_every_storage_warning_is_translated(lang):
    po = ROOT / "guide_tools" / "website" / "quiz_locales" / f"{lang}.po"
    ours = {e.msgid: e.msgstr for e in polib.pofile(str(po)) if e.msgstr}
    missing = [text for text in mkdocs_hooks.storage_warnings(QUIZ_JS) if text not in ours]
    assert not missing, f"{po.relative_to(ROOT)}: add a msgid/msgstr pair for each of {missing}"


def test_a_warning_in_another_form_stops_the_build():
    with pytest.raises(Exception, match="STORAGE_WARNING does not match"):
        mkdocs_hooks.translate_storage_warnings("this.showStorageWarning('single quotes');")


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
