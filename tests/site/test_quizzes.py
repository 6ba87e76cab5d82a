"""Self-check quizzes: every chapter ends with one, the same quiz in every language, and the
quiz plugin's interface strings are the project's own in Korean and Russian."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

import mkdocs_quiz
from guide_tools.website import content
from guide_tools.website.content import LANGUAGES, ROOT, TRANSLATIONS

CHAPTERS = content.chapter_pages()
ALL_PAGES = [(lang, page) for lang in LANGUAGES for page in content.pages(lang)]
PLUGIN_STRINGS = polib.pofile(str(Path(mkdocs_quiz.__file__).parent / "locales" / "mkdocs_quiz.pot"))
QUIZ_LOCALES = ROOT / "guide_tools" / "website" / "quiz_locales"


def test_every_section_has_its_chapters():
    sections = {page.split("/", 1)[0] for page in CHAPTERS}
    assert sections == set(content.CHAPTER_SECTIONS)
    assert len(CHAPTERS) == 34, CHAPTERS  # 17 compare/, 8 django/, 9 performance/


@pytest.mark.parametrize(("lang", "page"), ALL_PAGES)
def test_quizzes_are_well_formed_and_chapters_have_one(lang, page):
    problems = content.quiz_problems(content.page_path(lang, page), lang, page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", CHAPTERS)
def test_chapter_quiz_has_four_to_six_questions_in_check_yourself(page):
    found, _ = content.quizzes(content.page_path("en", page).read_text(encoding="utf-8"))
    in_section = [q for q in found if q.in_check_section]
    assert 4 <= len(in_section) <= 6, (
        f"docs/en/{page}: \"Check yourself\" has {len(in_section)} quiz question(s); a chapter has 4-6."
    )


@pytest.mark.parametrize("page", content.pages("en"))
def test_translations_have_the_same_quiz(page):
    problems = content.quiz_consistency_problems(page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_project_translates_every_interface_string_of_the_plugin(lang):
    po = QUIZ_LOCALES / f"{lang}.po"
    ours = {e.msgid: e.msgstr for e in polib.pofile(str(po)) if e.msgstr}
    missing = [e.msgid for e in PLUGIN_STRINGS if e.msgid and e.msgid not in ours]
    assert not missing, (
        f"{po.relative_to(ROOT)} does not translate these strings of the installed mkdocs-quiz: {missing}. "
        "Add a msgid/msgstr pair for each (the keys are the plugin's English strings)."
    )
    assert all(content.script_share(text, lang) > 0.5 for text in ours.values() if any(c.isalpha() for c in text))


def test_mkdocs_yml_points_at_the_project_strings():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for lang in TRANSLATIONS:
        assert f"{lang}: guide_tools/website/quiz_locales/{lang}.po" in text


# Words that say the reader passed or succeeded. The plugin shows "Quiz Complete!" and the
# progress line ("3 / 5 questions answered") at every score, above "Better luck next time" at
# 20 % too, so their translations may only say that every question was answered.
PASS_WORDS = {"ru": r"пройден|сдан|успешн|зач[её]т", "ko": r"통과|합격|성공|풀었"}
SHOWN_AT_EVERY_SCORE = ("Quiz Complete!", "questions answered", "Quiz Progress")


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_strings_shown_at_every_score_do_not_say_passed(lang):
    ours = {e.msgid: e.msgstr for e in polib.pofile(str(QUIZ_LOCALES / f"{lang}.po"))}
    wrong = {key: ours[key] for key in SHOWN_AT_EVERY_SCORE if re.search(PASS_WORDS[lang], ours.get(key, ""), re.IGNORECASE)}
    assert not wrong, (
        f"guide_tools/website/quiz_locales/{lang}.po: {wrong} is shown whatever the score, even at 20 %; "
        "say that every question was answered, not that the quiz was passed."
    )
