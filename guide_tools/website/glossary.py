"""The glossary: per-language term data, the abbreviation lines the build appends to every page,
and a Markdown extension that turns those terms into `<abbr title="…">` tooltips.

Data (see CONTRIBUTING.md, "Glossary terms"):

- `includes/glossary/terms.yml` (language-neutral): term id -> the chapter that shows it, as a
  link relative to `overview/glossary.md`.
- `includes/glossary/<lang>.yml`: term id -> `term` (the heading on the glossary page),
  `forms` (the spellings that get a tooltip in that language's pages) and `tooltip`.

These per-language files live outside docs/ and snippets/ on purpose: they are the one kind of
page text that differs by language *by design*, so the identical-includes rule does not apply
to them. The MkDocs hook appends the page language's file to every page as abbreviation
definitions (`*[WSGI]: …`), the way Material's `auto_append` does for one language.

Why not Python-Markdown's `abbr` as it is: it matches `\\bWSGI\\b`, and Hangul letters are word
characters, so `WSGI는` and `ORM을` (a term followed by a Korean particle) never match.
`GlossaryExtension` keeps `abbr`'s definition syntax and replaces its matching: a form that ends
in a Latin letter or digit must not be followed by one (so `WSGIServer` stays untouched, while
`WSGI는`, `ORM-модели` and `ASGI's` match); a form that ends in Hangul may be followed by a
particle; a Cyrillic form must stand alone, and inflected forms are listed in `forms`. Headings,
links, code and existing `<abbr>` elements are never touched.
"""

from __future__ import annotations

import copy
import functools
import re
import unicodedata
import xml.etree.ElementTree as etree
from pathlib import Path

import yaml
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrBlockprocessor, AbbrTreeprocessor
from markdown.util import AtomicString

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY_DIR = ROOT / "includes" / "glossary"
TERMS_FILE = GLOSSARY_DIR / "terms.yml"
PAGE = "overview/glossary.md"  # the glossary page, the same path in every language

# Elements whose text never gets a tooltip.
SKIP_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "code", "pre", "kbd", "script", "style"}


def _rel(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


# --------------------------------------------------------------------------- data


def language_file(lang: str, base: Path = GLOSSARY_DIR) -> Path:
    return base / f"{lang}.yml"


def load_terms(base: Path = GLOSSARY_DIR) -> dict[str, str]:
    """Term id -> chapter link (relative to overview/glossary.md)."""
    path = base / "terms.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValueError(f"{_rel(path)}: expected `term-id: ../chapter.md#anchor` lines, one per term.")
    return data


@functools.lru_cache(maxsize=16)
def _parsed(text: str):
    """YAML parsed once per text: the hook loads a language's file for every page it builds."""
    return yaml.safe_load(text) or {}


def load_language(lang: str, base: Path = GLOSSARY_DIR) -> dict[str, dict]:
    """Term id -> {"term": str, "forms": [str], "tooltip": str} for one language."""
    path = language_file(lang, base)
    if not path.is_file():
        raise ValueError(f"{_rel(path)} does not exist: every language needs its glossary file (copy en.yml and translate it).")
    data = copy.deepcopy(_parsed(path.read_text(encoding="utf-8")))
    problems = []
    for term_id, entry in data.items():
        if not isinstance(entry, dict):
            problems.append(f"{_rel(path)}: `{term_id}` must map to term, forms and tooltip.")
            continue
        for key, kind in (("term", str), ("tooltip", str), ("forms", list)):
            value = entry.get(key)
            if not isinstance(value, kind) or not value:
                problems.append(f"{_rel(path)}: `{term_id}` needs a non-empty `{key}`.")
        for form in entry.get("forms") or []:
            if not isinstance(form, str) or not form.strip() or "]" in form or "\\" in form:
                problems.append(f"{_rel(path)}: `{term_id}` has the form {form!r}; a form is plain text without `]` or `\\`.")
        tooltip = entry.get("tooltip") or ""
        if "\n" in str(tooltip).strip():
            problems.append(f"{_rel(path)}: the tooltip of `{term_id}` spans several lines; a tooltip is one line.")
    if problems:
        raise ValueError("\n".join(problems))
    return data


def problems(languages: tuple[str, ...], base: Path = GLOSSARY_DIR) -> list[str]:
    """Every term of terms.yml has an entry in every language file, and no language has extra ones."""
    out = []
    try:
        terms = load_terms(base)
    except (OSError, ValueError, yaml.YAMLError) as error:
        return [str(error)]
    for lang in languages:
        path = _rel(language_file(lang, base))
        try:
            entries = load_language(lang, base)
        except (OSError, ValueError, yaml.YAMLError) as error:
            out.append(str(error))
            continue
        for term_id in terms:
            if term_id not in entries:
                out.append(f"{path}: no entry for the term `{term_id}` (listed in {_rel(base / 'terms.yml')}). "
                           "Add its term, forms and tooltip in this language.")
        for term_id in entries:
            if term_id not in terms:
                out.append(f"{path}: `{term_id}` is not in {_rel(base / 'terms.yml')}. "
                           "Add it there with the chapter that shows it, or remove it here.")
    return out


def abbreviation_lines(lang: str, base: Path = GLOSSARY_DIR) -> str:
    """The `*[form]: tooltip` definitions the hook appends to every page of `lang`."""
    lines = []
    for entry in load_language(lang, base).values():
        tooltip = " ".join(str(entry["tooltip"]).split())
        lines += [f"*[{form}]: {tooltip}" for form in entry["forms"]]
    return "\n".join(lines)


# --------------------------------------------------------------------------- matching


def _script(char: str) -> str:
    if char.isascii():
        return "latin" if (char.isalnum() or char == "_") else "other"
    name = unicodedata.name(char, "")
    if name.startswith("HANGUL"):
        return "hangul"
    return "word" if (char.isalnum() or char == "_") else "other"


_LATIN = "A-Za-z0-9_"


def form_pattern(form: str) -> str:
    """The regular expression of one form, with boundaries that work for Korean particles."""
    before = {"latin": f"(?<![{_LATIN}])", "hangul": r"(?<!\w)", "word": r"(?<!\w)"}.get(_script(form[0]), "")
    after = {"latin": f"(?![{_LATIN}])", "hangul": "", "word": r"(?!\w)"}.get(_script(form[-1]), "")
    return before + re.escape(form) + after


def compile_forms(forms) -> re.Pattern[str]:
    ordered = sorted(forms, key=len, reverse=True)  # the longest form wins: "channel layers" before "channel layer"
    return re.compile("|".join(f"(?:{form_pattern(form)})" for form in ordered))


class GlossaryTreeprocessor(AbbrTreeprocessor):
    """`abbr`'s tree processor with Korean-aware boundaries, leaving headings, links and code alone."""

    def iter_element(self, el: etree.Element, parent: etree.Element | None = None) -> None:
        if el.tag in SKIP_TAGS:
            # The element's own text and children are left alone; its tail belongs to the parent.
            if parent is not None and el.tail and not isinstance(el.tail, AtomicString):
                self._wrap_tail(el, parent)
            return
        super().iter_element(el, parent)

    def _wrap_tail(self, el: etree.Element, parent: etree.Element) -> None:
        tail = el.tail
        index = list(parent).index(el) + 1
        for m in reversed(list(self.RE.finditer(tail))):
            title = self.abbrs.get(m.group(0))
            if title:
                parent.insert(index, self.create_element(title, m.group(0), tail[m.end():]))
                tail = tail[:m.start()]
        el.tail = tail

    def run(self, root: etree.Element) -> None:
        if not self.abbrs:
            return
        self.RE = compile_forms(self.abbrs)
        self.iter_element(root)


class GlossaryExtension(Extension):
    """`abbr` with the matching above: the same `*[term]: title` syntax.

    One instance may serve many Markdown objects (the MkDocs hook registers one for the whole
    build), so each Markdown object gets its own abbreviation table.
    """

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        abbrs: dict[str, str] = {}
        md.treeprocessors.register(GlossaryTreeprocessor(md, abbrs), "abbr", 7)
        md.parser.blockprocessors.register(AbbrBlockprocessor(md.parser, abbrs), "abbr", 16)


def makeExtension(**kwargs) -> GlossaryExtension:  # noqa: N802 - the name Markdown looks for
    return GlossaryExtension(**kwargs)
