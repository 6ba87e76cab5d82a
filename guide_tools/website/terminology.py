"""One term for one idea: each translation's terminology list and the check of its pages.

`guide_tools/website/terminology/<lang>.yml` records, for Korean and Russian, the rendering chosen for
each recurring term (`terms`) and each recurring section heading (`headings`), the variants
rejected for it and why. `problems(lang)` lists every place where a page of that language uses a
rejected variant in its prose (code, link targets, HTML tags, attribute lists and blockquotes
are not prose), naming the page, the line, the word and the chosen term, and every heading whose
English original is in the list but whose translation is not the chosen one.
`exercise_problems(lang)` checks the same way the exercises' text in that language: the titles
and hints in `exercises/<section>/<topic>/exercise.toml` and the `dev.py exercise` runner's own
messages (`MESSAGES` in guide_tools/exercises/texts.py), naming the file and the line.

A rejected variant is a regular expression matched at the start of a word (not after a letter
or digit), with its first letter in either case, with any ending after it: `потребител` finds `потребителя`, and
`사용 중단` finds `사용 중단되었습니다`. Where one word has two senses (Russian `коммит` for a
version-control commit, `фиксация` for a transaction's), `when` restricts a term to paragraphs
that match it. `allow` lists exact phrases in which a variant is fine (a quoted title).
What counts as prose is prose.py's; the style rules are style_rules.py's (regular expressions) and
style_checks.py's (the rest), re-exported here for the tests. Standard library and PyYAML only.
"""

from __future__ import annotations

import ast
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import yaml

from guide_tools.exercises import runner as exercises
from guide_tools.website import content
from guide_tools.website.prose import _block_lines, _paragraph, _sentences, prose_lines  # noqa: F401  (re-exported)
from guide_tools.website.style_checks import (  # noqa: F401  (re-exported: the tests use terminology.<name>)
    _RAISE_WRITTEN,
    _REFUSED_WITH,
    final_sound,
    style_text_problems,
)
from guide_tools.website.style_rules import BUTTONS, STYLE_RULES, StyleRule  # noqa: F401  (re-exported)

LISTS = Path(__file__).resolve().parent / "terminology"
FIELDS = {"en", "use", "reject", "why", "when", "allow"}
@dataclass(frozen=True)
class Term:
    en: str
    use: str
    reject: tuple[str, ...]
    why: str
    when: str | None = None
    allow: tuple[str, ...] = ()

    def pattern(self) -> re.Pattern[str]:
        """Case matters except for a capital first letter (a sentence's start): `MIDDLEWARE` is
        Django's setting, not the word middleware."""
        # A space in a variant matches any run of whitespace: prose wraps phrases across lines.
        spaced = [r.replace(" ", r"\s+") for r in self.reject]
        variants = [f"(?:[{r[0]}{r[0].upper()}]{r[1:]})" if r[0].isalpha() else f"(?:{r})" for r in spaced]
        return re.compile(r"(?<![\w])(?:" + "|".join(variants) + r")[\w-]*")


@dataclass(frozen=True)
class Terminology:
    lang: str
    terms: tuple[Term, ...]
    headings: tuple[Term, ...]


def _entries(path: Path, data: dict, key: str) -> tuple[Term, ...]:
    out = []
    for i, entry in enumerate(data.get(key) or []):
        where = f"{content.rel(path)}: {key}[{i}]"
        if not isinstance(entry, dict) or not {"en", "use", "why"} <= entry.keys():
            raise ValueError(f"{where}: each entry needs `en`, `use` and `why` (and `reject`, a list)")
        unknown = set(entry) - FIELDS
        if unknown:
            raise ValueError(f"{where}: unknown field(s) {sorted(unknown)}; the fields are {sorted(FIELDS)}")
        reject = tuple(entry.get("reject") or ())
        for r in reject:
            try:
                re.compile(r)
            except re.error as exc:
                raise ValueError(f"{where}: rejected variant {r!r} is not a valid regular expression ({exc})") from None
        out.append(Term(entry["en"], entry["use"], reject, entry["why"], entry.get("when"), tuple(entry.get("allow") or ())))
    return tuple(out)


def load(lang: str, lists: Path = LISTS) -> Terminology:
    path = lists / f"{lang}.yml"
    if not path.is_file():
        raise FileNotFoundError(f"{content.rel(path)}: no terminology list for {lang!r}; create it (see contributing/pages-and-translations.md, \"Terminology\")")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return Terminology(lang, _entries(path, data, "terms"), _entries(path, data, "headings"))



def term_problems(term: Term, rel_page: str, body: str, sentences: list[tuple[int, str]], first_line: int = 1) -> list[str]:
    """Rejected variants of `term` in a page's prose (`body`, from prose_lines, split into `sentences`);
    `first_line` is the line of the file on which `body` starts."""
    if not term.reject:
        return []
    pattern, problems = term.pattern(), []
    for offset, sentence in sentences:
        if term.when and not re.search(term.when, _paragraph(body, offset), re.IGNORECASE):
            continue
        for m in pattern.finditer(sentence):
            if any(sentence.find(a) <= m.start() < sentence.find(a) + len(a) for a in term.allow if a in sentence):
                continue
            line = body.count("\n", 0, offset + m.start()) + first_line
            problems.append(f"{rel_page}:{line}: “{' '.join(m.group(0).split())}” — use “{term.use}” ({term.en})")
    return problems


def heading_problems(terms: Terminology, lang: str, page: str, docs: Path = content.DOCS) -> list[str]:
    """Headings whose English original is listed must read exactly as chosen (matched by anchor)."""
    chosen = {t.en: t for t in terms.headings}
    english = content.headings(content.page_path(content.DEFAULT_LANGUAGE, page, docs).read_text(encoding="utf-8"))
    by_anchor = {h.anchor: content.ANCHOR_RE.sub("", h.title).strip() for h in english if h.anchor}
    problems = []
    here = content.page_path(lang, page, docs)
    for h in content.headings(here.read_text(encoding="utf-8")):
        term = chosen.get(by_anchor.get(h.anchor, ""))
        title = content.ANCHOR_RE.sub("", h.title).strip()
        if term and title != term.use:
            problems.append(f"docs/{lang}/{page}: heading “{title}” {{ #{h.anchor} }} — use “{term.use}” ({term.en})")
    return problems


def problems(lang: str, docs: Path = content.DOCS, lists: Path = LISTS) -> list[str]:
    terms = load(lang, lists)
    out = []
    for page in content.pages(lang, docs):
        body = "\n".join(prose_lines(content.page_path(lang, page, docs).read_text(encoding="utf-8")))
        sentences = _sentences(body)
        for term in terms.terms + terms.headings:
            out += term_problems(term, f"docs/{lang}/{page}", body, sentences)
        out += heading_problems(terms, lang, page, docs)
    return out


_TOML_TABLE_RE = re.compile(r"^\s*\[([^\[\]]+)\]\s*$")
_TOML_ARRAY_RE = re.compile(r"^\s*\[\[([^\[\]]+)\]\]\s*$")


# A check's message is plain text, not Markdown: what is code in it (a value's place, a quoted
# value, a list or dict repr, a path or an HTML entity) is not marked as code, so it is marked here
# before the term and style rules read the message.
_MESSAGE_CODE_RE = re.compile(r"""`[^`]*`|\{\d+\}|'[^']*'|"[^"]*"|\[[^\]]*\]|\{\{.*?\}\}|(?<![\w/])/[\w/.?=&%-]*|&#?\w+;""")


def _as_code(message: str) -> str:
    return _MESSAGE_CODE_RE.sub(lambda m: m.group() if m.group().startswith("`") else f"`{m.group()}`", message)


def _toml_texts(path: Path, lang: str) -> list[tuple[int, str]]:
    """(line, text) of every `lang = "..."` string in an exercise.toml (titles, hints, causes and
    the checks' messages, `[[messages]]`), with the line of its key in the file."""
    lines, table, arrays = {}, "", {}
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if m := _TOML_ARRAY_RE.match(line):
            name = m.group(1).strip()
            arrays[name] = arrays.get(name, -1) + 1
            table = f"{name}.{arrays[name]}"
        elif m := _TOML_TABLE_RE.match(line):
            table = m.group(1).strip()
        elif m := re.match(r"\s*(\w+)\s*=", line):
            lines[f"{table}.{m.group(1)}".lstrip(".")] = number

    out = []

    def walk(data: dict, where: str) -> None:
        for key, value in data.items():
            here = f"{where}.{key}".lstrip(".")
            if isinstance(value, dict):
                walk(value, here)
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, dict):
                        walk(item, f"{here}.{i}")
            elif key == lang and isinstance(value, str):
                out.append((lines.get(here, 1), _as_code(value) if here.startswith("messages.") else value))

    walk(tomllib.loads(path.read_text(encoding="utf-8")), "")
    return out


def exercise_texts(lang: str, root: Path = exercises.EXERCISES, runner: bool = True) -> list[tuple[str, int, str]]:
    """(file, line, text): what the exercises show a reader in `lang`, outside the pages' Markdown:
    each exercise.toml's titles and hints (the chapter's Exercises section and the runner print
    them), the batteries' messages and, with `runner`, the runner's own messages (texts.py) and those
    of the checks' shared helpers (support.py, written like a battery's)."""
    out = [(content.rel(path), line, text)
           for path in sorted(root.glob(f"*/*/{exercises.DATA_FILE}"))
           for line, text in _toml_texts(path, lang)]
    out += [(content.rel(path), line, text)
            for path in sorted((root / "batteries").glob("*.py"))
            for line, text in battery_texts(path, lang)]
    if runner:
        support = Path(exercises.__file__).with_name("support.py")
        out += [(content.rel(support), line, text) for line, text in battery_texts(support, lang)]
        source = Path(exercises.__file__).with_name("texts.py")
        lines = source.read_text(encoding="utf-8").split("\n")
        start = next(i for i, line in enumerate(lines) if line.strip() == f'"{lang}": {{')
        for key, text in exercises.MESSAGES[lang].items():
            line = next((i for i in range(start, len(lines)) if lines[i].strip().startswith(f'"{key}":')), start) + 1
            out.append((content.rel(source), line, text))
    return out


def battery_texts(path: Path, lang: str) -> list[tuple[int, str]]:
    """(line, text) of every `lang` message of a battery's MESSAGES (exercises/batteries/<name>.py:
    en template -> {"ko": ..., "ru": ...}; the runner reads them as it reads exercise.toml's
    [[messages]]: a check's message, its code marked as in _toml_texts), with the line of its key in the file."""
    out = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "MESSAGES" for t in node.targets) \
                and isinstance(node.value, ast.Dict):
            for texts in node.value.values:
                if isinstance(texts, ast.Dict):
                    out += [(key.lineno, _as_code(value.value)) for key, value in zip(texts.keys, texts.values)
                            if isinstance(key, ast.Constant) and key.value == lang
                            and isinstance(value, ast.Constant) and isinstance(value.value, str)]
    return out


def exercise_problems(lang: str, root: Path = exercises.EXERCISES, lists: Path = LISTS, runner: bool = True) -> list[str]:
    """Rejected variants in the exercises' `lang` text, as `file:line: “word” — use “term”`."""
    terms = load(lang, lists)
    return [problem for where, line, text in exercise_texts(lang, root, runner)
            for problem in text_problems(terms, where, text, first_line=line)]


def text_problems(terms: Terminology, where: str, text: str, first_line: int = 1) -> list[str]:
    """Rejected variants in one text outside the pages (a hint, a message, a tooltip), named by `where`."""
    body = "\n".join(prose_lines(text))
    sentences = _sentences(body)
    return [problem for term in terms.terms + terms.headings
            for problem in term_problems(term, where, body, sentences, first_line=first_line)]





# A term whose list entry asks for the English word in parentheses at its first mention: the
# rendering (a pattern), the English word (a pattern on the English page's prose) and the gloss.
FIRST_MENTION_GLOSSES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "ru": (
        (r"внешн\w*\s+сервис\w*", r"\bupstream\b", "(upstream)"),  # ru.yml: upstream
        (r"обёрт\w*", r"\benvelope\b", "(envelope)"),  # ru.yml: envelope (rate-ru12)
    ),
}


# A term whose list entry asks the page to say what it is at its first mention: the rendering (a
# pattern), the English word (a pattern on the English page's prose), what the sentence of the first
# mention names (a pattern) and an example. ru.yml: credential (ru review T-1; rate-ru12, DRF
# architecture and Optimizing said «учётные данные» with nothing to say whether a password or a
# cookie was meant).
FIRST_MENTION_EXPLAINED: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "ru": ((r"учётн\w*\s+данн\w*", r"\bcredentials?\b", r"cookie|токен|парол|логин",
            "учётные данные (логин и пароль, токен или cookie сессии)"),),
}


def first_mention_problems(lang: str, docs: Path = content.DOCS) -> list[str]:
    """ru-style §2, ru.yml (upstream; rate-ru6): on a page whose English prose uses the word, the
    first mention of its rendering carries the English word in parentheses, where a reader will
    search for it: «внешний сервис (upstream)». And (credential; rate-ru12) the sentence of a
    term's first mention says what it is: «учётные данные (cookie сессии или токен)»."""
    out = []
    for page in content.pages(lang, docs):
        if not content.page_path("en", page, docs).exists():
            continue  # a missing translation is test_pages' to report
        english = "\n".join(prose_lines(content.page_path("en", page, docs).read_text(encoding="utf-8")))
        body = "\n".join(prose_lines(content.page_path(lang, page, docs).read_text(encoding="utf-8")))
        for rendering, word, gloss in FIRST_MENTION_GLOSSES.get(lang, ()):
            first = re.search(rendering, body, re.IGNORECASE)
            if first and re.search(word, english, re.IGNORECASE) and not re.match(r"\s*" + re.escape(gloss), body[first.end():]):
                number = body.count("\n", 0, first.start()) + 1
                out.append(f"docs/{lang}/{page}:{number}: “{' '.join(first.group(0).split())}” — the first mention "
                           f"without the English word: write “{' '.join(first.group(0).split())} {gloss}” here, "
                           f"then the Russian alone (guide_tools/website/terminology/{lang}.yml)")
        for rendering, word, names, example in FIRST_MENTION_EXPLAINED.get(lang, ()):
            first = re.search(rendering, body, re.IGNORECASE)
            if not first or not re.search(word, english, re.IGNORECASE):
                continue
            sentence = next(text for start, text in _sentences(body) if start <= first.start() < start + max(len(text), 1))
            if not re.search(names, sentence, re.IGNORECASE):
                number = body.count("\n", 0, first.start()) + 1
                out.append(f"docs/{lang}/{page}:{number}: “{' '.join(first.group(0).split())}” — the first mention "
                           f"does not say what they are: write “{example}” (what this page means) in its sentence "
                           f"(guide_tools/website/terminology/{lang}.yml)")
    return out


def style_problems(lang: str, docs: Path = content.DOCS) -> list[str]:
    """Breaches of the style rules on every page of `lang`."""
    out = []
    for page in content.pages(lang, docs):
        text = content.page_path(lang, page, docs).read_text(encoding="utf-8")
        out += style_text_problems(lang, f"docs/{lang}/{page}", text)
    return out


def exercise_style_problems(lang: str, root: Path = exercises.EXERCISES, runner: bool = True) -> list[str]:
    return [problem for where, line, text in exercise_texts(lang, root, runner)
            for problem in style_text_problems(lang, where, text, first_line=line)]
