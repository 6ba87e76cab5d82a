"""Check pages while writing them, without building the site:

    python -m guide_tools.website.check docs/en/compare/routing.md [more pages]

Reports includes of missing snippet files or sections, broken internal links and anchors,
headings without an explicit anchor, code annotations without their explanation, and self-check
quizzes that are missing, malformed or different from the English page's.
"""

from __future__ import annotations

import sys
from pathlib import Path

from guide_tools.website import content


def check(page: Path) -> list[str]:
    lang, _, rel_page = page.resolve().relative_to(content.DOCS).as_posix().partition("/")
    text = page.read_text(encoding="utf-8")
    problems = content.include_problems(page) + content.link_problems(lang, rel_page) + content.annotation_problems(page)
    problems += content.title_problems(page)
    problems += content.quiz_problems(page, lang, rel_page)
    if content.page_path(content.DEFAULT_LANGUAGE, rel_page).is_file():
        problems += content.quiz_consistency_problems(rel_page)
    problems += [
        f"{content.rel(page)}:{h.line}: heading without an explicit anchor: {h.title}"
        for h in content.headings(text) if h.anchor is None
    ]
    return problems


def main(args: list[str]) -> int:
    problems = [p for arg in args for p in check(Path(arg))]
    print("\n".join(problems) if problems else f"{len(args)} page(s): no problems found")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
