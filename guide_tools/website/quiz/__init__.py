"""Self-check quizzes: a Python-Markdown extension that renders the `<quiz>` blocks of a page.

Listed under `markdown_extensions` in mkdocs.yml as `guide_tools.website.quiz`, so any engine that
runs Python-Markdown extensions renders the quizzes (contributing/site-build.md, "Stages", (b)).
The syntax is contributing/pages-and-translations.md's "Self-check quizzes" (checked before the build
by `content.quiz_problems`):

    <quiz>
    The question (Markdown, one or more lines)
    - [x] a right option
    - [ ] a wrong option

    The explanation, shown once the reader has answered right (Markdown).
    </quiz>

It writes the markup and page scripts that mkdocs-quiz 1.7.1 (https://github.com/ewels/mkdocs-quiz,
Apache License 2.0, LICENSE in this folder) wrote with the options the site used (`auto_submit`,
`show_correct`, `disable_after_submit`, `confetti`, `embed_source` all off): the same HTML, byte for
byte, which theme.css, the hook's search exclusion, overrides/partials/quiz-retry.html and the
browser tests rely on. The templates below are that plugin's, with those options applied:

- each quiz: `<div class="quiz" id="quiz-N">` with its question, its options as radio buttons (or
  checkboxes when more than one is right) in a fieldset, a Submit button (Enter or Space answers;
  arrow keys on a radio only move the choice), and the explanation, hidden until a right answer;
- every page with a quiz: the progress panel (quiz.js moves it above the table of contents), quiz.css, the
  interface strings of the page's language (`window.mkdocsQuizTranslations`), the script's
  settings and quiz.js, inlined as before (nothing is fetched from another host). quiz.js keeps
  the reader's answers in local storage under `quiz_progress_<page path>`, as before.

Options: `language` (the page's language: its strings are `locales/<language>.po`; English needs
none) and `locales` (the folder of those files, relative to the working directory like
pymdownx.snippets' paths; by default guide_tools/website/quiz_locales). With static-i18n every
language is built from one configuration, so the MkDocs hook sets `language` for each language's
pages; an engine that builds one language per configuration sets it there.

What the plugin also did and the site never used (fill-in-the-blank quizzes, per-answer feedback,
results and intro blocks, numbering, shuffling, confetti) is left out: such a quiz stops the build.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as etree
from pathlib import Path
from textwrap import dedent

import markdown
import polib
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

HERE = Path(__file__).resolve().parent
DEFAULT_LOCALES = HERE.parent / "quiz_locales"
SCRIPT = (HERE / "quiz.js").read_text(encoding="utf-8")
STYLE = (HERE / "quiz.css").read_text(encoding="utf-8")

QUIZ_OPEN, QUIZ_CLOSE = "<quiz>", "</quiz>"
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")  # a fenced code block opens (or closes: FENCE_END)
FENCE_END = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*$")
# An option: `- [x] text` or `- [ ] text` (`*` bullets too), as mkdocs-quiz reads them.
OPTION = re.compile(r"^[-*] \[(.?)\] (.*)$")
# What the plugin did with other syntax, which this extension refuses instead.
FILL_BLANK = re.compile(r"\[\[([^\]]+)\]\]")
FEEDBACK = re.compile(r"^\s*>\s?(.*)$")


class QuizError(ValueError):
    pass


# ------------------------------------------------------------------ interface strings (.po files)

_PO_CACHE: dict[str, tuple[tuple[int, int], dict[str, str]]] = {}  # path -> (its version, its entries)


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr of the translated entries of a .po file, in file order. Parsed once per
    version of the file (a build renders many pages in each language)."""
    stat = path.stat()
    version = (stat.st_mtime_ns, stat.st_size)
    if _PO_CACHE.get(str(path), (None,))[0] != version:
        _PO_CACHE[str(path)] = (version, {e.msgid: e.msgstr for e in polib.pofile(str(path)) if e.msgid and e.msgstr})
    return dict(_PO_CACHE[str(path)][1])


class Strings:
    def __init__(self, language: str, locales: Path) -> None:
        path = locales / f"{language}.po"
        self.table = read_po(path) if language != "en" else {}

    def get(self, key: str) -> str:
        return self.table.get(key, key)


# ------------------------------------------------------------------ markup (mkdocs-quiz 1.7.1's)

def _strip_paragraph(fragment: str) -> str:
    return re.sub(r"^\s*<p>(.*)</p>\s*$", r"\1", fragment, flags=re.DOTALL)


def parse(inner: str) -> tuple[str, list[tuple[bool, str]], str]:
    """(question, [(right, option)], explanation) of a quiz's lines between `<quiz>` and `</quiz>`,
    read as mkdocs-quiz reads them."""
    lines = dedent(inner).splitlines()
    while lines and lines[0] == "":
        lines = lines[1:]
    while lines and lines[-1] == "":
        lines = lines[:-1]
    if not lines:
        raise QuizError("the quiz is empty")
    if FILL_BLANK.search(inner):
        raise QuizError("fill-in-the-blank quizzes (`[[answer]]`) are not supported")
    first = next((i for i, line in enumerate(lines) if OPTION.match(line)), None)
    if first is None:
        raise QuizError("the quiz has no options (`- [x] …`, `- [ ] …`)")
    question = "\n".join(lines[:first]).strip()
    options: list[tuple[bool, str]] = []
    i = rest = first
    while i < len(lines):
        line = lines[i]
        option = OPTION.match(line)
        if option:
            mark = option.group(1)
            if mark not in ("x", "X", " ", ""):
                raise QuizError(f"`[{mark}]` in {line!r}: write `[x]` for a right option, `[ ]` for a wrong one")
            options.append((mark.lower() == "x", option.group(2)))
            i = rest = i + 1
            if i < len(lines) and FEEDBACK.match(lines[i]):
                raise QuizError(f"per-option feedback (`> …` after {line!r}) is not supported")
        elif not line.strip():
            i += 1
        else:
            break
    if not question:
        raise QuizError("the quiz has no question")
    if not any(right for right, _ in options):
        raise QuizError("the quiz has no right option (`- [x] …`)")
    return question, options, "\n".join(lines[rest:])


def quiz_html(number: int, question: str, options: list[tuple[bool, str]], explanation: str,
              render, strings: Strings) -> str:
    right_texts = [text for right, text in options if right]
    checkboxes = len(right_texts) > 1
    answers = []
    for i, (_, text) in enumerate(options):
        input_id = f"quiz-{number}-{i}"
        kind = "checkbox" if checkboxes else "radio"
        right = 'data-correct="true"' if text in right_texts else ""
        answers.append(
            f'<div><input type="{kind}" name="answer" value="{html.escape(str(i))}" '
            f'id="{input_id}" {right}>'
            f'<label for="{input_id}">{_strip_paragraph(render(text))}</label>'
            f"</div>"
        )
    question_html = render(question)
    explanation_html = render(explanation) if explanation else ""
    quiz_id = f"quiz-{number}"
    question_header = ""
    # As mkdocs-quiz 1.7.1 writes it (its dedent of the filled-in template included).
    return dedent(f"""
            <div class="quiz"  id="{quiz_id}">
                <a href="#{quiz_id}" class="quiz-header-link">#</a>
                {question_header}
                <div class="quiz-question" id="{quiz_id}-question">
                    {question_html}
                </div>
                <form action="javascript:void(0);" onsubmit="return false;">
                    <fieldset aria-labelledby="{quiz_id}-question">{"".join(answers)}</fieldset>
                    <div class="quiz-feedback hidden"></div>
                    <button type="submit" class="quiz-button">{strings.get("Submit")}</button>
                </form>
                <section class="content hidden">{explanation_html}</section>
            </div>
        """).strip()


def progress_html(strings: Strings) -> str:
    """The progress panel, desktop and mobile: hidden until quiz.js finds quizzes on the page and
    moves it above the table of contents."""
    quiz_progress, answered = strings.get("Quiz Progress"), strings.get("Answered:")
    correct, reset = strings.get("Correct:"), strings.get("Reset")
    return dedent(f"""
            <div id="quiz-progress-sidebar" aria-label="{quiz_progress}" style="display: none;">
              <!-- mkdocs-quiz progress sidebar (desktop) -->
              <label class="md-nav__title">
                <span class="md-nav__icon md-icon"></span>
                {quiz_progress}
              </label>
              <ul class="md-nav__list" data-md-component="quiz-progress">
                <li class="md-nav__item">
                  <div class="md-nav__link">
                    <span class="md-ellipsis">
                      {answered} <span class="quiz-progress-answered">0</span> / <span class="quiz-progress-total">0</span> (<span class="quiz-progress-answered-percentage">0%</span>)
                    </span>
                  </div>
                </li>
                <li class="md-nav__item">
                  <div class="md-nav__link">
                    <div class="quiz-progress-bar">
                      <div class="quiz-progress-bar-incorrect" style="width: 0%"></div>
                      <div class="quiz-progress-bar-correct" style="width: 0%"></div>
                    </div>
                  </div>
                </li>
                <li class="md-nav__item">
                  <div class="md-nav__link quiz-correct-reset">
                    <span class="md-ellipsis">
                      {correct} <span class="quiz-progress-score">0</span> / <span class="quiz-progress-score-total">0</span> (<span class="quiz-progress-score-percentage">0%</span>)
                    </span>
                    <a href="#" class="quiz-reset-all-link" style="color: var(--md-primary-fg-color); text-decoration: none;">
                      {reset}
                    </a>
                  </div>
                </li>
              </ul>
            </div>
            <nav id="quiz-progress-mobile" class="quiz-progress-mobile md-nav" aria-label="{quiz_progress}" style="display: none;">
              <!-- mkdocs-quiz progress sidebar (mobile) -->
              <div class="quiz-progress-bar">
                <div class="quiz-progress-bar-incorrect" style="width: 0%"></div>
                <div class="quiz-progress-bar-correct" style="width: 0%"></div>
              </div>
              <div data-md-component="quiz-progress">
                <div class="quiz-correct-reset">
                  <span class="md-ellipsis">
                    {answered} <span class="quiz-progress-answered">0</span> / <span class="quiz-progress-total">0</span>
                  </span>
                  <span class="md-ellipsis">
                    {correct} <span class="quiz-progress-score">0</span> / <span class="quiz-progress-score-total">0</span>
                  </span>
                  <a href="#" class="quiz-reset-all-link" style="color: var(--md-primary-fg-color); text-decoration: none;">
                    {reset}
                  </a>
                </div>
              </div>
            </nav>
        """).strip()


def page_scripts(strings: Strings) -> str:
    """The stylesheet, the strings and settings quiz.js reads, and quiz.js, as the page carried them."""
    translations = json.dumps(strings.table, ensure_ascii=False)
    return (
        f'<style type="text/css">{STYLE}</style>'
        f'<script type="text/javascript">\nwindow.mkdocsQuizTranslations = {translations};\n</script>'
        '<script type="text/javascript">\nwindow.mkdocsQuizConfig = {\n  confetti: false,\n'
        '  showProgress: true,\n  progressSidebarPosition: "top"\n};\n</script>'
        f'<script type="text/javascript" defer>{SCRIPT}</script>'
    )


# ------------------------------------------------------------------ the extension

class QuizPreprocessor(Preprocessor):
    """Each `<quiz>` … `</quiz>` block (each tag alone on its line, outside fenced code) becomes its
    markup, stored as raw HTML: the page's other processors leave it as it is."""

    def __init__(self, md: markdown.Markdown, extension: QuizExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def fragment_renderer(self):
        """Markdown for a quiz's question, options and explanation: each is a document of its own,
        converted with the page's other extensions (new instances with the same settings) and the
        page's tree processors that come from no extension (MkDocs' link rewriting and checks)."""
        others = [type(ext)(**ext.getConfigs()) for ext in self.md.registeredExtensions
                  if not isinstance(ext, QuizExtension)]
        fragment = markdown.Markdown(extensions=others, output_format=self.md.output_format)
        for item in self.md.treeprocessors._priority:
            if item.name not in fragment.treeprocessors and not isinstance(self.md.treeprocessors[item.name], QuizPageEnd):
                fragment.treeprocessors.register(self.md.treeprocessors[item.name], item.name, item.priority)

        def render(text: str) -> str:
            fragment.reset()
            return fragment.convert(text)

        return render

    def run(self, lines: list[str]) -> list[str]:
        self.md.sbs_quizzes = 0  # this page's count, which QuizPagePostprocessor reads
        if not any(line.strip() == QUIZ_OPEN for line in lines):
            return lines
        strings = self.extension.strings()
        render = self.fragment_renderer()
        out: list[str] = []
        fence = None
        number = 0
        i = 0
        while i < len(lines):
            line = lines[i]
            opened = FENCE.match(line)
            if fence is None and opened:
                fence = opened.group(1)
            elif fence is not None and (closed := FENCE_END.match(line)) and closed.group(1)[0] == fence[0] \
                    and len(closed.group(1)) >= len(fence):
                fence = None
            elif fence is None and line.strip() == QUIZ_OPEN:
                end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() in (QUIZ_OPEN, QUIZ_CLOSE)), None)
                if end is None or lines[end].strip() != QUIZ_CLOSE:
                    raise QuizError(f"a `<quiz>` is not closed by a line `</quiz>`: {lines[i + 1:i + 2]}")
                inner = "\n" + "\n".join(lines[i + 1:end]) + "\n"
                try:
                    question, options, explanation = parse(inner)
                except QuizError as problem:
                    raise QuizError(f"quiz #{number + 1} ({inner.strip()[:60]!r}): {problem}") from None
                markup = quiz_html(number, question, options, explanation, render, strings)
                # The "\n": mkdocs-quiz's HTML took the place of a raw HTML comment, and kept its line end.
                out += ["", self.md.htmlStash.store(markup + "\n"), ""]
                number += 1
                self.md.sbs_quizzes = number
                i = end + 1
                continue
            out.append(line)
            i += 1
        return out


# Where the page's additions go: the end of the document. A tree processor marks it, after every other
# one that adds to the end (footnotes), and the last postprocessor puts them there. Python-Markdown also
# runs the postprocessors on pieces of a page (toc renders each heading's text with them), which
# have no mark and get nothing.
PAGE_END = "\x02sbs-quiz-page-end\x03"


class QuizPageEnd(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        etree.SubElement(root, "p").text = PAGE_END


class QuizPagePostprocessor(Postprocessor):
    """The progress panel, the stylesheet and the script, after the content of a page that has a
    quiz (the plugin put them on every page: about 45 KB on each page without one)."""

    def __init__(self, md: markdown.Markdown, extension: QuizExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        before, mark, after = text.rpartition(f"<p>{PAGE_END}</p>")
        if not mark:
            return text
        if not getattr(self.md, "sbs_quizzes", 0):
            return before.rstrip() + after
        strings = self.extension.strings()
        return before.rstrip() + progress_html(strings) + page_scripts(strings) + after


class QuizExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {
            "language": ["en", "The page's language: its interface strings are <locales>/<language>.po"],
            "locales": [str(DEFAULT_LOCALES), "The folder of the <language>.po files"],
        }
        super().__init__(**kwargs)

    def strings(self) -> Strings:
        return Strings(self.getConfig("language"), Path(self.getConfig("locales")))

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.registerExtension(self)
        # After normalize_whitespace (30), which would remove the raw HTML placeholders' markers,
        # and before fenced code (25) and raw HTML blocks (20).
        md.preprocessors.register(QuizPreprocessor(md, self), "sbs_quiz", 28)
        md.treeprocessors.register(QuizPageEnd(md), "sbs_quiz_page_end", 2)
        md.postprocessors.register(QuizPagePostprocessor(md, self), "sbs_quiz_page", 0)


def makeExtension(**kwargs) -> QuizExtension:  # noqa: N802 - the name Markdown looks for
    return QuizExtension(**kwargs)


__all__ = ["QuizError", "QuizExtension", "makeExtension", "parse", "read_po"]
