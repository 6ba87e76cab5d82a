"""Self-check quizzes: every chapter ends with one, the same quiz in every language, and the
quiz's interface strings (guide_tools/website/quiz) are the project's own in Korean and Russian."""

from __future__ import annotations

import json
import re

import polib
import pytest
import yaml

from guide_tools.website import content, quiz
from guide_tools.website.content import LANGUAGES, ROOT, TRANSLATIONS

CHAPTERS = content.chapter_pages()
ALL_PAGES = [(lang, page) for lang in LANGUAGES for page in content.pages(lang)]
QUIZ_LOCALES = ROOT / "guide_tools" / "website" / "quiz_locales"
QUIZ_SOURCES = ROOT / "guide_tools" / "website" / "quiz"
# The English strings the quiz shows: each `t("…")` of its script and `strings.get("…")` of its
# extension (the keys of the .po files).
SHOWN = re.compile(r'\b(?:t|strings\.get)\(\s*("(?:[^"\\\n]|\\.)*")')


def interface_strings() -> set[str]:
    found = set()
    for name in ("quiz.js", "__init__.py"):
        found |= {json.loads(m.group(1)) for m in SHOWN.finditer((QUIZ_SOURCES / name).read_text(encoding="utf-8"))}
    return found


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


def test_the_interface_strings_are_found_in_the_quiz_sources():
    shown = interface_strings()
    # the script's (storage warnings included), the extension's (the button, the progress panel)
    assert {"Incorrect answer. Please try again.", "Try Again", "Quiz progress is too large to save",
            "Unable to save quiz progress. Your browser may have storage disabled or quota exceeded.",
            "Submit", "Quiz Progress", "Answered:", "Correct:", "Reset"} <= shown, shown
    script = (QUIZ_SOURCES / "quiz.js").read_text(encoding="utf-8")
    # a warning passed as a bare literal would show in English on every page
    assert re.findall(r"showStorageWarning\(\s*(?!t\()\S", script) == [], "quiz.js: pass each storage warning through t()"


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_project_translates_every_interface_string_of_the_quiz(lang):
    po = QUIZ_LOCALES / f"{lang}.po"
    ours = {e.msgid: e.msgstr for e in polib.pofile(str(po)) if e.msgstr}
    missing = sorted(interface_strings() - set(ours))
    assert not missing, (
        f"{po.relative_to(ROOT)} does not translate these strings of guide_tools/website/quiz: {missing}. "
        "Add a msgid/msgstr pair for each (the keys are the English strings)."
    )
    assert quiz.read_po(po) == ours  # the extension reads the same table
    assert all(content.script_share(text, lang) > 0.5 for text in ours.values() if any(c.isalpha() for c in text))


def test_mkdocs_yml_renders_quizzes_with_the_project_extension_and_strings():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    extensions = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert "guide_tools.website.quiz" in extensions
    assert not any("quiz" in (next(iter(p)) if isinstance(p, dict) else p) for p in config["plugins"])
    assert quiz.DEFAULT_LOCALES == QUIZ_LOCALES
    for lang in TRANSLATIONS:
        assert (QUIZ_LOCALES / f"{lang}.po").is_file()


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


# ---------------------------------------------------------------- the extension (guide_tools/website/quiz)

QUESTION = "<quiz>\nWhich `status` is it?\n- [ ] `400`\n- [x] `404`\n- [ ] `422`\n\nThe **converter** is part of matching.\n</quiz>\n"


def render(text: str, language: str = "en", extensions=("toc", "pymdownx.superfences")):
    import markdown

    md = markdown.Markdown(extensions=[*extensions, "guide_tools.website.quiz"],
                          extension_configs={"guide_tools.website.quiz": {"language": language}})
    return md.convert(text), md


def test_a_quiz_is_rendered_as_the_site_s_css_scripts_and_tests_expect():
    page, _ = render(f"# Routing\n\n## Check yourself\n\n{QUESTION}\n{QUESTION}")
    assert page.count('<div class="quiz"  id="quiz-') == 2 and 'id="quiz-1"' in page
    assert '</div>\n\n<div class="quiz"  id="quiz-1">' in page  # mkdocs-quiz's spacing, byte for byte
    first = page[page.index('<div class="quiz"  id="quiz-0">'):page.index('<div class="quiz"  id="quiz-1">')]
    assert re.search(r'<div class="quiz-question" id="quiz-0-question">\s*<p>Which <code>status</code> is it\?</p>', first)
    assert ('<fieldset aria-labelledby="quiz-0-question"><div><input type="radio" name="answer" value="0" id="quiz-0-0" >'
            '<label for="quiz-0-0"><code>400</code></label></div><div><input type="radio" name="answer" value="1" '
            'id="quiz-0-1" data-correct="true"><label for="quiz-0-1"><code>404</code></label></div>') in first
    # a focusable Submit (no auto-submit: arrow keys on a radio do not answer), the explanation hidden
    assert '<button type="submit" class="quiz-button">Submit</button>' in first
    assert '<section class="content hidden"><p>The <strong>converter</strong> is part of matching.</p></section>' in first
    # nothing that reveals or answers by itself, and no copy of the source (answers included)
    quizzes = page[:page.index('<div id="quiz-progress-sidebar"')]  # without the page's script
    assert not re.search(r"data-(show-correct|auto-submit|disable-after-submit)|mkdocs-quiz-source|\[x\]", quizzes)
    assert "<quiz>" not in quizzes and "</quiz>" not in quizzes


def test_more_than_one_right_option_makes_checkboxes():
    page, _ = render("<quiz>\nWhich two?\n- [x] a\n- [x] b\n- [ ] c\n\nBoth.\n</quiz>\n")
    page = page[:page.index('<div id="quiz-progress-sidebar"')]  # the quiz, without the page's script
    assert page.count('type="checkbox"') == 3 and page.count('data-correct="true"') == 2


def test_the_panel_strings_and_script_end_the_page_once_and_stay_out_of_the_headings():
    page, md = render(f"# Title\n\n## Check yourself\n\n{QUESTION}\nLast words[^1].\n\n[^1]: A note.\n",
                      extensions=("toc", "footnotes"))
    end = page.index('<div id="quiz-progress-sidebar"')
    assert page.index('<div class="footnote">') < end  # after everything the page ends with
    assert page.count('<div id="quiz-progress-sidebar"') == page.count('<nav id="quiz-progress-mobile"') == 1
    assert page.count("window.mkdocsQuizTranslations = {};") == 1 and page.rstrip().endswith("</script>")
    assert "storage disabled or quota exceeded." in page[end:]  # quiz.js, inlined
    # Python-Markdown's toc renders each heading's text with the postprocessors too
    assert [t["name"] for t in md.toc_tokens] == ["Title"] and md.toc_tokens[0]["children"][0]["name"] == "Check yourself"
    assert "\x02" not in page


def test_a_page_without_a_quiz_carries_none_of_its_panel_style_or_script():
    """A page with no quiz gets nothing of the quiz (about 45 KB of inlined style and script), even
    when the same Markdown instance rendered a page with a quiz just before (MkDocs may reuse it)."""
    import markdown

    md = markdown.Markdown(extensions=[quiz.makeExtension()])
    assert 'id="quiz-progress-sidebar"' in md.convert(QUESTION)
    md.reset()
    plain = md.convert("# Title\n\nNo quiz here.\n")
    assert plain == "<h1>Title</h1>\n<p>No quiz here.</p>", plain


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_the_interface_is_in_the_language_the_build_sets(lang):
    page, _ = render(QUESTION, language=lang)
    strings = quiz.read_po(QUIZ_LOCALES / f"{lang}.po")
    assert f'<button type="submit" class="quiz-button">{strings["Submit"]}</button>' in page
    assert f'aria-label="{strings["Quiz Progress"]}"' in page
    shown = json.loads(re.search(r"window\.mkdocsQuizTranslations = (\{.*?\});\n", page).group(1))
    assert shown == strings and list(shown) == list(strings)


def test_the_hook_sets_the_language_being_built():
    from types import SimpleNamespace

    from guide_tools.website import mkdocs_hooks

    config = SimpleNamespace(mdx_configs={"guide_tools.website.quiz": {"language": "en"}},
                             plugins={"i18n": SimpleNamespace(current_language="ko")})
    mkdocs_hooks.quiz_language(config)
    assert config.mdx_configs["guide_tools.website.quiz"]["language"] == "ko"


def test_a_quiz_in_a_code_block_is_code():
    page, _ = render(f"````markdown\n{QUESTION}````\n\n~~~\n{QUESTION}~~~\n")
    assert '<div class="quiz"' not in page and page.count("&lt;quiz&gt;") == 2


@pytest.mark.parametrize(("body", "problem"), [
    ("Q?\n- [x] a\n> because\n- [ ] b\n", "per-option feedback"),
    ("2 + 2 = [[4]]\n", "fill-in-the-blank"),
    ("Q?\n- [y] a\n- [ ] b\n", "`[y]`"),
    ("Q?\n- [ ] a\n- [ ] b\n", "no right option"),
    ("Q?\n", "no options"),
])
def test_syntax_the_site_does_not_use_stops_the_build(body, problem):
    with pytest.raises(quiz.QuizError, match=re.escape(problem)):
        render(f"<quiz>\n{body}</quiz>\n")


def test_an_unclosed_quiz_stops_the_build():
    with pytest.raises(quiz.QuizError, match="not closed"):
        render("<quiz>\nQ?\n- [x] a\n\n<quiz>\nQ?\n- [x] a\n</quiz>\n")
