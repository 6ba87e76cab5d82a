"""The glossary: per-language term data, the abbreviation lines the build appends to every page,
and a Markdown extension that turns those terms into `<abbr title="…">` tooltips.

Data (see contributing/pages-and-translations.md, "Glossary terms"):

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
particle; a Cyrillic form matches in every case form of its head word (the first word: `воркер`
finds `воркерам` and `воркерах`, `слой каналов` finds `слоями каналов`, `миграция` finds
`миграциях`), with either case of its first letter, and never as part of a longer word
(`сериализаторный`). Headings, links, code and existing `<abbr>` elements are never touched.
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


# Russian noun declension by the ending of the nominative singular: (that ending, how many of
# its letters the stem drops, the endings the stem takes, the nominative's included). A form's
# first letter matches in either case, so a sentence's first word gets its tooltip too.
_RUSSIAN_DECLENSIONS = (
    ("ия", 1, ("я", "и", "ю", "ей", "ею", "й", "ям", "ями", "ях")),  # миграция
    ("ие", 1, ("е", "я", "ю", "ем", "и", "й", "ям", "ями", "ях")),  # внедрение
    ("й", 1, ("й", "я", "ю", "ем", "е", "и", "ев", "ёв", "ям", "ями", "ях")),  # слой
    ("ь", 1, ("ь", "я", "ю", "ем", "ём", "е", "и", "ей", "ям", "ями", "ях")),  # путь
    ("а", 1, ("а", "ы", "и", "е", "у", "ой", "ою", "", "ам", "ами", "ах")),  # очередь's kin: задача
    ("", 0, ("", "а", "у", "ом", "е", "ы", "и", "ов", "ей", "ам", "ами", "ах")),  # воркер, консьюмер
)
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_VOWELS = "аеёиоуыэюя"


def russian_head(form: str) -> tuple[str, tuple[str, ...], str] | None:
    """(stem, endings, the rest of the form) of a Cyrillic form whose first word declines, or
    None (a Latin or Hangul form, or a head word that ends in another vowel)."""
    head, space, rest = form.partition(" ")
    if not head.isalpha() or not _CYRILLIC_RE.fullmatch(head[-1]):
        return None
    lower = head.lower()
    for ending, drop, endings in _RUSSIAN_DECLENSIONS:
        if ending and lower.endswith(ending) or not ending and lower[-1] not in _VOWELS + "йь":
            return head[: len(head) - drop], endings, space + rest
    return None


def form_pattern(form: str) -> str:
    """The regular expression of one form, with boundaries that work for Korean particles and
    Russian case endings."""
    if declined := russian_head(form):
        stem, endings, rest = declined
        first = f"[{re.escape(stem[0].lower())}{re.escape(stem[0].upper())}]"
        alternatives = "|".join(re.escape(e) for e in sorted(set(endings), key=len, reverse=True))
        return rf"(?<!\w){first}{re.escape(stem[1:])}(?:{alternatives})" + re.escape(rest).replace(r"\ ", r"\s+") + r"(?!\w)"
    before = {"latin": f"(?<![{_LATIN}])", "hangul": r"(?<!\w)", "word": r"(?<!\w)"}.get(_script(form[0]), "")
    after = {"latin": f"(?![{_LATIN}])", "hangul": "", "word": r"(?!\w)"}.get(_script(form[-1]), "")
    # A space in a form matches a line break too: the source wraps two-word terms (이벤트 / 루프),
    # and a Russian form's rest already does the same above.
    return before + re.escape(form).replace(r"\ ", r"\s+") + after


def compile_forms(forms) -> re.Pattern[str]:
    """One pattern for all forms; group `f<i>` is the i-th form in the order of `ordered_forms()`."""
    return re.compile("|".join(f"(?P<f{i}>{form_pattern(form)})" for i, form in enumerate(ordered_forms(forms))))


def ordered_forms(forms) -> list[str]:
    return sorted(forms, key=len, reverse=True)  # the longest form wins: "channel layers" before "channel layer"


def matched_form(m: re.Match[str], forms: list[str]) -> str:
    """The form (a key of the abbreviation table) that a match of compile_forms() found."""
    return forms[int(m.lastgroup[1:])]


class GlossaryTreeprocessor(AbbrTreeprocessor):
    """`abbr`'s tree processor with Korean-aware boundaries, leaving headings, links and code alone."""

    def iter_element(self, el: etree.Element, parent: etree.Element | None = None) -> None:
        if el.tag not in SKIP_TAGS:
            # The element's own text and children; a skipped element's tail still belongs to the parent.
            for child in reversed(el):
                self.iter_element(child, el)
            if el.text and not isinstance(el.text, AtomicString):
                el.text = self._wrap(el.text, el, 0)
        if parent is not None and el.tail and not isinstance(el.tail, AtomicString):
            el.tail = self._wrap(el.tail, parent, list(parent).index(el) + 1)

    def _wrap(self, text: str, parent: etree.Element, index: int) -> str:
        """Wrap every term in `text` in an `<abbr>` inserted into `parent` at `index`; the text
        before the first term is returned. The title is the matched form's, whatever its case ending."""
        for m in reversed(list(self.RE.finditer(text))):
            title = self.abbrs.get(matched_form(m, self.forms))
            if title:
                parent.insert(index, self.create_element(title, m.group(0), text[m.end():]))
                text = text[:m.start()]
        return text

    def run(self, root: etree.Element) -> None:
        if not self.abbrs:
            return
        self.forms = ordered_forms(self.abbrs)
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
