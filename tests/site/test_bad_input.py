"""Bad input is caught with a message that names the file and says what to do.

Each of the six cases is made on purpose, in a copy of the project or a temp folder, and the
test asserts the exact guidance a contributor would see.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guide_tools.website import content
from guide_tools.website.content import ROOT
from tests.site.sitebuild import copy_project, mkdocs_build
from tests.support.capture import Outputs

ROUTING_EN = Path("docs/en/compare/routing.md")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# 1. a missing snippet file or section -------------------------------------------------------


@pytest.mark.slow
def test_missing_snippet_file_stops_the_build(project, tmp_path):
    replace_in(project / ROUTING_EN, '"compare/routing/flask_app.py:static"', '"compare/routing/flask_ap.py:static"')
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        'docs/en/compare/routing.md' in result.stderr
        and 'includes "compare/routing/flask_ap.py", but snippets/compare/routing/flask_ap.py does not exist. '
        "Create the snippet file or correct the path" in result.stderr
    ), result.stderr[-3000:]


def test_missing_snippet_section_is_reported(tmp_path):
    page = tmp_path / "docs/ko/compare/routing.md"
    page.parent.mkdir(parents=True)
    page.write_text('```python\n--8<-- "compare/routing/flask_app.py:nope"\n```\n', encoding="utf-8")
    [problem] = content.include_problems(page)
    assert 'routing.md:2: includes section "nope" of snippets/compare/routing/flask_app.py' in problem
    assert "Add the markers around the code or correct the section name" in problem


# 2. a missing translation --------------------------------------------------------------------


@pytest.mark.slow
def test_missing_translation_stops_the_build(project, tmp_path):
    (project / "docs/ru/compare/routing.md").unlink()
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        "Missing translation: docs/ru/compare/routing.md does not exist (docs/en/compare/routing.md does)."
        in result.stderr
    ), result.stderr[-3000:]
    assert "python3 dev.py i18n-stamp docs/ru/compare/routing.md" in result.stderr


# 3. a broken anchor --------------------------------------------------------------------------


@pytest.mark.slow
def test_broken_anchor_stops_the_build(project, tmp_path):
    replace_in(project / "docs/ko/index.md", "(compare/routing.md)", "(compare/routing.md#no-such-anchor)")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        "docs/ko/index.md: links to 'compare/routing.md#no-such-anchor', but docs/ko/compare/routing.md "
        "has no heading or element with the anchor '#no-such-anchor'." in result.stderr
    ), result.stderr[-3000:]


# 4. a failing snippet ------------------------------------------------------------------------


@pytest.mark.slow
def test_failing_snippet_fails_its_test_and_names_the_file(tmp_path):
    """Break a copy of a real snippet and run the real chapter test against it."""
    snippets = tmp_path / "snippets"
    shutil.copytree(ROOT / "snippets", snippets, ignore=shutil.ignore_patterns("__pycache__"))
    replace_in(snippets / "compare/routing/fastapi_app.py", 'return {"created": item}', 'return {"created": {}["oops"]}')  # a KeyError
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/compare/test_routing.py", "-k", "get_and_post",
         "-o", f"pythonpath={snippets} .", "-p", "no:cacheprovider", "--no-cov", "-q", "-n0"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 1, result.stdout[-3000:]
    assert "1 failed" in result.stdout
    assert "compare/routing/fastapi_app.py" in result.stdout and "KeyError: 'oops'" in result.stdout


# 5. a stale captured output ------------------------------------------------------------------


def test_stale_output_fails_with_a_diff_and_the_fix(tmp_path):
    out = tmp_path / "compare/routing/out/demo.txt"
    out.parent.mkdir(parents=True)
    out.write_text("GET /\n\nHTTP/1.1 200 OK\n", encoding="utf-8")
    checker = Outputs(update=False, root=tmp_path)
    with pytest.raises(AssertionError) as failure:
        checker.check("compare/routing/out/demo.txt", "GET /\n\nHTTP/1.1 404 NOT FOUND\n")
    message = str(failure.value)
    assert "Stale captured output:" in message and "compare/routing/out/demo.txt" in message
    assert "python3 dev.py test --update-outputs" in message
    assert "-HTTP/1.1 200 OK" in message and "+HTTP/1.1 404 NOT FOUND" in message
    Outputs(update=True, root=tmp_path).check("compare/routing/out/demo.txt", "GET /\n\nHTTP/1.1 404 NOT FOUND\n")
    checker.check("compare/routing/out/demo.txt", "GET /\n\nHTTP/1.1 404 NOT FOUND\n")  # regenerated: passes


# 6. a drifted translation --------------------------------------------------------------------


def test_drifted_translation_is_named_with_the_command_that_clears_it(tmp_path):
    docs = tmp_path / "docs"
    for lang in content.LANGUAGES:
        (docs / lang).mkdir(parents=True)
        (docs / lang / "page.md").write_text(f"# Page {lang} {{ #page }}\n", encoding="utf-8")
    content.stamp(docs / "ko/page.md", docs)
    content.stamp(docs / "ru/page.md", docs)
    assert content.drift_problems(docs) == []
    (docs / "en/page.md").write_text("# Page, changed { #page }\n", encoding="utf-8")
    problems = content.drift_problems(docs)
    assert len(problems) == 2
    assert problems[0].startswith("Drifted translation: docs/en/page.md changed after docs/ko/page.md was last brought up to date")
    assert "then run `python3 dev.py i18n-stamp docs/ko/page.md`" in problems[0]
    content.stamp(docs / "ko/page.md", docs)
    assert [p for p in content.drift_problems(docs) if "docs/ko/" in p] == []


# and one more: a code annotation without its explanation ---------------------------------------


def test_missing_annotation_item_is_reported(tmp_path):
    page = tmp_path / "docs/ru/compare/routing.md"
    page.parent.mkdir(parents=True)
    page.write_text('```python\n--8<-- "compare/routing/flask_app.py:converters"\n```\n\n1.  Только первый пункт.\n', encoding="utf-8")
    [problem] = content.annotation_problems(page)
    assert "routing.md:1: the code block has annotation markers (1)…(3) but 1 numbered list items follow it." in problem


def test_escaped_quote_in_a_question_title_is_reported(tmp_path):
    page = tmp_path / "docs/en/compare/routing.md"
    page.parent.mkdir(parents=True)
    page.write_text('# Routing { #routing }\n\n??? question "What does `x[\\"a\\"]` give?"\n    Nothing.\n', encoding="utf-8")
    [problem] = content.title_problems(page)
    assert "routing.md:3: the title of this admonition contains" in problem


# and the self-check quizzes: a translation marks another option right; a chapter is not converted --


QUIZ = "<quiz>\n{q}\n- [{a}] one\n- [{b}] two\n- [ ] three\n\n{explanation}\n</quiz>\n"


def test_quiz_that_differs_from_the_english_one_is_reported(tmp_path):
    docs = tmp_path / "docs"
    page = "compare/routing.md"
    for lang, (a, b) in {"en": ("x", " "), "ko": (" ", "x"), "ru": ("x", " ")}.items():
        path = docs / lang / page
        path.parent.mkdir(parents=True)
        quiz = QUIZ.format(q="Which?", a=a, b=b, explanation="Because.")
        path.write_text(f"# Routing {{ #routing }}\n\n## Check yourself {{ #check-yourself }}\n\n{quiz}", encoding="utf-8")
    (docs / "ru" / page).write_text("# Routing { #routing }\n\n## Check yourself { #check-yourself }\n", encoding="utf-8")
    problems = content.quiz_consistency_problems(page, docs)
    assert len(problems) == 2, problems
    assert "docs/ko/compare/routing.md:5: question 1 has 3 options, right: [2]; " in problems[0]
    assert "docs/en/compare/routing.md:5 has 3, right: [1]. Keep the options in the English order" in problems[0]
    assert "docs/ru/compare/routing.md: has 0 quiz question(s)" in problems[1] and "Translate every English question" in problems[1]


def test_unconverted_check_yourself_and_a_quiz_without_explanation_are_reported(tmp_path):
    page = tmp_path / "docs/ru/django/mvt.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "---\nsource_hash: 0\n---\n# MVT { #mvt }\n\n## Проверьте себя { #check-yourself }\n\n"
        + QUIZ.format(q="Что?", a="x", b=" ", explanation="")
        + '\n??? question "Почему?"\n\n    Потому что.\n',
        encoding="utf-8",
    )
    problems = content.quiz_problems(page, "ru", "django/mvt.md")
    assert problems == [
        f"{content.rel(page)}:17: a `??? question` block in \"Check yourself\"; turn it into a `<quiz>` block: the "
        "question, the options (`- [x]` the right one, `- [ ]` 2-3 wrong ones a reader could believe), then the old "
        'answer as the explanation (see contributing/pages-and-translations.md, "Self-check quizzes").',
        f"{content.rel(page)}:8: the quiz has no explanation; after the options, leave a blank line and explain the "
        "answer (the reader sees it after answering).",
    ], problems


@pytest.mark.slow
def test_chapter_without_its_quiz_stops_the_build(project, tmp_path):
    page = project / "docs/ko/compare/routing.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text[: text.index("## 스스로 확인하기")], encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/ko/compare/routing.md: a chapter needs a `## … { #check-yourself }` section" in result.stderr, result.stderr[-3000:]
    assert "docs/ko/compare/routing.md: has 0 quiz question(s), docs/en/compare/routing.md has 5." in result.stderr
